import type { Router } from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { AnalyticsService } from '../../../domain/analytics/analytics-service.js';
import { parseBody } from '../validation.js';

const OverviewQuery = z.object({
  timezone: z.string().max(64).optional(),
  days: z.coerce.number().int().min(1).max(366).optional(),
});
const VersionsQuery = z.object({ days: z.coerce.number().int().min(1).max(366).optional() });
const SeriesQuery = z.object({
  days: z.coerce.number().int().min(1).max(366).default(7),
  granularity: z.enum(['hour', 'day', 'week']).default('day'),
  timezone: z.string().max(64).optional(),
});

/** Owner-only analytics: the overview and series read counters only, never every conversation. */
export function analyticsRoutes(router: Router, analytics: AnalyticsService, admin: Middleware): void {
  router.get('/analytics', admin, async (ctx) => {
    const query = parseBody(OverviewQuery, ctx.query);
    ctx.body = await analytics.overview({ timeZone: query.timezone, days: query.days });
  });

  router.get('/analytics/persona-versions', admin, async (ctx) => {
    const query = parseBody(VersionsQuery, ctx.query);
    ctx.body = await analytics.personaVersions({ days: query.days });
  });

  router.get('/analytics/timeseries', admin, async (ctx) => {
    const query = parseBody(SeriesQuery, ctx.query);
    ctx.body = await analytics.series({ days: query.days, granularity: query.granularity, timeZone: query.timezone });
  });

  router.get('/analytics/conversations/:session_id', admin, async (ctx) => {
    ctx.body = await analytics.conversation(ctx.params.session_id);
  });
}
