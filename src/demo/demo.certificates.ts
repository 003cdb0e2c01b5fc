import { newId } from '../core/ids.js';
import type { CertificateTable } from '../db/schema.js';
import { addDays, addMonths, daysBetween, monthIndex, monthStart } from './demo.dates.js';
import { type Rng, weightedPicker } from './random.js';

/** Certificates are valid 36 months from issue (Decision 148/QĐ-TTg). */
export const VALIDITY_MONTHS = 36;
/** Hà Nội's first OCOP certificates; the first national 5★ came in late 2020. */
const PROGRAMME_START = '2019-01-01';
const FIVE_STAR_START = '2020-10-01';
/** From 1 July 2025 districts are gone and the province certifies 3★ too. */
const DISTRICTS_ABOLISHED = '2025-07-01';
/** The Ministry of Agriculture and Rural Development became Agriculture and Environment on 1 March 2025. */
const MINISTRY_MERGED = '2025-03-01';

/** Revocation grounds named in the regulation. */
export const REVOCATION_REASONS = [
  'Không tuân thủ quy trình đánh giá, phân hạng sản phẩm OCOP',
  'Sản phẩm không bảo đảm an toàn thực phẩm, chất lượng theo công bố',
  'Sản phẩm lưu thông khác với sản phẩm đã được đánh giá, chứng nhận',
  'Chủ thể ngừng hoạt động sản xuất, kinh doanh',
] as const;

/**
 * The year of the *current* certificate: mostly recent (older products were re-evaluated), with a tail of
 * 2019–2022 certificates never renewed, which is why some are expired today.
 */
const CURRENT_YEAR_WEIGHT: Record<number, number> = {
  2019: 2,
  2020: 3,
  2021: 5,
  2022: 8,
  2023: 17,
  2024: 25,
  2025: 24,
  2026: 16,
};

/**
 * Builds certificate histories. Certificates of the same level and month share one decision (a decision
 * lists many products); numbers run per year of issue.
 */
export class CertificateFactory {
  private readonly lastIssue: string;
  private readonly pickMonth: (rng: Rng) => number;
  private readonly pickFiveStarMonth: (rng: Rng) => number;
  private readonly decisions = new Map<string, { number: string; date: string }>();
  private readonly sequence = new Map<number, number>();

  constructor(
    private readonly rng: Rng,
    private readonly today: string,
    private readonly stamp: string,
  ) {
    this.lastIssue = addDays(today, -1);
    const months = monthRange(PROGRAMME_START, addMonths(today, -1));
    const weight = (m: number) => CURRENT_YEAR_WEIGHT[Math.floor(m / 12)] ?? 10;
    this.pickMonth = weightedPicker(months, weight);
    const fiveStarMonths = months.filter((m) => m >= monthIndex(FIVE_STAR_START));
    this.pickFiveStarMonth = weightedPicker(fiveStarMonths.length ? fiveStarMonths : months, weight);
  }

  /** Oldest first; each superseded one points to the next; the last is the product's current certificate. */
  history(productId: string, stars: number, revoked = false): CertificateTable[] {
    const { rng } = this;
    const current = stars === 5 ? this.pickFiveStarMonth(rng) : this.pickMonth(rng);
    const plan = earlierCertificates(rng, stars, current, monthIndex(PROGRAMME_START));
    const chain = [...plan, { stars, month: current }].map((c) =>
      this.certificate(productId, c.stars, c.month),
    );
    chain.forEach((c, i) => (c.superseded_by_id = chain[i + 1]?.id ?? null));
    const last = chain[chain.length - 1] as CertificateTable;
    if (revoked) revoke(rng, last, this.today);
    return chain;
  }

