import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/app/config.js';

describe('loadConfig', () => {
  it('has working defaults for a fresh clone', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8000,
      personaDir: './persona',
      dataDir: './data',
      store: 'filesystem',
      model: 'offline',
      corsOrigins: ['http://localhost:3000'],
      maxMessageChars: 4000,
      historyTokens: 3000,
    });
    expect(config.adminToken).toBeUndefined();
  });

  it('picks the OpenAI model when a key is set and TWIN_MODEL is auto', () => {
    expect(loadConfig({ OPENAI_API_KEY: 'sk-x' }).model).toBe('openai');
    expect(loadConfig({ OPENAI_API_KEY: 'sk-x', TWIN_MODEL: 'offline' }).model).toBe('offline');
  });

  it('takes UTC (the default, accepted without loading time-zone data) or an IANA zone for analytics', () => {
    expect(loadConfig({}).analyticsTimeZone).toBe('UTC');
    expect(loadConfig({ TWIN_ANALYTICS_TIMEZONE: 'UTC' }).analyticsTimeZone).toBe('UTC');
    expect(loadConfig({ TWIN_ANALYTICS_TIMEZONE: 'Europe/Lisbon' }).analyticsTimeZone).toBe('Europe/Lisbon');
    expect(() => loadConfig({ TWIN_ANALYTICS_TIMEZONE: 'Mars/Olympus_Mons' })).toThrow(/TWIN_ANALYTICS_TIMEZONE/);
  });

  it('splits CORS origins and ignores blanks', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, https://b.example,,' }).corsOrigins).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ TWIN_STORE: 'postgres' }, 'TWIN_STORE'],
    [{ TWIN_MAX_MESSAGE_CHARS: '0' }, 'TWIN_MAX_MESSAGE_CHARS'],
    [{ TWIN_MODEL: 'openai' }, 'OPENAI_API_KEY'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('rejects %j naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: .*${name}`));
  });

  it('never echoes a secret value in its error', () => {
    try {
      loadConfig({ TWIN_MODEL: 'nonsense', OPENAI_API_KEY: 'sk-very-secret' });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain('sk-very-secret');
    }
  });
});
