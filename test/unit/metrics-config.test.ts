import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/app/config.js';

describe('metrics configuration', () => {
  it('defaults to prometheus on a host and to EMF on Lambda', () => {
    expect(loadConfig({}).metrics.sinks).toEqual(['prometheus']);
    const lambda = loadConfig({ AWS_LAMBDA_FUNCTION_NAME: 'twin-prod' });
    expect(lambda.metrics.sinks).toEqual(['emf']);
    expect(lambda.metrics.functionName).toBe('twin-prod');
  });

  it('combines sinks from a comma list, ignoring case, spaces and repeats; none turns them off', () => {
    expect(loadConfig({ TWIN_METRICS: ' EMF, cloudwatch ,emf' }).metrics.sinks).toEqual(['emf', 'cloudwatch']);
    expect(loadConfig({ TWIN_METRICS: 'none' }).metrics.sinks).toEqual([]);
    expect(loadConfig({ TWIN_METRICS: '' }).metrics.sinks).toEqual([]);
  });

  it('names an unknown sink in one line', () => {
    expect(() => loadConfig({ TWIN_METRICS: 'emf,statsd' })).toThrow(ConfigError);
    expect(() => loadConfig({ TWIN_METRICS: 'emf,statsd' })).toThrow(/TWIN_METRICS: unknown sink statsd/);
  });

  it('merges TWIN_MODEL_PRICES over the default prices and rejects a malformed table', () => {
    const config = loadConfig({
      TWIN_MODEL_PRICES: '{"llama3": {"input": 0.05, "output": 0.1}, "gpt-4o": {"input": 1, "output": 2}}',
    });
    expect(config.modelPrices.llama3).toEqual({ input: 0.05, output: 0.1 });
    expect(config.modelPrices['gpt-4o']).toEqual({ input: 1, output: 2 });
    expect(config.modelPrices['gpt-4o-mini']).toBeDefined();
    expect(() => loadConfig({ TWIN_MODEL_PRICES: '{oops' })).toThrow(/TWIN_MODEL_PRICES: is not valid JSON/);
    expect(() => loadConfig({ TWIN_MODEL_PRICES: '{"m": {"input": -1, "output": 0}}' })).toThrow(/TWIN_MODEL_PRICES/);
  });

  it('reads namespace, port, flush interval, region and endpoint', () => {
    const { metrics } = loadConfig({
      TWIN_METRICS_NAMESPACE: 'Twins/Prod',
      TWIN_METRICS_PORT: '9464',
      TWIN_METRICS_FLUSH_SECONDS: '30',
      AWS_REGION: 'eu-west-1',
      TWIN_CLOUDWATCH_ENDPOINT: 'http://127.0.0.1:5000',
      TWIN_METRICS_FUNCTION_NAME: 'twin-laptop',
    });
    expect(metrics).toMatchObject({
      namespace: 'Twins/Prod',
      port: 9464,
      flushSeconds: 30,
      region: 'eu-west-1',
      cloudwatchEndpoint: 'http://127.0.0.1:5000',
      functionName: 'twin-laptop',
    });
    expect(() => loadConfig({ TWIN_CLOUDWATCH_ENDPOINT: 'not a url' })).toThrow(/TWIN_CLOUDWATCH_ENDPOINT/);
  });
});
