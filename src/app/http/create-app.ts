import { Router } from '@koa/router';
import type { Container } from 'inversify';
import Koa from 'koa';
import { TOKENS } from '../tokens.js';
import { VERSION } from '../version.js';
import { accessLog } from './access-log.js';
import { adminOnly } from './admin-auth.js';
import { corsAllows, corsFor } from './cors.js';
import { errorMiddleware } from './errors.js';
import { jsonBody } from './json-body.js';
import { PersonaAvatar } from './persona-avatar.js';
import { limitChat, limitIpBeforeBody } from './rate-limit.js';
import { requestId } from './request-id.js';
import { requestMetrics } from './request-metrics.js';
import { nameRoute } from './route-name.js';
import { analyticsRoutes } from './routes/analytics.js';
import { answerRoutes } from './routes/answers.js';
import { chatRoutes } from './routes/chat.js';
import { conversationRoutes } from './routes/conversations.js';
import { exportRoutes } from './routes/exports.js';
import { feedbackRoutes } from './routes/feedback.js';
import { knowledgeRoutes } from './routes/knowledge.js';
import { metaRoutes } from './routes/meta.js';
import { metricsRoutes } from './routes/metrics.js';
import { openAiCompatibleRoutes } from './routes/openai-compatible.js';
import { webRoutes } from './routes/web.js';
import { widgetRoutes } from './routes/widget.js';
import { securityHeaders } from './security-headers.js';
import { staticAssetsOnDemand } from './static-assets.js';

/** Builds the Koa app from a container. It never listens: callers do (or use app.callback()). */
export function createApp(container: Container): Koa {
  const config = container.get(TOKENS.Config);
  const service = container.get(TOKENS.TwinService);
  const logger = container.get(TOKENS.Logger);
  const admin = adminOnly(container.get(TOKENS.AdminToken));

  // Only the address our proxy appended is believed: entries left of it are whatever the client
  // sent, and would buy a fresh rate limit and budget share per request.
  const app = new Koa({ proxy: config.trustProxy, maxIpsCount: 1 });
  app.silent = true; // errors are logged by errorMiddleware, with the request id
  const router = new Router();
  webRoutes(router, {
    assets: staticAssetsOnDemand(),
    persona: container.get(TOKENS.Persona),
    avatar: new PersonaAvatar(config.personaDir),
  });
  widgetRoutes(router, {
    assets: staticAssetsOnDemand(), // one table, read once per process, on first use
    corsAllows: corsAllows(config.corsOrigins),
    frameAncestors: config.frameAncestors,
  });
  metaRoutes(router, { version: VERSION, storage: config.store, model: service.modelName, startedAt: Date.now() });
  const limit = limitChat(container.get(TOKENS.ChatRateLimits));
  chatRoutes(router, service, logger, limit);
  const exports = container.get(TOKENS.ConversationExports);
  conversationRoutes(router, service, admin, exports);
  feedbackRoutes(router, container.get(TOKENS.FeedbackService), admin);
  exportRoutes(router, exports, admin, logger);
  openAiCompatibleRoutes(router, {
    chat: service,
    clock: container.get(TOKENS.Clock),
    logger,
    startedAt: Date.now(),
    limit,
  });
  analyticsRoutes(router, container.get(TOKENS.AnalyticsService), admin);
  const { prometheus } = container.get(TOKENS.ConfiguredMetrics);
  if (prometheus) metricsRoutes(router, prometheus, admin);
  knowledgeRoutes(router, container.get(TOKENS.KnowledgeService), admin);
  answerRoutes(router, container.get(TOKENS.KnowledgeService), admin);

  app.use(requestId);
  app.use(securityHeaders({ frameAncestors: config.frameAncestors }));
  app.use(accessLog(logger));
  app.use(requestMetrics(container.get(TOKENS.Metrics)));
  app.use(errorMiddleware(logger));
  app.use(corsFor(config.corsOrigins));
  // Over-limit clients are refused before their body is read, then the body is decoded.
  app.use(nameRoute(router));
  app.use(limitIpBeforeBody(container.get(TOKENS.ChatRateLimits), router, limit));
  app.use(jsonBody());
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
