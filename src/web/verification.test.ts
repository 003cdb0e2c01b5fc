import { describe, expect, it } from 'vitest';
import { signedVerifyPath, verdictOf, verifySignatureOf } from './verification.js';

const SECRET = 'test-secret';
const cert = (productId: string, status: 'valid' | 'expired' = 'valid') => ({ productId, status });

describe('verdictOf', () => {
  const s = verifySignatureOf(SECRET, 'HN-1', 'prd_a');

  it('a matching signature gives the certificate status', () => {
    expect(verdictOf(SECRET, { number: 'HN-1', certificate: cert('prd_a'), p: 'prd_a', s })).toBe('valid');
    expect(verdictOf(SECRET, { number: 'HN-1', certificate: cert('prd_a', 'expired'), p: 'prd_a', s })).toBe(
      'expired',
    );
  });

  it('a changed number, another product or a missing half of the signature is not genuine', () => {
    expect(verdictOf(SECRET, { number: 'HN-2', certificate: cert('prd_a'), p: 'prd_a', s })).toBe(
      'not-genuine',
    );
    expect(verdictOf(SECRET, { number: 'HN-1', certificate: cert('prd_a'), p: 'prd_b', s })).toBe(
      'not-genuine',
    );
    expect(verdictOf(SECRET, { number: 'HN-1', certificate: cert('prd_a'), p: 'prd_a' })).toBe('not-genuine');
    expect(verdictOf(SECRET, { number: 'HN-1', certificate: cert('prd_a'), s })).toBe('not-genuine');
    expect(verdictOf('other-secret', { number: 'HN-1', certificate: cert('prd_a'), p: 'prd_a', s })).toBe(
      'not-genuine',
    );
  });

  it('a genuine signature over a number whose certificate now belongs elsewhere is not genuine', () => {
    const forProductB = verifySignatureOf(SECRET, 'HN-1', 'prd_b');
    expect(
      verdictOf(SECRET, { number: 'HN-1', certificate: cert('prd_a'), p: 'prd_b', s: forProductB }),
    ).toBe('not-genuine');
  });

  it('a typed number without signature gives its status, or not found', () => {
    expect(verdictOf(SECRET, { number: 'HN-1', certificate: cert('prd_a') })).toBe('valid');
    expect(verdictOf(SECRET, { number: 'HN-9', certificate: null })).toBe('not-found');
  });
});

it('the signed path encodes the number and carries product and signature', () => {
  const path = signedVerifyPath('vi', SECRET, '12/2025/QĐ', 'prd_a');
  expect(path).toMatch(/^\/vi\/verify\/12%2F2025%2FQ%C4%90\?p=prd_a&s=[\w-]{22}$/);
});
