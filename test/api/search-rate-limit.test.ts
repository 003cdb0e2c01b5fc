import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp(undefined, { searchRateLimit: 5 });
});
afterAll(() => t.close());

describe('search rate limit', () => {
  it('answers 429 with Retry-After past the limit per address, cached or not, and spares other addresses', async () => {
    const search = (ip: string) =>
      t.app.inject({ url: '/api/v1/search?q=gom', remoteAddress: ip, headers: { 'accept-language': 'en' } });
    for (let i = 0; i < 5; i++) expect((await search('10.1.1.1')).statusCode).toBe(200);
    const refused = await search('10.1.1.1');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json<{ error: { message: string } }>().error.message).toMatch(/Too many requests/);
    expect((await search('10.1.1.2')).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/products', remoteAddress: '10.1.1.1' })).statusCode).toBe(200);
  });
});

describe('behind a reverse proxy (TRUST_PROXY)', () => {
  it('limits each client by its forwarded address when the proxy is trusted, and the proxy as one client when not', async () => {
    const trusted = await createTestApp(undefined, { searchRateLimit: 2, trustProxy: 1 });
    const untrusted = await createTestApp(undefined, { searchRateLimit: 2 });
    try {
      const via = (app: TestApp, client: string) =>
        app.app.inject({
          url: '/api/v1/search?q=gom',
          remoteAddress: '10.9.9.9',
          headers: { 'x-forwarded-for': client },
        });
      for (const client of ['1.1.1.1', '1.1.1.1', '2.2.2.2', '2.2.2.2']) {
        expect((await via(trusted, client)).statusCode).toBe(200);
      }
      expect((await via(trusted, '1.1.1.1')).statusCode).toBe(429);
      const codes = [];
      for (const client of ['1.1.1.1', '2.2.2.2', '3.3.3.3'])
        codes.push((await via(untrusted, client)).statusCode);
      expect(codes).toEqual([200, 200, 429]);
    } finally {
      await trusted.close();
      await untrusted.close();
    }
  });
});
