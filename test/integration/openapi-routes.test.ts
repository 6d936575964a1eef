import request from 'supertest';
import { expect, it } from 'vitest';
import { servedRoutes } from '../support/served-routes.js';

it('/openapi.json describes exactly the routes the app serves, each with its methods', async () => {
  const { routes, app } = servedRoutes();
  const served = new Set([...routes].map((route) => route.toLowerCase().replace(/:(\w+)/g, '{$1}')));
  const res = await request(app.callback()).get('/openapi.json').expect(200);
  const documented = new Set(
    Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path.toLowerCase()}`),
    ),
  );
  expect(served.size).toBeGreaterThan(10);
  expect([...served].filter((route) => !documented.has(route))).toEqual([]);
  expect([...documented].filter((route) => !served.has(route))).toEqual([]);
});

it('/openapi.json lists the statuses the middleware gives: bodies, parameters, admin, chat turns, errors', async () => {
  const { app } = servedRoutes();
  const res = await request(app.callback()).get('/openapi.json').expect(200);
  const paths = res.body.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
  const statuses = (path: string, method: string) => Object.keys(paths[path]?.[method]?.responses ?? {});
  for (const path of ['/chat', '/chat/stream', '/v1/chat/completions', '/v1/responses']) {
    expect(statuses(path, 'post')).toEqual(expect.arrayContaining(['200', '400', '409', '413', '415', '429', '503']));
  }
  expect(statuses('/sessions', 'get')).toEqual(expect.arrayContaining(['400', '401']));
  expect(statuses('/persona/avatar', 'get')).toContain('304');
  expect(statuses('/conversation/{session_id}', 'delete')).toContain('503');
  expect(statuses('/analytics/export', 'get')).toContain('503');
  expect(statuses('/analytics/knowledge-gaps/{id}/dismiss', 'post')).toContain('413');
  expect(statuses('/health', 'get')).not.toContain('503');
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) expect(Object.keys(operation.responses)).toContain('500');
  }
});
