import { loadDemo } from '../../src/demo/demo.loader.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import type { TestDatabase } from '../support/db.js';
import { aCertificate, aProduct, aProducer, aSalesPoint } from '../support/factories.js';
import { startSite, type Site } from './site.js';

/** Records the browser scenarios name, added to the demonstration Hà Nội with known dates and stars. */
export interface KnownRecords {
  /** "Gốm Bát Tràng — bình hút lộc men lam", 4★, certificate valid until 2028. */
  validProduct: string;
  validCertificate: string;
  /** A 3★ product whose certificate expired on 2025-03-10. */
  expiredProduct: string;
  expiredCertificate: string;
  salesPoint: string;
}

async function addKnownRecords(t: TestDatabase): Promise<KnownRecords> {
  const { ctx } = t;
  const producer = await aProducer(ctx, { name: 'HTX Gốm sứ Bát Tràng Thử nghiệm' });
  const validProduct = await aProduct(ctx, {
    producerId: producer,
    nameVi: 'Gốm Bát Tràng — bình hút lộc men lam',
    nameEn: 'Bát Tràng ceramics — blue-glaze money vase',
    scorecardId: 21,
  });
  const validCertificate = await aCertificate(ctx, validProduct, {
    number: 'E2E-VALID-0001',
    stars: 4,
    issuedOn: '2025-09-10',
  });
  const expiredProduct = await aProduct(ctx, {
    producerId: producer,
    nameVi: 'Gốm Bát Tràng — ấm chén men rạn cũ',
    nameEn: 'Bát Tràng ceramics — old crackle tea set',
    scorecardId: 21,
  });
  const expiredCertificate = await aCertificate(ctx, expiredProduct, {
    number: 'E2E-EXPIRED-0001',
    stars: 3,
    level: 'district',
    decisionDate: '2022-03-01',
    issuedOn: '2022-03-10',
  });
  const salesPoint = await aSalesPoint(ctx, {
    name: 'Điểm bán OCOP Bến xe Gia Lâm (thử nghiệm)',
    locationType: 'transport_hub',
    latitude: 21.0479,
    longitude: 105.8782,
    productIds: [validProduct],
  });
  return { validProduct, validCertificate, expiredProduct, expiredCertificate, salesPoint };
}

/**
 * The website over the demonstration Hà Nội (2,727 products, 1,350 craft villages, 112 sales points) plus the
 * known records above, listening on a free port for Chromium and Lighthouse.
 */
export async function startDemoSite(): Promise<{ site: Site; known: KnownRecords }> {
  let known: KnownRecords | undefined;
  const site = await startSite(
    async (t) => {
      await loadAdministrativeUnits(t.ctx);
      await loadScorecards(t.ctx);
      await loadDemo(t.ctx);
      known = await addKnownRecords(t);
    },
    { listen: true },
  );
  if (!known) throw new Error('the known records were not created');
  return { site, known };
}
