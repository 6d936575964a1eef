import { Gauge } from 'prom-client';
import supertest from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { StaticPersonaSource } from '../../src/adapters/memory/static-persona-source.js';
import { PrometheusMetricsSink } from '../../src/adapters/prometheus/prometheus-metrics-sink.js';
import { buildContainer } from '../../src/app/container.js';
import { createApp } from '../../src/app/http/create-app.js';
import { type RunningServer, startServer } from '../../src/app/server.js';
import { ADMIN_TOKEN, testConfig } from '../support/http-fixture.js';
import { testPersona } from '../support/personas.js';

interface Sample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

/** Parses the Prometheus text exposition format strictly: every line is a comment or a valid sample. */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  const line = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (-?[0-9.e+-]+|NaN|\+Inf|-Inf)( -?\d+)?$/;
  for (const raw of text.split('\n')) {
    if (raw === '' || raw.startsWith('# HELP ') || raw.startsWith('# TYPE ')) continue;
    const match = line.exec(raw);
    if (!match) throw new Error(`not a valid exposition line: ${raw}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1]!] = pair[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    samples.push({ name: match[1]!, labels, value: Number(match[4]!.replace('+Inf', 'Infinity')) });
  }
  return samples;
}

function total(samples: Sample[], name: string, where: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(where).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

function prometheusApp() {
  const config = testConfig({ TWIN_METRICS: 'prometheus' });
  const container = buildContainer(config, { persona: new StaticPersonaSource(testPersona()) });
  return supertest(createApp(container).callback());
}

describe('GET /metrics (prometheus)', () => {
  it('answers only with the admin token', async () => {
    const http = prometheusApp();
    await http.get('/metrics').expect(401);
    await http.get('/metrics').set('Authorization', 'Bearer wrong').expect(401);
    await http.get('/metrics').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200);
  });

  it('counts a request refused by the per-client limit under its route, on /chat and /v1', async () => {
    const config = testConfig({ TWIN_METRICS: 'prometheus', TWIN_RATE_LIMIT_PER_MINUTE: '1' });
    const container = buildContainer(config, { persona: new StaticPersonaSource(testPersona()) });
    const http = supertest(createApp(container).callback());
    await http.post('/chat').send({ message: 'Where are you based?' }).expect(200);
    await http.post('/chat').send({ message: 'And again?' }).expect(429);
    await http
      .post('/v1/chat/completions')
      .send({ model: 'twin', messages: [{ role: 'user', content: 'Hi?' }] })
      .expect(429);
    const samples = parseExposition(
      (await http.get('/metrics').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200)).text,
    );
    expect(total(samples, 'digital_twin_requests_total', { route: '/chat', status: '429' })).toBe(1);
    expect(total(samples, 'digital_twin_requests_total', { route: '/v1/chat/completions', status: '429' })).toBe(1);
    expect(total(samples, 'digital_twin_requests_total', { route: 'unmatched' })).toBe(0);
  });

  it('counts a body refused before routing (400, 413, 415), a 405 and a preflight under their route', async () => {
    const http = prometheusApp();
    await http.post('/chat').set('Content-Type', 'application/json').send('{"message": ').expect(400);
    await http
      .post('/chat/stream')
      .send({ message: 'x'.repeat(70 * 1024) })
      .expect(413);
    await http.post('/v1/responses').set('Content-Type', 'application/json; charset=latin1').send('{}').expect(415);
    await http.get('/no/such/route').expect(404);
    await http.put('/chat').send({}).expect(405);
    await http
      .options('/v1/responses')
      .set('Origin', 'https://elsewhere.example')
      .set('Access-Control-Request-Method', 'POST');
    const samples = parseExposition(
      (await http.get('/metrics').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200)).text,
    );
    expect(total(samples, 'digital_twin_requests_total', { route: '/chat', status: '400' })).toBe(1);
    expect(total(samples, 'digital_twin_requests_total', { route: '/chat/stream', status: '413' })).toBe(1);
    expect(total(samples, 'digital_twin_requests_total', { route: '/v1/responses', status: '415' })).toBe(1);
    expect(total(samples, 'digital_twin_requests_total', { route: 'unmatched', status: '404' })).toBe(1);
    expect(total(samples, 'digital_twin_requests_total', { route: '/chat', status: '405' })).toBe(1);
    expect(total(samples, 'digital_twin_requests_total', { route: '/v1/responses' })).toBe(2);
    expect(total(samples, 'digital_twin_requests_total', { route: 'unmatched' })).toBe(1);
  });

  it('exposes a request counter that matches the requests made, and latency as a histogram', async () => {
    const http = prometheusApp();
    const chats = 7;
    let session: string | undefined;
    for (let i = 0; i < chats; i += 1) {
      const reply = await http
        .post('/chat')
        .send({ message: `Question ${i}?`, session_id: session })
        .expect(200);
      session = reply.body.session_id;
    }
    await http.get('/health').expect(200);
    await http.post('/chat').send({ message: '' }).expect(400);
    const response = await http.get('/metrics').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parseExposition(response.text);
    expect(total(samples, 'digital_twin_requests_total', { route: '/chat', status: '200' })).toBe(chats);
    expect(total(samples, 'digital_twin_requests_total', { route: '/chat', status: '400' })).toBe(1);
    // Every request before this scrape is counted: the scrape itself is counted when it ends.
    expect(total(samples, 'digital_twin_requests_total')).toBe(chats + 2);
    expect(total(samples, 'digital_twin_request_latency_seconds_count', { route: '/chat' })).toBe(chats + 1);
    const buckets = samples.filter(
      (s) => s.name === 'digital_twin_request_latency_seconds_bucket' && s.labels.route === '/chat',
    );
    expect(buckets.find((b) => b.labels.le === '+Inf')?.value).toBe(chats + 1);
    expect(total(samples, 'digital_twin_conversation_count_total')).toBe(1);
    expect(total(samples, 'digital_twin_question_count_total')).toBe(chats);
    expect(total(samples, 'digital_twin_errors_total', { code: 'invalid_input' })).toBe(1);
    expect(total(samples, 'digital_twin_cold_start_total')).toBe(1);
    expect(total(samples, 'digital_twin_process_memory_bytes')).toBeGreaterThan(0);
    expect(samples.some((s) => s.name === 'digital_twin_process_resident_memory_bytes')).toBe(true);
  });

  it('is described in the OpenAPI document as an admin route', async () => {
    const doc = await prometheusApp().get('/openapi.json').expect(200);
    expect(doc.body.paths['/metrics'].get.security).toEqual([{ admin: [] }]);
  });

  it('is absent when prometheus is not configured', async () => {
    const config = testConfig({ TWIN_METRICS: 'none' });
    const container = buildContainer(config, { persona: new StaticPersonaSource(testPersona()) });
    await supertest(createApp(container).callback())
      .get('/metrics')
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .expect(404);
  });
});

describe('PrometheusMetricsSink', () => {
  it('keeps the labels it was created with, whatever a point carries', async () => {
    const sink = new PrometheusMetricsSink({ processMetrics: false });
    sink.record({
      name: 'Requests',
      value: 1,
      unit: 'Count',
      dimensions: { Route: '/x', Status: '200', Extra: 'dropped' },
    });
    sink.record({ name: 'Requests', value: 2, unit: 'Count', dimensions: { Route: 'ünïcode "quoted"\n' } });
    sink.record({ name: 'Custom.Thing', value: 3, unit: 'Count' });
    sink.record({ name: 'Requests', value: Number.NaN, unit: 'Count' });
    const samples = parseExposition(await sink.metrics());
    expect(total(samples, 'digital_twin_requests_total')).toBe(3);
    expect(total(samples, 'digital_twin_requests_total', { route: 'ünïcode "quoted"\n', status: '' })).toBe(2);
    expect(samples.every((s) => !('extra' in s.labels))).toBe(true);
    expect(total(samples, 'digital_twin_custom_thing_total')).toBe(3);
  });
});

describe('the exposition format', () => {
  it('spells a NaN sample "NaN", as the format requires', async () => {
    const sink = new PrometheusMetricsSink({ processMetrics: false });
    new Gauge({ name: 'digital_twin_probe_ratio', help: 'a probe', registers: [sink.registry] }).set(Number.NaN);
    const text = await sink.metrics();
    expect(text).toMatch(/^digital_twin_probe_ratio NaN$/m);
    expect(parseExposition(text).find((s) => s.name === 'digital_twin_probe_ratio')?.value).toBeNaN();
  });

  it('stays valid when scrapes come faster than the event-loop monitor samples', async () => {
    // The lag histogram is reset by every scrape: back-to-back scrapes see it empty (mean NaN).
    const sink = new PrometheusMetricsSink();
    for (let i = 0; i < 20; i++) parseExposition(await sink.metrics());
  });
});

describe('TWIN_METRICS_PORT', () => {
  let running: RunningServer | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('serves /metrics on its own port without the admin token, and nothing else', async () => {
    const config = testConfig({ TWIN_METRICS: 'prometheus', PORT: '0', HOST: '127.0.0.1', TWIN_METRICS_PORT: '0' });
    running = await startServer(config, { persona: new StaticPersonaSource(testPersona()) });
    expect(running.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    await fetch(`${running.url}/chat`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ message: 'hello' }),
    });
    const scraped = await fetch(running.metricsUrl!);
    expect(scraped.status).toBe(200);
    expect(total(parseExposition(await scraped.text()), 'digital_twin_requests_total', { route: '/chat' })).toBe(1);
    const elsewhere = await fetch(running.metricsUrl!.replace('/metrics', '/chat'));
    expect(elsewhere.status).toBe(404);
    expect(((await elsewhere.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect((await fetch(`${running.url}/metrics`)).status).toBe(401);
  });
});
