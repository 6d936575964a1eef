import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/lambda-bundle.js';

const doc = readFileSync(`${ROOT}docs/deploy.md`, 'utf8');
const commands = [...doc.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((block) => (block[1] ?? '').split('\n'));

describe('docs/deploy.md', () => {
  it('uses the commands the tests run (bundle build, terraform fmt, handler invocation)', () => {
    // lambda-bundle.test.ts runs the build and the invocations; lambda-terraform.test.ts runs terraform fmt.
    expect(commands).toContain('npm run build:lambda');
    expect(commands).toContain('terraform fmt -check -recursive infra/terraform');
    expect(commands).toContain('TWIN_STORE=memory npx tsx scripts/invoke-lambda.ts GET /health');
  });

  it('names every output the stack defines and the secrets the workflow reads', () => {
    for (const output of ['api_url', 'stream_url', 'dashboard_url', 'table_name']) {
      expect(doc).toContain(`terraform output ${output}`);
    }
    const workflow = readFileSync(`${ROOT}.github/workflows/tests.yml`, 'utf8');
    for (const secret of workflow.matchAll(/secrets\.(\w+)/g)) expect(doc).toContain(secret[1]);
  });
});
