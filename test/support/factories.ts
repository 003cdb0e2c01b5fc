import { createProducer } from '../../src/catalog/producer.service.js';
import { createProduct } from '../../src/catalog/product.service.js';
import { issueCertificate } from '../../src/certificates/certificate.service.js';
import type { Ctx } from '../../src/core/context.js';
import { createSalesPoint } from '../../src/sales-points/sales-point.service.js';
import { createCraftVillage } from '../../src/villages/craft-village.service.js';

/** Test data built through the real services, with overrides. Communes are 2025 codes. */
let seq = 0;
const next = () => ++seq;

export async function aProducer(ctx: Ctx, over: Record<string, unknown> = {}): Promise<string> {
  const n = next();
  return createProducer(ctx, {
    name: `HTX Thử nghiệm ${n}`,
    legalForm: 'htx',
    address: `Thôn ${n}, Xã Bát Tràng, Hà Nội`,
    communeId: '00577',
    ...over,
  });
}

export async function aCraftVillage(ctx: Ctx, over: Record<string, unknown> = {}): Promise<string> {
  return createCraftVillage(ctx, {
    name: `Làng nghề thử ${next()}`,
    communeId: '00577',
    craft: 'Gốm sứ',
    recognized: false,
    traditional: true,
    ...over,
  });
}

export async function aProduct(ctx: Ctx, over: Record<string, unknown> = {}): Promise<string> {
  const producerId = (over.producerId as string | undefined) ?? (await aProducer(ctx));
  return createProduct(ctx, {
    nameVi: `Sản phẩm thử ${next()}`,
    scorecardId: 21,
    communeId: '00577',
    priceVnd: 100000,
    ...over,
    producerId,
  });
}

export async function aCertificate(
  ctx: Ctx,
  productId: string,
  over: Record<string, unknown> = {},
): Promise<string> {
  const n = next();
  return issueCertificate(ctx, {
    productId,
    number: `TEST-${String(n).padStart(5, '0')}`,
    stars: 4,
    score: 75.5,
    level: 'province',
    decisionNumber: `${n}/QĐ-UBND`,
    decisionDate: '2025-09-01',
    issuedOn: '2025-09-10',
    ...over,
  });
}

export async function aSalesPoint(ctx: Ctx, over: Record<string, unknown> = {}): Promise<string> {
  return createSalesPoint(ctx, {
    name: `Điểm bán thử ${next()}`,
    locationType: 'retail',
    address: 'Số 1, Hà Nội',
    communeId: '00577',
    ...over,
  });
}
