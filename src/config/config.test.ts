import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      database: { engine: 'sqlite', path: './data/ocop.sqlite' },
      demo: true,
      logLevel: 'info',
    });
  });
  it('reads PostgreSQL URLs and boolean words', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      DEMO: 'off',
      PORT: '8080',
    });
    expect(c.database).toEqual({ engine: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(c.demo).toBe(false);
    expect(c.port).toBe(8080);
    expect(c.apiCache).toBe(true);
    expect(loadConfig({ API_CACHE: 'off' }).apiCache).toBe(false);
    expect(c.memorySaver).toBe(true);
    expect(loadConfig({ MEMORY_SAVER: 'no' }).memorySaver).toBe(false);
  });
  it('reads which proxies to trust for the client address', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'on' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toBe('10.0.0.0/8, 127.0.0.1');
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY must be off, on/);
  });
  it('names every bad variable at once', () => {
    let message = '';
    try {
      loadConfig({
        PORT: 'abc',
        DATABASE_URL: 'mysql://x',
        DEMO: 'maybe',
        LOG_LEVEL: 'loud',
        API_CACHE: 'x',
        MEMORY_SAVER: 'lots',
      });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      message = (e as Error).message;
    }
    expect(message).toContain('PORT must be an integer');
    expect(message).toContain('DATABASE_URL must be sqlite:<path> or postgres://');
    expect(message).toContain('DEMO must be one of');
    expect(message).toContain('LOG_LEVEL must be one of');
    expect(message).toContain('API_CACHE must be one of');
    expect(message).toContain('MEMORY_SAVER must be one of');
  });
});
