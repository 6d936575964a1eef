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

  const openapi = buildOpenApiDocument(info.version);
  router.get('/openapi.json', (ctx) => {
    ctx.body = openapi;
  });
}
