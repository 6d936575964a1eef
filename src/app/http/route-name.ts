import type { Middleware } from 'koa';

/** The part of @koa/router this needs: which route layers match a path and method. */
export interface RouteMatcher {
  match(
    path: string,
    method: string,
  ): {
    path: readonly { path: string | RegExp; methods: readonly string[] }[];
    pathAndMethod: readonly { path: string | RegExp; methods: readonly string[] }[];
  };
}

/**
 * Names the request's route (the router's pattern, as `_matchedRoute`, which the router sets
 * when it runs) before the middleware that may refuse a request ahead of the router: the
 * per-client limit (429), the body reader (400, 413, 415). Metrics and the access log then
 * count those under `/chat` or `/v1/...`, not `unmatched`, and so are a 405 or a CORS preflight
 * on a served path. A path no route has stays unnamed.
 */
export function nameRoute(router: RouteMatcher): Middleware {
  return async (ctx, next) => {
    const matched = router.match(ctx.path, ctx.method);
    // A path served for other methods (a 405, a CORS preflight) is still that route.
    const isRoute = (l: { methods: readonly string[] }) => l.methods.length > 0;
    const layer = matched.pathAndMethod.findLast(isRoute) ?? matched.path.findLast(isRoute);
    if (layer) (ctx as { _matchedRoute?: string })._matchedRoute = String(layer.path);
    await next();
  };
}
