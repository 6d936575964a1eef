import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { parseTerraformFile } from './hcl.js';

export const TERRAFORM_DIR = 'infra/terraform';

type Blocks = Record<string, Record<string, Record<string, unknown>[]>>;

/** Every .tf file of the stack, merged the way Terraform reads a folder. */
export interface TerraformStack {
  variable: Record<string, Record<string, unknown>[]>;
  output: Record<string, Record<string, unknown>[]>;
  locals: Record<string, unknown>[];
  resource: Blocks;
  data: Blocks;
  files: string[];
}

export async function loadTerraformStack(dir = TERRAFORM_DIR): Promise<TerraformStack> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.tf')).sort();
  const stack: TerraformStack = { variable: {}, output: {}, locals: [], resource: {}, data: {}, files };
  for (const file of files) {
    const json = (await parseTerraformFile(path.join(dir, file))) as Record<string, unknown>;
    Object.assign(stack.variable, json.variable ?? {});
    Object.assign(stack.output, json.output ?? {});
    stack.locals.push(...((json.locals as Record<string, unknown>[] | undefined) ?? []));
    for (const kind of ['resource', 'data'] as const) {
      for (const [type, named] of Object.entries((json[kind] as Blocks | undefined) ?? {})) {
        stack[kind][type] = { ...stack[kind][type], ...named };
      }
    }
  }
  return stack;
}

/** The one block of `type.name`, failing loudly when it is absent. */
export function block(blocks: Blocks, type: string, name: string): Record<string, unknown> {
  const found = blocks[type]?.[name]?.[0];
  if (!found) throw new Error(`${type}.${name} is not declared`);
  return found;
}

export function local(stack: TerraformStack, name: string): unknown {
  return stack.locals.find((locals) => name in locals)?.[name];
}
