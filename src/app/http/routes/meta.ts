import type { Router } from '@koa/router';
import { buildOpenApiDocument } from '../openapi.js';

export interface ServiceInfo {
  readonly version: string;
  readonly storage: string;
  readonly model: string;
  readonly startedAt: number;
}

export function metaRoutes(router: Router, info: ServiceInfo): void {
  router.get('/', (ctx) => {
    ctx.body = {
      message: 'Digital twin API. POST /chat to talk to the twin; GET /openapi.json describes every route.',
      version: info.version,
      storage: info.storage,
      model: info.model,
    };
  });

  router.get('/health', (ctx) => {
    ctx.body = {
      status: 'healthy',
      version: info.version,
      storage: info.storage,
      model: info.model,
      uptime_seconds: Math.round((Date.now() - info.startedAt) / 1000),
    };
  });

  // Built on the first request for it, not at start: a cold start only pays for what it serves.
  let openapi: object | undefined;
  router.get('/openapi.json', (ctx) => {
    openapi ??= buildOpenApiDocument(info.version);
    ctx.body = openapi;
  });
}
