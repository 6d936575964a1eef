/** The chat widget's routes (docs/adr/0900), for /openapi.json. */
export const WIDGET_PATHS: Record<string, object> = {
  '/widget.js': {
    get: {
      summary:
        'The chat widget\'s loader, for <script src=".../widget.js" async> on the owner\'s site (options as data- attributes)',
      responses: {
        200: { description: 'JavaScript; Cache-Control public, max-age=300, stale-while-revalidate; ETag' },
        304: { description: 'Not modified (If-None-Match)' },
      },
    },
  },
  '/widget': {
    get: {
      summary: 'The chat panel page the widget shows in an iframe (framed only by TWIN_FRAME_ANCESTORS)',
      responses: { 200: { description: 'OK', content: { 'text/html': { schema: { type: 'string' } } } } },
    },
  },
  '/widget/status': {
    get: {
      summary:
        'Whether the calling site (its Origin header) may show the widget, and which settings are missing; readable from any origin',
      responses: {
        200: {
          description: 'OK',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['origin', 'allowed', 'missing'],
                properties: {
                  origin: { type: ['string', 'null'] },
                  allowed: { type: 'boolean' },
                  missing: { type: 'array', items: { enum: ['CORS_ORIGINS', 'TWIN_FRAME_ANCESTORS'] } },
                },
              },
            },
          },
        },
      },
    },
  },
};
