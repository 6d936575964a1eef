import { buildContainer } from '../../src/app/container.js';
import { createApp } from '../../src/app/http/create-app.js';
import { testConfig } from './http-fixture.js';
import { fakeAdapters } from './twin-fixture.js';

/**
 * Every route the app serves with every optional route on, as `METHOD /path` with the router's
 * `:param` syntax (static files and HEAD left out), and the app itself for requests.
 */
export function servedRoutes(): { routes: Set<string>; app: ReturnType<typeof createApp> } {
  // The Prometheus exposition needs the configured sink, not a fake one.
  const { metrics: _fake, ...adapters } = fakeAdapters();
  const app = createApp(buildContainer(testConfig({ TWIN_METRICS: 'prometheus' }), adapters));
  const router = (app.middleware as unknown as { router?: { stack: { methods: string[]; path: string }[] } }[]).find(
    (middleware) => middleware.router,
  )?.router;
  const routes = new Set(
    (router?.stack ?? [])
      .filter((layer) => !layer.path.startsWith('/static/'))
      .flatMap((layer) => layer.methods.filter((m) => m !== 'HEAD').map((method) => `${method} ${layer.path}`)),
  );
  return { routes, app };
}
