import { createHash } from 'node:crypto';
import { starBand } from '../certificates/certificate.js';
import { DISTRICT_LEVEL_ENDED } from '../certificates/certificate.service.js';
import type { LegalFormCode } from '../catalog/legal-forms.js';
import { parseUnitName } from '../places/address-parse.js';
import type { Resolution, ResolveInput } from '../places/address-resolver.js';
import {
  cellText,
  fold,
  parseDate,
  parseLevel,
  parseScorecard,
  parseScore,
  parseStars,
  type Cell,
  type Level,
  type Parsed,
} from './cells.js';
import type { ColumnKey, HeaderMap } from './columns.js';
import type { SheetRow } from './sheet-reader.js';

/** One problem of one row, naming the column, in both languages. */
export interface RowProblem {
  field: ColumnKey | 'row';
  message: string;
  messageEn: string;
}

export interface UnitOption {
  id: string;
  name: string;
}

/** One product certified by the decision, as read and checked from its row. */
export interface ImportRow {
  line: number;
  productName: string;
  producerName: string;
  legalForm: LegalFormCode;
  registrationNumber: string | null;
  /** The address as the registry files it (2025 commune), and the old form when the row gave one. */
  address: string;
  oldAddress: string | null;
  communeId: string;
  stars: 3 | 4 | 5;
  score: number | null;
  scorecardId: number;
  decisionNumber: string;
  decisionDate: string;
  issuedOn: string;
  level: Level;
  certificateNumber: string;
}

export type RowReading =
  | { kind: 'ok'; row: ImportRow; warnings: RowProblem[] }
  | { kind: 'review'; line: number; candidates: UnitOption[]; warnings: RowProblem[] }
  | { kind: 'error'; line: number; errors: RowProblem[]; suggestions: UnitOption[]; warnings: RowProblem[] };

export interface Resolver {
  resolve(input: ResolveInput): Resolution;
  /** The full name of a commune in force today, by its 2025 code; undefined for any other id. */
  currentCommune(id: string): string | undefined;
}

/** A row with none of the main cells filled is a blank or a section title ("I. Huyện Ba Vì"): skipped. */
export function isContentRow(row: SheetRow, h: HeaderMap): boolean {
  return (['product', 'producer', 'stars'] as const).some((k) => cellText(cellAt(row, h, k)) !== '');
}

function cellAt(row: SheetRow, h: HeaderMap, key: ColumnKey): Cell {
  const i = h[key];
  return i === undefined ? null : (row.cells[i] ?? null);
}

/** Reads and checks one row; `choice` is the commune a person chose for a split old commune. */
export function readRow(row: SheetRow, h: HeaderMap, resolver: Resolver, choice?: string): RowReading {
  const errors: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  const take = <T>(key: ColumnKey, parsed: Parsed<T>): T | undefined => {
    if (parsed.ok) return parsed.value;
    errors.push({ field: key, message: parsed.vi, messageEn: parsed.en });
    return undefined;
  };
  const text = (key: ColumnKey) => cellText(cellAt(row, h, key));
  const required = (key: ColumnKey, vi: string, en: string, max: number): string | undefined => {
    const t = text(key);
    if (t === '') errors.push({ field: key, message: `thiếu ${vi}`, messageEn: `${en} missing` });
    else if (t.length > max)
      errors.push({
        field: key,
        message: `${vi} dài quá ${max} ký tự`,
        messageEn: `${en} over ${max} characters`,
      });
    else return t;
    return undefined;
  };
  const productName = required('product', 'tên sản phẩm', 'product name', 200);
  const producerName = required('producer', 'tên chủ thể', 'producer name', 300);
  const address = required('address', 'địa chỉ', 'address', 500);
  const stars = take('stars', parseStars(cellAt(row, h, 'stars')));
  const score = take('score', parseScore(cellAt(row, h, 'score')));
  const scorecardId = take('scorecard', parseScorecard(cellAt(row, h, 'scorecard')));
  const decisionNumber = required('decisionNumber', 'số quyết định', 'decision number', 60);
  const decisionDate = take(
    'decisionDate',
    parseDate(cellAt(row, h, 'decisionDate'), ['ngày quyết định', 'decision date']),
  );
  if (decisionDate === null)
    errors.push({
      field: 'decisionDate',
      message: 'thiếu ngày quyết định',
      messageEn: 'decision date missing',
    });
  const issued = take('issuedOn', parseDate(cellAt(row, h, 'issuedOn'), ['ngày cấp', 'issue date']));
  const givenLevel = take('level', parseLevel(cellAt(row, h, 'level')));
  const registration = text('registrationNumber');
  if (registration !== '' && !/^[0-9A-Za-z./-]{3,30}$/.test(registration)) {
    errors.push({
      field: 'registrationNumber',
      message: `mã số doanh nghiệp "${registration}" không hợp lệ`,
      messageEn: `registration number "${registration}" is not valid`,
    });
  }

  const issuedOn = issued ?? decisionDate ?? undefined;
  let level: Level | undefined;
  if (
    stars !== undefined &&
    decisionNumber !== undefined &&
    issuedOn !== undefined &&
    givenLevel !== undefined
  ) {
    level = givenLevel ?? levelOfDecision(decisionNumber);
    errors.push(...levelProblems(stars, level, issuedOn, decisionDate ?? issuedOn));
  }
  if (stars !== undefined && score !== undefined && score !== null) {
    const problem = scoreProblem(stars, score);
    if (problem?.error) errors.push(problem.problem);
    else if (problem) warnings.push(problem.problem);
  }
  const certificateNumber =
    text('certificateNumber') ||
    (decisionNumber && decisionDate && productName && producerName
      ? deriveCertificateNumber(decisionNumber, decisionDate, producerName, productName)
      : '');
  if (certificateNumber !== '' && !/^[0-9A-Za-zĐđ./_-]{3,40}$/.test(certificateNumber)) {
    errors.push({
      field: 'certificateNumber',
      message: `số giấy chứng nhận "${certificateNumber}" không hợp lệ`,
      messageEn: `certificate number "${certificateNumber}" is not valid`,
    });
  }

  // The address last: its suggestions only help when the rest of the row is sound.
  const code = text('communeCode');
  const place =
    address === undefined
      ? undefined
      : code === ''
        ? placeOf(address, resolver, choice)
        : placeByCode(address, code, resolver);
  if (place?.kind === 'error') errors.push(place.problem);
  if (errors.length > 0) {
    return {
      kind: 'error',
      line: row.line,
      errors,
      warnings,
      suggestions: place?.kind === 'error' ? place.options : [],
    };
  }
  if (place?.kind === 'review')
    return { kind: 'review', line: row.line, candidates: place.options, warnings };
  if (
    place?.kind !== 'ok' ||
    productName === undefined ||
    producerName === undefined ||
    stars === undefined ||
    score === undefined ||
    scorecardId === undefined ||
    decisionNumber === undefined ||
    decisionDate == null ||
    issuedOn === undefined ||
    level === undefined
  ) {
    throw new Error(`row ${row.line}: incomplete reading without an error`);
  }
  return {
    kind: 'ok',
    warnings,
    row: {
      line: row.line,
      productName,
      producerName,
      legalForm: legalFormOf(producerName),
      registrationNumber: registration === '' ? null : registration,
      address: place.address,
      oldAddress: place.oldAddress,
      communeId: place.communeId,
      stars,
      score,
      scorecardId,
      decisionNumber,
      decisionDate,
      issuedOn,
      level,
      certificateNumber,
    },
  };
}

