import { readFile } from 'node:fs/promises';

// Imported by a computed name on purpose: @cdktf/hcl2json's typings pull in the DOM library
// (/// <reference lib="dom" />), which breaks Node's stream types for the whole compilation.
const HCL2JSON = '@cdktf/hcl2json';

/** A Terraform file as JSON (the hcl2json shape: blocks become arrays, expressions stay "${...}" strings). */
export async function parseTerraformFile(file: string): Promise<unknown> {
  const { parse } = (await import(HCL2JSON)) as { parse(name: string, content: string): Promise<unknown> };
  return parse(file, await readFile(file, 'utf8'));
}