  private decision(level: CertificateTable['level'], month: number): { number: string; date: string } {
    const key = `${level}|${month}`;
    let d = this.decisions.get(key);
    if (!d) {
      const date = addDays(monthStart(month), this.rng.int(4, 24));
      const issuer = level !== 'central' ? 'QĐ-UBND' : date < MINISTRY_MERGED ? 'QĐ-BNN-VPĐP' : 'QĐ-BNNMT';
      d = { number: `${this.rng.int(150, 6999)}/${issuer}`, date };
      this.decisions.set(key, d);
    }
    return d;
  }

  private certificate(productId: string, stars: number, month: number): CertificateTable {
    const level = levelFor(stars, month);
    const d = this.decision(level, month);
    // A district could not issue anything after it was abolished.
    const latest =
      level === 'district' ? minDate(this.lastIssue, addDays(DISTRICTS_ABOLISHED, -1)) : this.lastIssue;
    const issued = minDate(addDays(d.date, this.rng.int(2, 9)), latest);
    const year = Number(issued.slice(0, 4));
    const seq = (this.sequence.get(year) ?? 0) + 1;
    this.sequence.set(year, seq);
    return {
      id: newId('crt', (n) => this.rng.bytes(n)),
      number: `OCOP-HN-${year}-${String(seq).padStart(5, '0')}`,
      product_id: productId,
      stars,
      score: score(this.rng, stars),
      level,
      decision_number: d.number,
      decision_date: minDate(d.date, issued),
      issued_on: issued,
      expires_on: addMonths(issued, VALIDITY_MONTHS),
      revoked_on: null,
      revocation_reason: null,
      superseded_by_id: null,
      demo: 1,
      created_at: this.stamp,
      updated_at: this.stamp,
    };
  }
}

/**
 * Walks back from the current certificate: an upgrade (4★ before 5★, sometimes 3★ before 4★) 12–30 months
 * earlier, and sometimes a renewal of an expired certificate 36–40 months before that. Oldest first.
 */
function earlierCertificates(
  rng: Rng,
  stars: number,
  current: number,
  first: number,
): Array<{ stars: number; month: number }> {
  const out: Array<{ stars: number; month: number }> = [];
  let month = current;
  let level = stars;
  if (stars === 5 || (stars === 4 && rng.chance(0.2))) {
    const earlier = month - rng.int(12, 30);
    if (earlier >= first) {
      level = stars - 1;
      month = earlier;
      out.unshift({ stars: level, month });
    }
  }
  if (rng.chance(0.45)) {
    const earlier = month - rng.int(VALIDITY_MONTHS, VALIDITY_MONTHS + 4);
    if (earlier >= first) out.unshift({ stars: level, month: earlier });
  }
  return out;
}

/** 5★ by the central council, 4★ by the province, 3★ by the district until July 2025 and the province since. */
function levelFor(stars: number, month: number): CertificateTable['level'] {
  if (stars === 5) return 'central';
  if (stars === 4) return 'province';
  return monthStart(month) < DISTRICTS_ABOLISHED ? 'district' : 'province';
}

function revoke(rng: Rng, certificate: CertificateTable, today: string): void {
  // Revoked on or before today, while the certificate was in force; usually some months after issue.
  const lastDay = minDate(today, addDays(certificate.expires_on, -1));
  const span = Math.max(0, daysBetween(certificate.issued_on, lastDay));
  certificate.revoked_on = addDays(certificate.issued_on, rng.int(Math.min(60, span), span));
  certificate.revocation_reason = rng.pick(REVOCATION_REASONS);
}

/** Stars follow the score bands: 3★ 50–69.99, 4★ 70–89.99, 5★ 90 and over; two decimals (a mean of members). */
function score(rng: Rng, stars: number): number {
  const [min, max] = stars === 5 ? [9000, 9800] : stars === 4 ? [7000, 8999] : [5000, 6999];
  return rng.int(min, max) / 100;
}

function monthRange(from: string, to: string): number[] {
  const out: number[] = [];
  for (let m = monthIndex(from); m <= monthIndex(to); m++) out.push(m);
  return out;
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
