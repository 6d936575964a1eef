import { describe, expect, it } from 'vitest';
import { WIDGET_OPTIONS, widgetSnippet } from '../../src/app/commands/widget-snippet.js';

const input = {
  site: 'https://owner.example/about/',
  twin: 'https://twin.example',
  corsOrigins: ['http://localhost:3000'],
  frameAncestors: [],
};

describe('widgetSnippet', () => {
  it('prints the tag, every option, the settings to add and the CSP sources for the site origin', () => {
    const text = widgetSnippet(input);
    expect(text).toContain('<script src="https://twin.example/widget.js" async></script>');
    for (const option of WIDGET_OPTIONS) expect(text).toContain(`${option.name}="${option.example}"`);
    expect(text).toContain('   CORS_ORIGINS=http://localhost:3000,https://owner.example\n');
    expect(text).toContain('   TWIN_FRAME_ANCESTORS=https://owner.example\n');
    expect(text).toContain(
      'script-src https://twin.example; connect-src https://twin.example; frame-src https://twin.example',
    );
    expect(text).not.toContain('Warning');
  });

  it('keeps a path the twin is served under, and says when a setting already allows the site', () => {
    const text = widgetSnippet({
      ...input,
      twin: 'https://api.example/twin',
      corsOrigins: ['https://owner.example'],
      frameAncestors: ['https://*.example', 'https://owner.example'],
    });
    expect(text).toContain('<script src="https://api.example/twin/widget.js" async></script>');
    expect(text).toContain('CORS_ORIGINS already allows https://owner.example');
    expect(text).toContain('TWIN_FRAME_ANCESTORS already allows https://owner.example');
  });

  it('warns that an https site cannot use an http twin, except on this machine', () => {
    expect(widgetSnippet({ ...input, twin: 'http://twin.example' })).toContain('mixed content');
    expect(widgetSnippet({ ...input, twin: 'http://localhost:8000' })).not.toContain('mixed content');
  });

  it.each(['owner.example', 'ftp://owner.example', ''])('refuses %j as a site', (site) => {
    expect(() => widgetSnippet({ ...input, site })).toThrow(/--site must be an http\(s\) URL/);
  });
});
