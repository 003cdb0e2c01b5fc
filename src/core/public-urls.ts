import type { Locale } from './context.js';

/** Addresses of the public pages; every record the API returns carries its page's `url`. */
export interface PublicUrls {
  product(id: string): string;
  producer(id: string): string;
  craftVillage(id: string): string;
  salesPoint(id: string): string;
  verify(certificateNumber: string): string;
}

export function publicUrls(base: string, locale: Locale = 'vi'): PublicUrls {
  const root = `${base.replace(/\/+$/, '')}/${locale}`;
  return {
    product: (id) => `${root}/products/${encodeURIComponent(id)}`,
    producer: (id) => `${root}/producers/${encodeURIComponent(id)}`,
    craftVillage: (id) => `${root}/craft-villages/${encodeURIComponent(id)}`,
    salesPoint: (id) => `${root}/sales-points/${encodeURIComponent(id)}`,
    verify: (n) => `${root}/verify/${encodeURIComponent(n)}`,
  };
}
