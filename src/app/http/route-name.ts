import type { Middleware } from 'koa';

/** The part of @koa/router this needs: which route layers match a path and method. */
export interface RouteMatcher {
  match(
    path: string,
    method: string,
  ): { pathAndMethod: readonly { path: string | RegExp; methods: readonly string[] }[] };
}

/**
 * Names the request's route (the router's pattern, as `_matchedRoute`, which the router sets
 * when it runs) before the middleware that may refuse a request ahead of the router: the
 * per-client limit (429), the body reader (400, 413, 415). Metrics and the access log then
 * count those under `/chat` or `/v1/...`, not `unmatched`. A path no route has stays unnamed.
 */
export function nameRoute(router: RouteMatcher): Middleware {
  return async (ctx, next) => {
    const layer = router.match(ctx.path, ctx.method).pathAndMethod.findLast((l) => l.methods.length > 0);
    if (layer) (ctx as { _matchedRoute?: string })._matchedRoute = String(layer.path);
    await next();
  };
}
