// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these are Terraform interpolations, compared as data
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Router } from '@koa/router';
import { beforeAll, describe, expect, it } from 'vitest';
import { appWith } from '../support/http-fixture.js';
import { block, loadTerraformStack, local, TERRAFORM_DIR, type TerraformStack } from '../support/terraform-stack.js';

const run = promisify(execFile);
let stack: TerraformStack;

beforeAll(async () => {
  stack = await loadTerraformStack();
});

interface Statement {
  sid: string;
  actions: string[];
  resources: string[];
  condition?: { test: string; variable: string; values: string[] }[];
}

function twinStatements(): Statement[] {
  return block(stack.data, 'aws_iam_policy_document', 'twin').statement as Statement[];
}

/** The routes the Koa app defines, in API Gateway's route key syntax ({param}, {name+}). */
function appRouteKeys(): string[] {
  const { app } = appWith();
  const dispatch = app.middleware.find((fn) => (fn as { router?: Router }).router) as unknown as { router: Router };
  return dispatch.router.stack.flatMap((layer) =>
    layer.methods
      .filter((method) => method !== 'HEAD')
      .map(
        (method) =>
          `${method} ${String(layer.path)
            .replace(/:(\w+)/g, '{$1}')
            .replace(/\*(\w+)/g, '{$1+}')}`,
      ),
  );
}

