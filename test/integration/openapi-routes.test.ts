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
