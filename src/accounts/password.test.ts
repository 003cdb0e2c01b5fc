import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, passwordProblems, verifyPassword } from './password.js';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('mật khẩu đủ dài');
    expect(stored).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(await verifyPassword('mật khẩu đủ dài', stored)).toBe(true);
    expect(await verifyPassword('mat khau du dai', stored)).toBe(false);
    expect(await verifyPassword('mật khẩu đủ dài', 'garbage')).toBe(false);
  });

  it('salts every hash and knows when parameters are old', async () => {
    const [a, b] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(a).not.toBe(b);
    expect(needsRehash(a)).toBe(false);
    expect(needsRehash('scrypt$14$8$1$x$y')).toBe(true);
  });

  it('treats composed and decomposed Vietnamese alike', async () => {
    const stored = await hashPassword('Hà Nội 2026!');
    expect(await verifyPassword('Hà Nội 2026!'.normalize('NFD'), stored)).toBe(true);
  });

  it('explains weak passwords', () => {
    expect(passwordProblems('short', 'a@b.vn')).toHaveLength(1);
    expect(passwordProblems('lan.nguyen-2026', 'lan.nguyen@x.vn')[0]?.en).toMatch(/e-mail/);
    expect(passwordProblems('a long enough one', 'x@y.vn')).toEqual([]);
  });
});