describe('the Terraform stack', () => {
  it('passes terraform fmt -check', async () => {
    await expect(run('terraform', ['fmt', '-check', '-recursive', TERRAFORM_DIR])).resolves.toBeDefined();
  });

  it('describes every variable, in every file', () => {
    const names = Object.keys(stack.variable);
    expect(names).toEqual(expect.arrayContaining(['aws_region', 'lambda_memory_mb', 'lambda_timeout_seconds']));
    for (const name of names) {
      expect(String(stack.variable[name]?.[0]?.description ?? ''), name).toMatch(/\w{3,}/);
    }
  });

  it('routes every route the app defines, and nothing it does not', () => {
    const routed = (local(stack, 'app_routes') as string[]).slice().sort();
    const defined = [...new Set(appRouteKeys())].sort();
    expect(defined.length).toBeGreaterThan(15);
    expect(routed).toEqual(defined);
    const routes = block(stack.resource, 'aws_apigatewayv2_route', 'app');
    expect(routes.for_each).toContain('local.app_routes');
    expect(routes.for_each).toContain('local.preflight_route');
    expect(local(stack, 'preflight_route')).toBe('OPTIONS /{proxy+}');
  });

  it('configures CORS in one place only: the app, never API Gateway or the Function URL', () => {
    expect(block(stack.resource, 'aws_apigatewayv2_api', 'twin').cors_configuration).toBeUndefined();
    const url = block(stack.resource, 'aws_lambda_function_url', 'stream');
    expect(url.cors).toBeUndefined();
    expect(url.invoke_mode).toBe('RESPONSE_STREAM');
    const environment = local(stack, 'lambda_environment') as string;
    expect(environment).toContain('CORS_ORIGINS');
  });

  it('lets the functions reach only this table and its index', () => {
    const table = twinStatements().find((s) => s.actions.some((a) => a.startsWith('dynamodb:')));
    const gsi = (
      block(stack.resource, 'aws_dynamodb_table', 'conversations').global_secondary_index as {
        name: string;
      }[]
    )[0]?.name;
    expect(table?.resources.sort()).toEqual(
      ['${aws_dynamodb_table.conversations.arn}', `\${aws_dynamodb_table.conversations.arn}/index/${gsi}`].sort(),
    );
    expect(table?.actions).not.toContain('dynamodb:Scan');
    expect(table?.actions.every((a) => !a.includes('*'))).toBe(true);
  });

  it('grants exactly the DynamoDB actions the adapters send at run time, answers included', () => {
    // Document-client command -> IAM action. create-table.ts is the operator's CLI, not the functions'.
    const ACTIONS: Record<string, string> = {
      GetCommand: 'dynamodb:GetItem',
      PutCommand: 'dynamodb:PutItem',
      UpdateCommand: 'dynamodb:UpdateItem',
      DeleteCommand: 'dynamodb:DeleteItem',
      QueryCommand: 'dynamodb:Query',
      BatchWriteCommand: 'dynamodb:BatchWriteItem',
      BatchGetCommand: 'dynamodb:BatchGetItem',
    };
    const dir = new URL('../../src/adapters/dynamodb/', import.meta.url);
    const sent = new Set<string>();
    for (const file of readdirSync(dir).filter((name) => name !== 'create-table.ts')) {
      for (const match of readFileSync(new URL(file, dir), 'utf8').matchAll(/new (\w+Command)\(/g)) {
        const action = ACTIONS[match[1] ?? ''];
        expect(action, `${file}: ${match[1]} has no entry here; grant it in iam.tf if it is needed`).toBeDefined();
        sent.add(action as string);
      }
    }
    expect(readFileSync(new URL('dynamo-answer-book.ts', dir), 'utf8')).toMatch(/new GetCommand\(/);
    const table = twinStatements().find((s) => s.actions.some((a) => a.startsWith('dynamodb:')));
    expect([...(table?.actions ?? [])].sort()).toEqual([...sent].sort());
  });

  it('allows PutMetricData only in the twin namespace, and logs only to its own log groups', () => {
    const statements = twinStatements();
    expect(statements).toHaveLength(3);
    const metrics = statements.find((s) => s.actions.includes('cloudwatch:PutMetricData'));
    expect(metrics?.actions).toEqual(['cloudwatch:PutMetricData']);
    expect(metrics?.condition).toEqual([
      { test: 'StringEquals', variable: 'cloudwatch:namespace', values: ['${var.metrics_namespace}'] },
    ]);
    expect(stack.variable.metrics_namespace?.[0]?.default).toBe('DigitalTwin');
    const logs = statements.find((s) => s.actions.some((a) => a.startsWith('logs:')));
    expect(logs?.actions.sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    expect(logs?.resources.sort()).toEqual([
      '${aws_cloudwatch_log_group.api.arn}:*',
      '${aws_cloudwatch_log_group.stream.arn}:*',
    ]);
    // Only the metrics statement may name "*", and only because PutMetricData has no ARN.
    for (const statement of statements.filter((s) => s !== metrics)) expect(statement.resources).not.toContain('*');
  });

  it('lets the functions invoke exactly the Bedrock model, and only when Bedrock answers', () => {
    const dynamic = block(stack.data, 'aws_iam_policy_document', 'twin').dynamic as {
      statement: { for_each: string; content: Statement[] }[];
    };
    const [bedrockStatement, ...others] = dynamic.statement;
    expect(others).toEqual([]);
    expect(bedrockStatement?.for_each).toBe('${local.bedrock_enabled ? [local.bedrock_model_arns] : []}');
    expect(bedrockStatement?.content).toEqual([
      {
        sid: 'BedrockModel',
        actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
        resources: '${statement.value}',
      },
    ]);
    expect(local(stack, 'bedrock_enabled')).toBe('${var.model_provider == "bedrock"}');
    // The model's ARN, or the profile's and the models it routes to: never a wildcard.
    const arns = String(local(stack, 'bedrock_model_arns'));
    expect(arns).toContain('data.aws_bedrock_inference_profile.twin[0].inference_profile_arn');
    expect(arns).toContain('data.aws_bedrock_inference_profile.twin[0].models[*].model_arn');
    expect(arns).toContain('[local.bedrock_foundation_model_arn]');
    expect(arns.replaceAll('[*]', '')).not.toContain('*');
    expect(block(stack.data, 'aws_bedrock_inference_profile', 'twin')).toEqual({
      count: '${local.bedrock_enabled && local.bedrock_uses_profile ? 1 : 0}',
      inference_profile_id: '${var.bedrock_model_id}',
    });
  });

  it('reads a model id as one foundation-model ARN in the region, and a profile id or ARN as a profile', async () => {
    // The stack's own expressions, evaluated by Terraform offline over sample ids.
    const expression = (name: string) =>
      String(local(stack, name))
        .slice(2, -1)
        .replaceAll('var.bedrock_model_id', 'id')
        .replaceAll('data.aws_partition.current.partition', '"aws"');
    const dir = await mkdtemp(path.join(tmpdir(), 'twin-tf-'));
    try {
      await writeFile(
        path.join(dir, 'main.tf'),
        `variable "ids" { type = list(string) }\nvariable "aws_region" { type = string }\n` +
          `locals { out = { for id in var.ids : id => [${expression('bedrock_uses_profile')}, ${expression('bedrock_foundation_model_arn')}] } }\n`,
      );
      const ids = [
        'amazon.nova-lite-v1:0',
        'amazon.nova-micro-v1:0',
        'us.amazon.nova-lite-v1:0',
        'eu.amazon.nova-pro-v1:0',
        'apac.amazon.nova-lite-v1:0',
        'arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.amazon.nova-lite-v1:0',
      ];
      const evaluation = run('terraform', ['console', `-var=ids=${JSON.stringify(ids)}`, '-var=aws_region=eu-west-1'], {
        cwd: dir,
      });
      evaluation.child.stdin?.end('jsonencode(local.out)\n');
      const { stdout } = await evaluation;
      const out = JSON.parse(JSON.parse(stdout.trim().split('\n').at(-1) ?? '""')) as Record<string, [boolean, string]>;
      expect(out['amazon.nova-lite-v1:0']).toEqual([
        false,
        'arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-lite-v1:0',
      ]);
      expect(out['amazon.nova-micro-v1:0']?.[0]).toBe(false);
      for (const profile of ids.slice(2)) expect(out[profile]?.[0], profile).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true, maxRetries: 5 });
    }
  });

  it('passes the model choice to the app and needs no OpenAI secret for Bedrock', () => {
    const provider = stack.variable.model_provider?.[0];
    expect(provider?.default).toBe('openai');
    expect(JSON.stringify(provider?.validation)).toContain('bedrock');
    expect(stack.variable.bedrock_model_id?.[0]?.default).toBe('amazon.nova-lite-v1:0');
    expect(stack.variable.openai_api_key?.[0]?.default).toBe('');
    const environment = String(local(stack, 'lambda_environment')).replace(/\s+/g, ' ');
    expect(environment).toContain('TWIN_MODEL = var.model_provider == "openai" ? "auto" : var.model_provider');
    expect(environment).toContain('OPENAI_API_KEY = var.model_provider == "openai" ? var.openai_api_key : ""');
    expect(environment).toContain('BEDROCK_MODEL_ID = local.bedrock_enabled ? var.bedrock_model_id : ""');
  });

  it('runs both handlers on arm64 Node 22+ with the sizing variables, and keeps logs for a bounded time', () => {
    for (const [name, handler] of [
      ['api', 'index.handler'],
      ['stream', 'index.streamHandler'],
    ]) {
      const fn = block(stack.resource, 'aws_lambda_function', name as string);
      expect(fn.handler).toBe(handler);
      expect(fn.architectures).toEqual(['arm64']);
      expect(fn.runtime).toBe('${var.lambda_runtime}');
      expect(fn.memory_size).toBe('${var.lambda_memory_mb}');
      expect(fn.reserved_concurrent_executions).toBe('${var.lambda_reserved_concurrency}');
    }
    expect(stack.variable.lambda_runtime?.[0]?.default).toMatch(/^nodejs2[24]\.x$/);
    for (const name of ['api', 'stream', 'api_access']) {
      expect(block(stack.resource, 'aws_cloudwatch_log_group', name).retention_in_days).toBe(
        '${var.log_retention_days}',
      );
    }
  });

  it('wires the dashboard and alarms to the API function and outputs the four URLs and names', () => {
    expect(block(stack.resource, 'aws_lambda_function', 'api').function_name).toBe('${var.monitoring_function_name}');
    expect(stack.files).toEqual(expect.arrayContaining(['monitoring.tf', 'alarms.tf', 'dynamodb.tf']));
    expect(Object.keys(stack.output)).toEqual(
      expect.arrayContaining(['api_url', 'stream_url', 'table_name', 'dashboard_url']),
    );
  });
});
