import { ValidationError, type ErrorDetail } from '../core/errors.js';
import type { Text } from '../views/format.js';

/**
 * VietQR payloads: the EMVCo merchant-presented QR string that every Vietnamese banking app scans to prefill a
 * NAPAS 247 transfer to an account (service QRIBFTTA). Layout as NAPAS "Technical Specifications on NAPAS QR
 * Switching" v1.5.2 describes it (see README.md for the sources):
 *
 *   00 "01"  01 "12"  38 [00 "A000000727", 01 [00 BIN, 01 account], 02 "QRIBFTTA"]  53 "704"  54 amount
 *   58 "VN"  (59 account name)  62 [08 memo]  63 CRC-16/CCITT-FALSE of everything before, "6304" included
 *
 * A dynamic code (01 = "12") is one per sub-order: it carries the exact amount and the order code as the memo.
 */

const NAPAS_GUID = 'A000000727';
const SERVICE_TRANSFER_TO_ACCOUNT = 'QRIBFTTA';
const CURRENCY_VND = '704';
const COUNTRY_VN = 'VN';

/** NAPAS: account numbers are "ans" up to 19; banks use digits, virtual accounts and wallets add letters. */
const ACCOUNT_PATTERN = /^[A-Za-z0-9]{1,19}$/;
const BIN_PATTERN = /^\d{6}$/;
/** The amount field is at most 13 characters; we stay at 12 digits of whole đồng (VND has no minor unit). */
export const VIETQR_MAX_AMOUNT_VND = 999_999_999_999;
/** Additional data 62, sub-tag 08 (purpose of transaction) is "ans" up to 25 characters. */
export const VIETQR_MAX_MEMO = 25;
/** EMVCo tag 59 (merchant name) is "ans" up to 25 characters. */
const MAX_NAME = 25;

export interface VietQrInput {
  /** The beneficiary bank's 6-digit NAPAS BIN (acquirer id), e.g. 970436 for Vietcombank. */
  bankBin: string;
  accountNumber: string;
  /** Whole đồng. */
  amount: number;
  /** The order code the producer reconciles by; folded to ASCII (see `vietQrMemo`). */
  memo: string;
  /** The account holder, shown by some apps; folded and shortened to 25 characters. */
  accountName?: string;
}

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor) of the UTF-8 bytes, 4 hex digits. */
export function crc16ccitt(text: string): string {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * Text as bank transfer memos accept it: Vietnamese marks removed, đ→D, upper case, only A–Z, 0–9 and single
 * spaces. Banks strip or reject anything else, and the producer matches statements against this exact form.
 */
export function vietQrMemo(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/gu, 'D')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

/** Every reason the input cannot become a payload; empty when it can. */
export function vietQrProblems(input: VietQrInput): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const say = (field: string, text: Text) => problems.push({ field, message: text.vi, messageEn: text.en });
  if (!BIN_PATTERN.test(input.bankBin)) {
    say('bankBin', {
      vi: 'Mã BIN ngân hàng phải gồm đúng 6 chữ số (theo NAPAS).',
      en: 'The bank BIN must be exactly 6 digits (NAPAS).',
    });
  }
  if (!ACCOUNT_PATTERN.test(input.accountNumber)) {
    say('accountNumber', {
      vi: 'Số tài khoản gồm 1–19 chữ số hoặc chữ cái Latinh, không dấu cách.',
      en: 'The account number is 1–19 digits or Latin letters, without spaces.',
    });
  }
  if (!Number.isInteger(input.amount) || input.amount < 1 || input.amount > VIETQR_MAX_AMOUNT_VND) {
    say('amount', {
      vi: 'Số tiền phải là số nguyên đồng từ 1 đến 999.999.999.999.',
      en: 'The amount must be a whole number of đồng from 1 to 999,999,999,999.',
    });
  }
  const memo = vietQrMemo(input.memo);
  if (memo === '' || memo.length > VIETQR_MAX_MEMO) {
    say('memo', {
      vi: `Nội dung chuyển khoản cần 1–${VIETQR_MAX_MEMO} ký tự chữ, số hoặc dấu cách sau khi bỏ dấu.`,
      en: `The transfer memo needs 1–${VIETQR_MAX_MEMO} letters, digits or spaces once accents are removed.`,
    });
  }
  return problems;
}

/**
 * The VietQR string for one transfer. Throws a ValidationError naming every bad field: the inputs come from a
 * producer's saved bank details and the server's own total, so a refusal here is a setup error to show, not a
 * buyer's mistake.
 */
