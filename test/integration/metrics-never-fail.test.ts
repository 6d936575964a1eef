import supertest from 'supertest';
import { describe, expect, it } from 'vitest';
import { InMemoryMetricsSink } from '../../src/adapters/memory/metrics.js';
import { silentLogger } from '../../src/adapters/memory/recording-logger.js';
import { FanOutMetricsSink } from '../../src/adapters/system/fan-out-metrics-sink.js';
import { loadConfig } from '../../src/app/config.js';
import { buildContainer } from '../../src/app/container.js';
import { createApp } from '../../src/app/http/create-app.js';
import { metricsFor } from '../../src/app/metrics-sinks.js';
import type { MetricPoint, MetricsSink } from '../../src/ports/metrics-sink.js';
import { testConfig } from '../support/http-fixture.js';
import { fakeAdapters } from '../support/twin-fixture.js';

class ExplodingSink implements MetricsSink {
  record(_point: MetricPoint): void {
    throw new Error('metrics backend on fire');
  }
  async flush(): Promise<void> {
    throw new Error('still on fire');
  }
}

describe('metrics never fail a request', () => {
  it('answers chats normally when a sink throws on every point', async () => {
    const exploding = new ExplodingSink();
    const broken = createApp(buildContainer(testConfig(), { ...fakeAdapters(), metrics: exploding }));
    const reply = await supertest(broken.callback())
      .post('/chat')
      .send({ message: 'Where are you based?' })
      .expect(200);
    expect(reply.body.response).toContain('Where are you based?');
    await supertest(broken.callback()).post('/chat/stream').send({ message: 'And now?' }).expect(200);
  });

  it('fans out to every sink, skipping one that throws, and flushes all of them', async () => {
    const good = new InMemoryMetricsSink();
    const fan = new FanOutMetricsSink([new ExplodingSink(), good]);
    fan.record({ name: 'Requests', value: 1, unit: 'Count' });
    await expect(fan.flush()).resolves.toBeUndefined();
    expect(good.named('Requests')).toHaveLength(1);
    expect(fan.failedRecords).toBe(1);
  });

  it('builds the sinks TWIN_METRICS names', () => {
    const both = metricsFor(loadConfig({ TWIN_METRICS: 'emf,prometheus' }), silentLogger);
    expect(both.sink).toBeInstanceOf(FanOutMetricsSink);
    expect(both.prometheus).not.toBeNull();
    const none = metricsFor(loadConfig({ TWIN_METRICS: 'none' }), silentLogger);
    expect(none.prometheus).toBeNull();
    expect(none.sink).not.toBeInstanceOf(FanOutMetricsSink);
  });
});