type Place =
  | { kind: 'ok'; communeId: string; address: string; oldAddress: string | null }
  | { kind: 'review'; options: UnitOption[] }
  | { kind: 'error'; problem: RowProblem; options: UnitOption[] };

function placeOf(address: string, resolver: Resolver, choice: string | undefined): Place {
  const r = resolver.resolve({ commune: address });
  const option = (u: { id: string; fullName: string }) => ({ id: u.id, name: u.fullName });
  if (r.status === 'resolved') {
    const old = r.via.length > 0;
    return {
      kind: 'ok',
      communeId: r.commune.id,
      address: old ? currentAddress(address, r.commune.fullName) : address,
      oldAddress: old ? address : null,
    };
  }
  if (r.status === 'split') {
    const options = r.candidates.map(option);
    if (choice === undefined) return { kind: 'review', options };
    const chosen = r.candidates.find((c) => c.id === choice || c.code === choice);
    if (chosen) {
      return {
        kind: 'ok',
        communeId: chosen.id,
        address: currentAddress(address, chosen.fullName),
        oldAddress: address,
      };
    }
    return {
      kind: 'error',
      options,
      problem: {
        field: 'address',
        message: `mã xã đã chọn "${choice}" không thuộc các xã thay thế: ${options.map((o) => `${o.id} ${o.name}`).join(', ')}`,
        messageEn: `the chosen commune "${choice}" is not one of the successors: ${options.map((o) => `${o.id} ${o.name}`).join(', ')}`,
      },
    };
  }
  const options = (r.status === 'ambiguous' ? r.matches : r.suggestions).map(option);
  const list = options.map((o) => `${o.name} (${o.id})`).join(', ');
  return {
    kind: 'error',
    options,
    problem:
      r.status === 'ambiguous'
        ? {
            field: 'address',
            message: `địa chỉ "${address}" không rõ xã nào: ${list}; hãy ghi thêm huyện`,
            messageEn: `address "${address}" is ambiguous: ${list}; add the district`,
          }
        : {
            field: 'address',
            message: `không tìm thấy xã/phường của địa chỉ "${address}"${list ? `; gợi ý: ${list}` : ''}`,
            messageEn: `no commune found for address "${address}"${list ? `; did you mean: ${list}` : ''}`,
          },
  };
}

/** Our exports name the 2025 commune by code, so that an export re-imports exactly where it came from. */
function placeByCode(address: string, code: string, resolver: Resolver): Place {
  if (resolver.currentCommune(code) !== undefined)
    return { kind: 'ok', communeId: code, address, oldAddress: null };
  return {
    kind: 'error',
    options: [],
    problem: {
      field: 'communeCode',
      message: `mã "${code}" không phải xã/phường hiện hành (mã 2025)`,
      messageEn: `"${code}" is not a commune in force (2025 code)`,
    },
  };
}

