import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../support/cli.js';

interface Workflow {
  jobs: Record<
    string,
    { 'runs-on': string; strategy?: { matrix?: { node?: number[] } }; steps: { run?: string; uses?: string }[] }
  >;
}

const workflow = parse(readFileSync(`${repoRoot}.github/workflows/tests.yml`, 'utf8')) as Workflow;
const runs = (job: string) => (workflow.jobs[job]?.steps ?? []).map((s) => s.run ?? s.uses ?? '').join('\n');

describe('GitHub Actions workflow', () => {
  it("covers the seed's five jobs, plus typecheck", () => {
    expect(Object.keys(workflow.jobs).sort()).toEqual(['docker', 'lint', 'security', 'test', 'typecheck', 'web']);
  });

  it('tests on Node 20, 22 and 24 with coverage reports', () => {
    expect(workflow.jobs.test?.strategy?.matrix?.node).toEqual([20, 22, 24]);
    expect(runs('test')).toMatch(/--coverage.*lcov.*cobertura/s);
  });

  it('lints with Biome, checks the dependency rule and terraform formatting', () => {
    expect(runs('lint')).toContain('biome ci');
    expect(runs('lint')).toContain('depcruise');
    expect(runs('lint')).toContain('terraform fmt -check');
  });

  it('has terraform for the stack test and keeps the Lambda package the tests built', () => {
    expect(runs('test')).toContain('hashicorp/setup-terraform');
    expect(runs('test')).toContain('actions/upload-artifact');
    const upload = workflow.jobs.test?.steps.find(
      (step) =>
        step.uses?.startsWith('actions/upload-artifact') &&
        (step as { with?: { path?: string } }).with?.path === 'dist/lambda/',
    );
    expect(upload).toBeDefined();
  });

  it('builds the image, smoke-runs it and scans it', () => {
    expect(runs('docker')).toContain('/health');
    expect(runs('security')).toContain('npm audit --audit-level=high');
    expect(runs('security')).toContain('trivy');
  });
});
