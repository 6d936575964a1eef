import { describe, expect, it } from 'vitest';
import { runTwin } from '../support/cli.js';

describe('twin widget snippet', () => {
  it('prints the tag and the settings for a site, keeping what is already set', async () => {
    const result = await runTwin(
      ['widget', 'snippet', '--site', 'https://owner.example/blog', '--twin', 'https://twin.example'],
      { env: { CORS_ORIGINS: 'http://localhost:3000', TWIN_FRAME_ANCESTORS: '' } },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('<script src="https://twin.example/widget.js" async></script>');
    expect(result.stdout).toContain('CORS_ORIGINS=http://localhost:3000,https://owner.example\n');
    expect(result.stdout).toContain('TWIN_FRAME_ANCESTORS=https://owner.example\n');
    expect(result.stderr).toBe('');
  });

  it('fails in one line for a site that is not a URL', async () => {
    const result = await runTwin(['widget', 'snippet', '--site', 'owner.example']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'twin: --site must be an http(s) URL such as https://example.com, not "owner.example"',
    );
  });
});
