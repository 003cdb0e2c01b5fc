import { describe, expect, it } from 'vitest';
import { Banks, QRPay } from 'vietnam-qr-pay';
import { ValidationError } from '../core/errors.js';
import {
  VIETQR_BANKS,
  bankByBin,
  crc16ccitt,
  hasValidCrc,
  vietQrMemo,
  vietQrPayload,
  vietQrProblems,
  type VietQrInput,
} from './vietqr.js';

const base: VietQrInput = {
  bankBin: '970436',
  accountNumber: '0011004123456',
  amount: 285_000,
  memo: 'OCOP 2611A7K3 P1',
};

/** Decoded by the independent library, so our reading of the layout is checked against someone else's. */
function decode(payload: string): QRPay {
  return new QRPay(payload);
}

function refusedFields(input: VietQrInput): string[] {
  try {
    vietQrPayload(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).details.map((d) => d.field ?? '');
  }
  throw new Error('expected a refusal');
}

describe('crc16ccitt', () => {
  it('matches the CRC-16/CCITT-FALSE check values', () => {
    expect(crc16ccitt('123456789')).toBe('29B1');
    expect(crc16ccitt('')).toBe('FFFF');
    expect(crc16ccitt('A')).toBe('B915');
  });

  it('agrees with the published VietQR examples of vietnam-qr-pay', () => {
    const example =
      '00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA53037045405100005802VN62150811Chuyen tien630453E6';
    expect(crc16ccitt(example.slice(0, -4))).toBe('53E6');
    expect(hasValidCrc(example)).toBe(true);
  });

  it('pads short checksums to four hex digits', () => {
    // Found by search: a short text whose CRC is below 0x1000.
    let text = '';
    for (let i = 0; i < 100_000; i++) {
      const crc = crc16ccitt(String(i));
      if (crc.startsWith('0')) {
        text = String(i);
        break;
      }
    }
    expect(crc16ccitt(text)).toMatch(/^0[0-9A-F]{3}$/);
    expect(QRPay.genCRCCode(text)).toBe(crc16ccitt(text));
  });
});

describe('vietQrPayload', () => {
  it('encodes bank, account, amount and memo that an independent decoder reads back', () => {
    const payload = vietQrPayload(base);
    const qr = decode(payload);
    expect(qr.isValid).toBe(true);
    expect(qr.provider.guid).toBe('A000000727');
    expect(qr.provider.service).toBe('QRIBFTTA');
    expect(qr.initMethod).toBe('12');
    expect(qr.consumer.bankBin).toBe('970436');
    expect(qr.consumer.bankNumber).toBe('0011004123456');
    expect(qr.amount).toBe('285000');
    expect(qr.currency).toBe('704');
    expect(qr.nation).toBe('VN');
    expect(qr.additionalData.purpose).toBe('OCOP 2611A7K3 P1');
    expect(qr.crc).toBe(payload.slice(-4));
  });

  it('lays the fields out in the NAPAS order, byte for byte', () => {
    const payload = vietQrPayload({
      bankBin: '970416',
      accountNumber: '257678859',
      amount: 10_000,
      memo: 'Chuyen tien',
    });
    expect(payload.slice(0, -4)).toBe(
      '00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA53037045405100005802VN62150811CHUYEN TIEN6304',
    );
    expect(hasValidCrc(payload)).toBe(true);
  });

  it('produces the same string as the library builds for the same transfer', () => {
    const ours = vietQrPayload({ ...base, memo: 'DH 123' });
    const theirs = QRPay.initVietQR({
      bankBin: base.bankBin,
      bankNumber: base.accountNumber,
      amount: String(base.amount),
      purpose: 'DH 123',
    }).build();
    expect(ours).toBe(theirs);
  });

  it('decodes for every bank of the table and for the extreme amounts', () => {
    for (const { bin } of VIETQR_BANKS) {
      for (const amount of [1, 99_000, 999_999_999_999]) {
        const qr = decode(vietQrPayload({ ...base, bankBin: bin, amount }));
        expect(qr.isValid).toBe(true);
        expect(qr.consumer.bankBin).toBe(bin);
        expect(Number(qr.amount)).toBe(amount);
      }
    }
  });

  it('folds a Vietnamese memo to the ASCII form banks accept', () => {
    const qr = decode(vietQrPayload({ ...base, memo: 'Đơn hàng số 12 – Trà Ba Vì' }));
    expect(qr.additionalData.purpose).toBe('DON HANG SO 12 TRA BA VI');
    expect(vietQrMemo('  Mật ong  rừng   Sóc Sơn!! ')).toBe('MAT ONG RUNG SOC SON');
    expect(vietQrMemo('đường ĐÁ')).toBe('DUONG DA');
  });

  it('keeps letters in account numbers (virtual accounts, wallets)', () => {
    const qr = decode(vietQrPayload({ ...base, bankBin: '971025', accountNumber: 'PSP123456789000000' }));
    expect(qr.consumer.bankNumber).toBe('PSP123456789000000');
  });

  it('adds the holder as the merchant name, folded and cut at a word', () => {
    const short = decode(vietQrPayload({ ...base, accountName: 'Nguyễn Thị Hoà' }));
    expect(short.merchant.name).toBe('NGUYEN THI HOA');
    const long = decode(vietQrPayload({ ...base, accountName: 'Hợp tác xã Nông nghiệp Sạch Đông Anh' }));
    expect(long.merchant.name).toBe('HOP TAC XA NONG NGHIEP');
    expect(long.additionalData.purpose).toBe('OCOP 2611A7K3 P1');
    expect(vietQrPayload({ ...base, accountName: '  ' })).toBe(vietQrPayload(base));
  });

  it('fails the CRC when any character is changed', () => {
    const payload = vietQrPayload(base);
    const amountAt = payload.indexOf('5406285000') + 4;
    const tampered = `${payload.slice(0, amountAt)}9${payload.slice(amountAt + 1)}`;
    expect(tampered).not.toBe(payload);
    expect(hasValidCrc(tampered)).toBe(false);
    expect(decode(tampered).isValid).toBe(false);
    const wrongCrc = payload.slice(0, -1) + (payload.endsWith('0') ? '1' : '0');
    expect(hasValidCrc(wrongCrc)).toBe(false);
    expect(hasValidCrc('short')).toBe(false);
  });
});

