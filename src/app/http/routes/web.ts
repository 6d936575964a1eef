import type { Router } from '@koa/router';
import type { Context, Next } from 'koa';
import { publicProfile } from '../../../domain/persona/public-profile.js';
import type { PersonaSource } from '../../../ports/persona-source.js';
import type { PersonaAvatar } from '../persona-avatar.js';
import { type StaticAssets, sendAsset } from '../static-assets.js';

export interface WebDeps {
  readonly assets: StaticAssets;
  readonly persona: PersonaSource;
  readonly avatar: PersonaAvatar;
}

/**
 * The chat page, the owner dashboard, their static files, and the persona's public card.
 * GET / is shared with the JSON greeting: browsers (Accept prefers text/html) get the
 * page, every API client keeps the greeting, so register this before metaRoutes.
 */
export function webRoutes(router: Router, deps: WebDeps): void {
  router.get('/', async (ctx, next) => {
    ctx.vary('Accept');
    const page = deps.assets.get('/');
    if (page && ctx.accepts('json', 'html') === 'html') sendAsset(ctx, page);
    else await next();
  });

  // Exact lookups in the asset table: any other path under /static is a plain 404.
  const serve = (ctx: Context, next: Next) => {
    const found = deps.assets.get(ctx.path);
    if (!found) return next();
    sendAsset(ctx, found);
  };
  router.get('/dashboard', serve);
  router.get('/static/*file', serve);

  router.get('/persona', async (ctx) => {
    const [persona, avatar] = await Promise.all([deps.persona.load(), deps.avatar.find()]);
    ctx.set('Cache-Control', 'no-cache');
    // The etag in the URL makes a changed picture a new URL, so browsers never show a stale one.
    const avatarUrl = avatar ? `/persona/avatar?v=${encodeURIComponent(avatar.etag.replaceAll('"', ''))}` : null;
    ctx.body = { ...publicProfile(persona), avatar_url: avatarUrl };
  });

  router.get('/persona/avatar', async (ctx, next) => {
    const avatar = await deps.avatar.find();
    if (!avatar) return next();
    sendAsset(ctx, avatar);
    // An SVG opened directly must not run script on this origin.
    ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
  });
}
