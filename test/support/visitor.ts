import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { signIn } from './accounts.js';

/**
 * One browser on the public site, through `app.inject`: it keeps the cookies it is given (the basket, the
 * session, the form token), drops the ones cleared, and sends forms URL-encoded, as a browser without
 * JavaScript does.
 */
export class Visitor {
  readonly cookies = new Map<string, string>();

  constructor(private readonly app: FastifyInstance) {}

  async request(method: 'GET' | 'POST', url: string, form?: Record<string, string>) {
    const res = await this.app.inject({
      method,
      url,
      headers: {
        ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { payload: new URLSearchParams(form).toString() } : {}),
    });
    for (const c of res.cookies as Array<{ name: string; value: string; expires?: Date }>) {
      const gone = c.value === '' || (c.expires !== undefined && c.expires.getTime() < Date.now());
      if (gone) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  /** Signs in as `email` (an account made by `anAccount`): its session cookie joins the jar. */
  async signIn(email: string): Promise<void> {
    const [name, value] = (await signIn(this.app, email)).cookie.split('=');
    this.cookies.set(name ?? '', value ?? '');
  }

  add(productId: string, quantity = 1, locale = 'vi') {
    return this.request('POST', `/${locale}/basket`, {
      action: 'add',
      productId,
      quantity: String(quantity),
    });
  }

  /** The basket page's quantity inputs: product id → quantity. */
  async basket(locale = 'vi'): Promise<Record<string, number>> {
    const page = await this.request('GET', `/${locale}/basket`);
    expect(page.statusCode).toBe(200);
    const lines: Record<string, number> = {};
    for (const m of page.body.matchAll(/name="q_([^"]+)"[^>]*value="(\d+)"/g))
      lines[m[1] ?? ''] = Number(m[2]);
    return lines;
  }

  /** The checkout form's hidden fields, as the page rendered them. */
  async checkoutForm(locale = 'vi'): Promise<Record<string, string>> {
    const res = await this.request('GET', `/${locale}/checkout`);
    expect(res.statusCode).toBe(200);
    const hidden: Record<string, string> = {};
    for (const m of res.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
      hidden[m[1] ?? ''] = m[2] ?? '';
    }
    return hidden;
  }
}