export function vietQrPayload(input: VietQrInput): string {
  const problems = vietQrProblems(input);
  if (problems.length > 0) throw new ValidationError(problems);
  const beneficiary = tlv('00', input.bankBin) + tlv('01', input.accountNumber);
  const account = tlv('00', NAPAS_GUID) + tlv('01', beneficiary) + tlv('02', SERVICE_TRANSFER_TO_ACCOUNT);
  const name = input.accountName === undefined ? '' : shortName(input.accountName);
  const body =
    tlv('00', '01') +
    tlv('01', '12') +
    tlv('38', account) +
    tlv('53', CURRENCY_VND) +
    tlv('54', String(input.amount)) +
    tlv('58', COUNTRY_VN) +
    (name === '' ? '' : tlv('59', name)) +
    tlv('62', tlv('08', vietQrMemo(input.memo))) +
    '6304';
  return body + crc16ccitt(body);
}

/** True when the last four characters are the CRC of everything before them (a scanner's first check). */
export function hasValidCrc(payload: string): boolean {
  if (payload.length < 8 || payload.slice(-8, -4) !== '6304') return false;
  return crc16ccitt(payload.slice(0, -4)) === payload.slice(-4).toUpperCase();
}

/** One EMVCo data object: two-digit id, two-digit length, value (1–99 characters). */
function tlv(id: string, value: string): string {
  if (value.length < 1 || value.length > 99) {
    throw new RangeError(`EMVCo field ${id} must hold 1–99 characters, got ${value.length}`);
  }
  return id + String(value.length).padStart(2, '0') + value;
}

/** The holder's name in memo form, cut at a word boundary: apps show it, the bank never matches on it. */
function shortName(name: string): string {
  const folded = vietQrMemo(name);
  if (folded.length <= MAX_NAME) return folded;
  const cut = folded.slice(0, MAX_NAME + 1);
  const lastSpace = cut.lastIndexOf(' ');
  return (lastSpace > 0 ? cut.slice(0, lastSpace) : folded.slice(0, MAX_NAME)).trim();
}

export interface VietQrBank {
  bin: string;
  shortName: string;
  name: Text;
}

/** The banks most producers in Hà Nội hold accounts with; BINs checked against vietnam-qr-pay's bank list. */
export const VIETQR_BANKS: readonly VietQrBank[] = [
  bank(
    '970436',
    'Vietcombank',
    'Ngân hàng TMCP Ngoại thương Việt Nam',
    'Joint Stock Commercial Bank for Foreign Trade of Vietnam',
  ),
  bank(
    '970415',
    'VietinBank',
    'Ngân hàng TMCP Công thương Việt Nam',
    'Vietnam Joint Stock Commercial Bank for Industry and Trade',
  ),
  bank(
    '970418',
    'BIDV',
    'Ngân hàng TMCP Đầu tư và Phát triển Việt Nam',
    'Joint Stock Commercial Bank for Investment and Development of Vietnam',
  ),
  bank(
    '970405',
    'Agribank',
    'Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam',
    'Vietnam Bank for Agriculture and Rural Development',
  ),
  bank(
    '970407',
    'Techcombank',
    'Ngân hàng TMCP Kỹ thương Việt Nam',
    'Vietnam Technological and Commercial Joint Stock Bank',
  ),
  bank('970422', 'MB Bank', 'Ngân hàng TMCP Quân đội', 'Military Commercial Joint Stock Bank'),
  bank('970416', 'ACB', 'Ngân hàng TMCP Á Châu', 'Asia Commercial Joint Stock Bank'),
  bank(
    '970432',
    'VPBank',
    'Ngân hàng TMCP Việt Nam Thịnh Vượng',
    'Vietnam Prosperity Joint Stock Commercial Bank',
  ),
  bank(
    '970403',
    'Sacombank',
    'Ngân hàng TMCP Sài Gòn Thương Tín',
    'Saigon Thuong Tin Commercial Joint Stock Bank',
  ),
  bank('970423', 'TPBank', 'Ngân hàng TMCP Tiên Phong', 'Tien Phong Commercial Joint Stock Bank'),
];

function bank(bin: string, shortName: string, vi: string, en: string): VietQrBank {
  return { bin, shortName, name: { vi, en } };
}

export function bankByBin(bin: string): VietQrBank | undefined {
  return VIETQR_BANKS.find((b) => b.bin === bin);
}
