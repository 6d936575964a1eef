import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/app/config.js';

describe('grounding and notification settings', () => {
  it('defaults to a 4000-token prompt budget and no webhook', () => {
    const config = loadConfig({});
    expect(config.contextTokens).toBe(4000);
    expect(config.notifyWebhookUrl).toBeUndefined();
    expect(config.notifyTimeoutMs).toBe(5000);
  });

  it('reads them from the environment', () => {
    const config = loadConfig({
      TWIN_CONTEXT_TOKENS: '12000',
      TWIN_NOTIFY_WEBHOOK_URL: 'https://hooks.example.com/services/T0/B0/x',
      TWIN_NOTIFY_TIMEOUT_MS: '800',
    });
    expect(config).toMatchObject({
      contextTokens: 12000,
      notifyWebhookUrl: 'https://hooks.example.com/services/T0/B0/x',
      notifyTimeoutMs: 800,
    });
    expect(loadConfig({ TWIN_NOTIFY_WEBHOOK_URL: '  ' }).notifyWebhookUrl).toBeUndefined();
  });

  it.each([
    ['TWIN_CONTEXT_TOKENS', '0'],
    ['TWIN_CONTEXT_TOKENS', 'lots'],
    ['TWIN_NOTIFY_WEBHOOK_URL', 'not a url'],
    ['TWIN_NOTIFY_WEBHOOK_URL', 'file:///etc/passwd'],
  ])('stops on %s=%j, naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});
