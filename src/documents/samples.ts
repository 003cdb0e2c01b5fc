import type { DecisionDocument, DecisionRow } from './appendix.js';
import type { CertificateDocument } from './certificate.js';

/**
 * Realistic sample documents (Hà Nội producers, 2025 communes, long Vietnamese names) for the benchmark and
 * for trying the layout; deterministic for an index.
 */
const PRODUCTS = [
  'Mật ong hoa nhãn Hưng Yên',
  'Gạo nếp cái hoa vàng Đông Anh',
  'Gốm men rạn cổ Bát Tràng bình hút lộc vẽ tay',
  'Trà hoa cúc Nghi Sơn',
  'Lụa tơ tằm Vạn Phúc dệt thủ công',
  'Sữa chua nếp cẩm Ba Vì',
];
const PRODUCERS = [
  'Hợp tác xã Nông nghiệp Đồng Tâm',
  'Công ty TNHH Gốm sứ Bát Tràng Ánh Dương',
  'Hộ kinh doanh Nguyễn Thị Ước',
  'Hợp tác xã Dịch vụ Nông nghiệp Ứng Hòa',
];
const COMMUNES = ['Xã Ứng Hòa', 'Xã Bát Tràng', 'Phường Hà Đông', 'Xã Ba Vì', 'Xã Đông Anh'];
const SCORECARDS = [
  'Mật ong, các sản phẩm từ mật ong, phấn hoa',
  'Gạo, ngũ cốc',
  'Thủ công mỹ nghệ, trang trí',
  'Chè',
  'Dệt may',
];

function pick<T>(list: readonly T[], i: number): T {
  const item = list[i % list.length];
  if (item === undefined) throw new RangeError('empty sample list');
  return item;
}

export function sampleCertificate(i: number): CertificateDocument {
  const score = 70 + ((i * 7.37) % 19.99);
  return {
    number: `${String(i + 1)}/2026/GCN-OCOP-HN`,
    productName: pick(PRODUCTS, i),
    producerName: pick(PRODUCERS, i),
    producerAddress: `Thôn Đoài, ${pick(COMMUNES, i)}, Thành phố Hà Nội`,
    scorecardName: pick(SCORECARDS, i),
    stars: score >= 90 ? 5 : score >= 70 ? 4 : 3,
    score: Math.round(score * 100) / 100,
    level: 'province',
    issuer: 'ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI',
    decisionNumber: '1234/QĐ-UBND',
    decisionDate: '2026-01-02',
    issuedOn: '2026-01-02',
    expiresOn: '2029-01-02',
    verifyUrl: `https://ocop.hanoi.gov.vn/vi/kiem-tra/crt_${String(100000 + i)}?sig=c2lnbmF0dXJlLW9mLXRoZS1jZXJ0aWZpY2F0ZS0${String(i)}`,
  };
}

export function sampleDecisionRow(i: number): DecisionRow {
  const cert = sampleCertificate(i);
  return {
    productName: `${cert.productName} (mẫu ${String(i + 1)})`,
    producerName: cert.producerName,
    communeName: pick(COMMUNES, i),
    scorecardName: cert.scorecardName,
    score: cert.score ?? 0,
    stars: cert.stars,
    certificateNumber: cert.number,
  };
}

export function sampleDecision(rows: number): DecisionDocument {
  return {
    issuer: 'ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI',
    number: '1234/QĐ-UBND',
    date: '2026-01-02',
    place: 'Hà Nội',
    title: 'Phê duyệt kết quả đánh giá, phân hạng sản phẩm OCOP thành phố Hà Nội năm 2026 (đợt 1)',
    signer: { title: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH', name: 'Nguyễn Mạnh Quyền' },
    rows: Array.from({ length: rows }, (_, i) => sampleDecisionRow(i)),
  };
}