/**
 * An old address ("thôn Đông, xã Sơn Hà, huyện Phú Xuyên") filed under today's commune: the leading parts
 * that name no unit (hamlet, street) are kept, followed by the 2025 commune.
 */
export function currentAddress(address: string, communeFullName: string): string {
  const parts = address.split(/[,;]/).map((p) => p.trim());
  const leading: string[] = [];
  for (const p of parts.slice(0, -1)) {
    if (p === '' || parseUnitName(p).level !== undefined) break;
    leading.push(p);
  }
  return [...leading, communeFullName].join(', ');
}

/** A city decision ("…/QĐ-UBND") is province level; one of the Ministry's is central. */
export function levelOfDecision(decisionNumber: string): Level {
  const f = fold(decisionNumber);
  return /\b(bnn|bnnmt|bnnptnt|vpdp|ttg)\b/.test(f) ? 'central' : 'province';
}

function levelProblems(stars: number, level: Level, issuedOn: string, decisionDate: string): RowProblem[] {
  const out: RowProblem[] = [];
  if (stars === 5 && level !== 'central') {
    out.push({
      field: 'stars',
      message:
        '5 sao chỉ do Hội đồng Trung ương công nhận; quyết định cấp tỉnh/thành phố không thể công nhận 5 sao ' +
        '(ghi "Trung ương" ở cột Cấp công nhận nếu đây là quyết định của Bộ)',
      messageEn:
        '5★ is certified by the central council only; a province or city decision cannot certify 5★ ' +
        '(write "Trung ương" in the Level column if this is the Ministry\'s decision)',
    });
  }
  if (level === 'district' && (stars !== 3 || issuedOn >= DISTRICT_LEVEL_ENDED)) {
    out.push({
      field: 'level',
      message: 'cấp huyện chỉ công nhận 3 sao, trước 01/07/2025',
      messageEn: 'district level certified 3★ only, before 2025-07-01',
    });
  }
  if (decisionDate > issuedOn) {
    out.push({
      field: 'issuedOn',
      message: 'ngày cấp trước ngày quyết định',
      messageEn: 'the issue date is before the decision date',
    });
  }
  return out;
}

/**
 * Stars above the score's band cannot be (error); stars below it are normal — unmet mandatory criteria cap
 * the star (Phụ lục III of Decision 148) — and only noted.
 */
function scoreProblem(stars: number, score: number): { error: boolean; problem: RowProblem } | undefined {
  const band = starBand(score);
  if (stars > band) {
    return {
      error: true,
      problem: {
        field: 'score',
        message: `${score} điểm chỉ đạt ${band} sao, không thể là ${stars} sao`,
        messageEn: `a score of ${score} reaches ${band}★ only, not ${stars}★`,
      },
    };
  }
  if (stars < band) {
    return {
      error: false,
      problem: {
        field: 'score',
        message: `${score} điểm thuộc khung ${band} sao; ${stars} sao do tiêu chí bắt buộc chưa đạt`,
        messageEn: `a score of ${score} is in the ${band}★ band; ${stars}★ because mandatory criteria were not met`,
      },
    };
  }
  return undefined;
}

/**
 * Decisions print no certificate number. We derive one that stays the same at every import of the same row:
 * the decision number, its year, and 8 hex digits of a hash of the folded producer and product names —
 * e.g. "1234-QD-UBND.2024.9F3A61C0". A row that names its certificate number keeps it.
 */
export function deriveCertificateNumber(
  decisionNumber: string,
  decisionDate: string,
  producerName: string,
  productName: string,
): string {
  const decision = fold(decisionNumber).toUpperCase().replace(/ /g, '-').slice(0, 20).replace(/-$/, '');
  const key = createHash('sha256')
    .update(`${fold(producerName)}|${fold(productName)}`)
    .digest('hex');
  return `${decision}.${decisionDate.slice(0, 4)}.${key.slice(0, 8).toUpperCase()}`;
}

const LEGAL_FORM_PREFIXES: Array<[RegExp, LegalFormCode]> = [
  [/^(htx|hop tac xa)\b/, 'htx'],
  [/^(tht|to hop tac)\b/, 'tohoptac'],
  [/^(dntn|doanh nghiep tu nhan)\b/, 'dntn'],
  [/^cong ty (tnhh )?(mtv|mot thanh vien)\b|^cong ty tnhh (mtv|mot thanh vien)\b/, 'tnhh1'],
  [/^cong ty (co phan|cp)\b|^ctcp\b/, 'cophan'],
  [/^(cong ty tnhh|cty tnhh|tnhh)\b/, 'tnhh2'],
];

/** Appendices name the producer, not its legal form: read it from the name; a household business otherwise. */
export function legalFormOf(producerName: string): LegalFormCode {
  const f = fold(producerName);
  for (const [re, code] of LEGAL_FORM_PREFIXES) if (re.test(f)) return code;
  return 'hokinhdoanh';
}