describe('refused inputs', () => {
  it('refuses a BIN that is not 6 digits', () => {
    for (const bankBin of ['97043', '9704366', '97043A', '']) {
      expect(refusedFields({ ...base, bankBin })).toEqual(['bankBin']);
    }
  });

  it('refuses account numbers that NAPAS does not carry', () => {
    for (const accountNumber of ['', '0011 004', '12345678901234567890', 'số123', '12-34']) {
      expect(refusedFields({ ...base, accountNumber })).toEqual(['accountNumber']);
    }
    expect(vietQrProblems({ ...base, accountNumber: '1234567890123456789' })).toEqual([]);
  });

  it('refuses amounts that are not whole đồng in range', () => {
    for (const amount of [0, -1, 1.5, 1_000_000_000_000, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(refusedFields({ ...base, amount })).toEqual(['amount']);
    }
  });

  it('refuses an empty memo and one longer than 25 characters once folded', () => {
    expect(refusedFields({ ...base, memo: '!!! ---' })).toEqual(['memo']);
    expect(refusedFields({ ...base, memo: 'Thanh toán đơn hàng OCOP 123' })).toEqual(['memo']);
    expect(vietQrProblems({ ...base, memo: 'X'.repeat(25) })).toEqual([]);
  });

  it('names every bad field at once, in both languages', () => {
    const problems = vietQrProblems({ bankBin: 'x', accountNumber: '', amount: 0, memo: '' });
    expect(problems.map((p) => p.field)).toEqual(['bankBin', 'accountNumber', 'amount', 'memo']);
    for (const p of problems) {
      expect(p.message).not.toBe(p.messageEn);
      expect(p.messageEn).toBeTruthy();
    }
  });
});

describe('VIETQR_BANKS', () => {
  it('matches the BINs and short names of the library bank list', () => {
    for (const ours of VIETQR_BANKS) {
      const theirs = Banks.find((b) => b.bin === ours.bin);
      expect(theirs?.shortName, ours.bin).toBe(ours.shortName);
    }
    expect(new Set(VIETQR_BANKS.map((b) => b.bin)).size).toBe(10);
  });

  it('finds a bank by BIN', () => {
    expect(bankByBin('970405')?.shortName).toBe('Agribank');
    expect(bankByBin('970405')?.name.vi).toBe('Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam');
    expect(bankByBin('000000')).toBeUndefined();
  });
});
