import type { Router } from '@koa/router';
import { frameAncestorsAllow } from '../frame-ancestors.js';
import { type StaticAssets, sendAsset } from '../static-assets.js';

export interface WidgetDeps {
  readonly assets: StaticAssets;
  /** The same check the CORS middleware makes of an Origin header (CORS_ORIGINS). */
  readonly corsAllows: (origin: string) => boolean;
  /** TWIN_FRAME_ANCESTORS: who may frame the /widget page. */
  readonly frameAncestors: readonly string[];
}

/**
 * The chat widget (docs/adr/0900): the loader an owner's site includes, the page its iframe
 * shows, and the "may this site show me?" check the loader makes on first open.
 */
export function widgetRoutes(router: Router, deps: WidgetDeps): void {
  router.get('/widget.js', (ctx, next) => {
    const loader = deps.assets.get('/widget.js');
    if (!loader) return next();
    sendAsset(ctx, loader);
    // Pasted into every page of a site: fresh for five minutes (no request per page view), then
    // used while the ETag is revalidated in the background, so an upgrade arrives within a visit.
    ctx.set('Cache-Control', 'public, max-age=300, stale-while-revalidate=86400');
    // Host pages that require CORP of their subresources (COEP) can still load it.
    ctx.set('Cross-Origin-Resource-Policy', 'cross-origin');
  });

  router.get('/widget', (ctx, next) => {
    const page = deps.assets.get('/widget');
    if (!page) return next();
    sendAsset(ctx, page);
  });

  router.get('/widget/status', (ctx) => {
    const origin = ctx.get('Origin');
    const missing: string[] = [];
    if (!origin || !deps.corsAllows(origin)) missing.push('CORS_ORIGINS');
    if (!origin || !frameAncestorsAllow(deps.frameAncestors, origin, ctx.origin)) missing.push('TWIN_FRAME_ANCESTORS');
    // Readable from any site, so one that is not allowed learns why instead of failing silently.
    ctx.set('Access-Control-Allow-Origin', '*');
    ctx.set('Cache-Control', 'no-store');
    ctx.vary('Origin');
    ctx.body = { origin: origin || null, allowed: missing.length === 0, missing };
  });
}
