import type { CertificateStatus } from '../certificates/certificate.js';
import type { Locale } from '../core/context.js';
import { sign, verifySignature } from '../platform/secret.js';

/**
 * The signed verification address printed as a QR code on a label: `/vi/verify/<number>?p=<productId>&s=<sig>`
 * with sig = sign(secret, 'verify', number + ':' + productId). Whoever copies a genuine label's QR onto another
 * product, or edits the number, gets an address whose signature does not match: the page says NOT GENUINE.
 * A number typed into the look-up form carries no signature and is checked for its status only.
 */
export const VERIFY_PURPOSE = 'verify';

export function verifySignatureOf(secret: string, number: string, productId: string): string {
  return sign(secret, VERIFY_PURPOSE, `${number}:${productId}`);
}

/** The site-relative signed address of a certificate's verification page. */
export function signedVerifyPath(locale: Locale, secret: string, number: string, productId: string): string {
  const query = new URLSearchParams({ p: productId, s: verifySignatureOf(secret, number, productId) });
  return `/${locale}/verify/${encodeURIComponent(number)}?${query.toString()}`;
}

export type Verdict = CertificateStatus | 'not-found' | 'not-genuine';

export interface VerifyInput {
  number: string;
  /** The certificate found by that number, or null. */
  certificate: { productId: string; status: CertificateStatus } | null;
  /** From the QR address; both absent for a typed look-up. */
  p?: string;
  s?: string;
}

/**
 * The verdict shown in large type. A signature that is present must match and name the certificate's own
 * product; otherwise the label is not genuine, whatever the certificate's status.
 */
export function verdictOf(secret: string, input: VerifyInput): Verdict {
  const signed = input.p !== undefined || input.s !== undefined;
  if (signed) {
    const p = input.p ?? '';
    const s = input.s ?? '';
    if (!p || !s || !verifySignature(secret, VERIFY_PURPOSE, `${input.number}:${p}`, s)) return 'not-genuine';
    if (input.certificate && input.certificate.productId !== p) return 'not-genuine';
  }
  if (!input.certificate) return 'not-found';
  return input.certificate.status;
}
