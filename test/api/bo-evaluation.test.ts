import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDefaultRounds } from '../../src/evaluation/round.service.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { anAccount, backOfficeClient } from '../support/accounts.js';
import { aProduct, aProducer } from '../support/factories.js';
import { multipart } from '../support/multipart.js';
import { bestAnswers, referenceSets, withTotal } from '../../src/scoring/sample-sheets.js';
import { flat, readPdf } from '../support/pdf-text.js';
import { signedVerifyPath } from '../../src/web/verification.js';
import ExcelJS from 'exceljs';

let t: TestApp;
let uploads: string;
let bo: ReturnType<typeof backOfficeClient>;
const who: Record<string, string> = {};
let productId = '';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');

beforeAll(async () => {
  uploads = await mkdtemp(join(tmpdir(), 'ocop-bo-eval-'));
  t = await createTestApp(
    async ({ ctx }) => {
      await loadAdministrativeUnits(ctx);
      await loadScorecards(ctx);
      await ensureDefaultRounds(ctx, 2026);
      const producerId = await aProducer(ctx, { name: 'HTX Gốm Minh Đức' });
      productId = await aProduct(ctx, { producerId, nameVi: 'Bình gốm men lam' });
      who.producer = await anAccount(ctx, 'producer', producerId);
      who.commune = await anAccount(ctx, 'commune', '00577');
      who.secretary = await anAccount(ctx, 'secretary');
      for (const n of [1, 2, 3]) who[`m${String(n)}`] = await anAccount(ctx, 'council');
      who.admin = await anAccount(ctx, 'admin');
    },
    { uploadsDir: uploads },
  );
  bo = backOfficeClient(t.app);
}, 120_000);
afterAll(async () => {
  await t.close();
  await rm(uploads, { recursive: true, force: true });
});

const locationOf = (res: { headers: Record<string, unknown> }) => {
  const location = res.headers.location;
  return typeof location === 'string' ? location : '';
};

async function uploadPdf(appPath: string, kind: string) {
  const s = await bo.as(who.producer ?? '');
  const body = multipart([
    { name: 'kind', value: kind },
    { name: 'file', filename: `${kind}.pdf`, type: 'application/pdf', data: PDF },
  ]);
  return t.app.inject({
    method: 'POST',
    url: `${appPath}/documents?_csrf=${encodeURIComponent(s.csrf)}`,
    headers: { cookie: s.cookie, 'content-type': body.contentType },
    payload: body.payload,
  });
}

const SET21 = referenceSets()[20];

describe('the evaluation in the back office', () => {
  let appPath = '';
  let sessionPath = '';

  it('lets a producer open an application, upload the dossier, see what is missing and submit', async () => {
    const form = await bo.page(who.producer ?? '', '/admin/applications/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Bình gốm men lam');
    const bad = await bo.post(who.producer ?? '', '/admin/applications/new', {
      productId,
      kind: 'new',
      sampleCount: 'năm',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('f-sampleCount');
    const created = await bo.post(who.producer ?? '', '/admin/applications/new', {
      productId,
      kind: 'new',
      sampleCount: '5',
    });
    expect(created.statusCode).toBe(303);
    appPath = locationOf(created).split('?')[0] ?? '';
    const draft = await bo.page(who.producer ?? '', appPath);
    expect(draft.body).toContain('Còn thiếu');
    const early = await bo.post(who.producer ?? '', `${appPath}/events`, { event: 'submit' });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('thiếu phiếu đăng ký sản phẩm');
    for (const kind of ['registration_form', 'business_plan', 'business_registration']) {
      expect((await uploadPdf(appPath, kind)).statusCode).toBe(303);
    }
    const noToken = multipart([
      { name: 'kind', value: 'awards' },
      { name: 'file', filename: 'a.pdf', data: PDF },
    ]);
    const forged = await t.app.inject({
      method: 'POST',
      url: `${appPath}/documents`,
      headers: { cookie: (await bo.as(who.producer ?? '')).cookie, 'content-type': noToken.contentType },
      payload: noToken.payload,
    });
    expect(forged.statusCode).toBe(403);
    const submitted = await bo.post(who.producer ?? '', `${appPath}/events`, { event: 'submit' });
    expect(submitted.statusCode).toBe(303);
    const page = await bo.page(who.producer ?? '', appPath);
    expect(page.body).toContain('Đã nộp, chờ xã kiểm tra');
    expect(page.body).not.toContain('enctype="multipart/form-data"');
  });

  it('lets the commune assess and propose, and the secretary accept', async () => {
    const check = await bo.page(who.commune ?? '', appPath);
    expect(check.body).toContain('Đánh giá của xã/phường');
    const saved = await bo.post(who.commune ?? '', `${appPath}/assessment`, {
      origin: 'yes',
      localLabour: 'yes',
      idea: 'no',
      identity: 'yes',
      note: 'Mẫu mã mới',
    });
    expect(saved.statusCode).toBe(303);
    expect((await bo.post(who.commune ?? '', `${appPath}/events`, { event: 'propose' })).statusCode).toBe(
      303,
    );
    const forged = await bo.post(who.secretary ?? '', `${appPath}/events`, { event: 'certify' });
    expect(forged.statusCode).toBe(400);
    const returnWithout = await bo.post(who.secretary ?? '', `${appPath}/events`, {
      event: 'province_return',
    });
    expect(returnWithout.statusCode).toBe(400);
    expect((await bo.post(who.secretary ?? '', `${appPath}/events`, { event: 'accept' })).statusCode).toBe(
      303,
    );
    const list = await bo.page(who.secretary ?? '', '/admin/applications?state=accepted');
    expect(list.body).toContain('Bình gốm men lam');
  });

  it('lets the secretary form a session, refuse a roll call without quorum, open it and assign', async () => {
    const form = await bo.page(who.secretary ?? '', '/admin/council-sessions/new');
    expect(form.statusCode).toBe(200);
    const memberIds = [...form.body.matchAll(/name="memberIds"\s+value="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(memberIds).toHaveLength(3);
    const roundId = /name="roundId"[\s\S]*?<option value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    const formed = await bo.post(who.secretary ?? '', '/admin/council-sessions/new', {
      roundId,
      name: 'Phiên tháng 12',
      meetsOn: '2026-12-05',
      chairId: memberIds[0] ?? '',
      memberIds,
    });
    expect(formed.statusCode).toBe(303);
    sessionPath = locationOf(formed).split('?')[0] ?? '';
    const assigned = await bo.post(who.secretary ?? '', `${sessionPath}/assign`, {
      applicationIds: appPath.split('/').pop() ?? '',
    });
    expect(assigned.statusCode).toBe(303);
    const few = await bo.post(who.secretary ?? '', `${sessionPath}/open`, {
      presentIds: memberIds.slice(0, 2),
    });
    expect(few.statusCode).toBe(400);
    expect(few.body).toContain('Không đủ số thành viên');
    expect(
      (await bo.post(who.secretary ?? '', `${sessionPath}/open`, { presentIds: memberIds })).statusCode,
    ).toBe(303);
    const session = await bo.page(who.m1 ?? '', sessionPath);
    expect(session.statusCode).toBe(200);
    expect(session.body).toContain('Bình gốm men lam');
    expect(session.body).toContain(`${appPath}/sheet`);
    const outsider = await bo.page(who.producer ?? '', sessionPath);
    expect(outsider.statusCode).toBe(403);
  });

  it('lets members score on their sheets, the secretary close, the city decide; the documents and the QR check follow', async () => {
    if (!SET21) throw new Error('scorecard 21 missing');
    for (const [member, total] of [
      ['m1', 76],
      ['m2', 77],
      ['m3', 78],
    ] as const) {
      const answers = withTotal(SET21, bestAnswers(SET21), total);
      const res = await bo.post(who[member] ?? '', `${appPath}/sheet`, { ...answers, action: 'submit' });
      expect(res.statusCode).toBe(303);
    }
    expect((await bo.post(who.secretary ?? '', `${sessionPath}/close`)).statusCode).toBe(303);
    const decisions = await bo.page(who.admin ?? '', '/admin/decisions');
    expect(decisions.body).toContain('Bình gốm men lam');
    const noNumber = await bo.post(who.admin ?? '', '/admin/decisions', {
      applicationIds: appPath.split('/').pop() ?? '',
      date: '2026-12-10',
    });
    expect(noNumber.statusCode).toBe(400);
    const issued = await bo.post(who.admin ?? '', '/admin/decisions', {
      applicationIds: appPath.split('/').pop() ?? '',
      number: '2468/QĐ-UBND',
      date: '2026-12-10',
      signerTitle: 'KT. CHỦ TỊCH — PHÓ CHỦ TỊCH',
      signerName: 'Nguyễn Văn Thử',
    });
    expect(issued.statusCode).toBe(303);
    expect(decodeURIComponent(locationOf(issued))).toContain('1 công nhận');

    const app = await bo.page(who.producer ?? '', appPath);
    expect(app.body).toContain('Đã công nhận');
    const certId = /href="\/admin\/certificates\/([^"]+)"/.exec(app.body)?.[1] ?? '';
    const pdf = await bo.page(who.producer ?? '', `/api/v1/certificates/${certId}/document.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = flat((await readPdf(pdf.rawPayload)).pages.join(' '));
    expect(text).toContain('Bình gốm men lam');
    expect(text).toContain('77');
    const number = /OCOP-HN-2026-\d{5}/.exec(text)?.[0] ?? '';
    const verifyUrl = signedVerifyPath('vi', t.app.secret, number, productId);
    // The QR's address is printed under it (wrapped over lines): the signed address of this certificate.
    expect(text.replace(/\s+/g, '')).toContain(`http://ocop.test${verifyUrl}`);
    const verdict = await t.app.inject({ url: verifyUrl });
    expect(verdict.body).toContain('HỢP LỆ');

    const list = await bo.page(who.admin ?? '', '/admin/decisions');
    const decisionId = /\/api\/v1\/decisions\/([^/]+)\/appendix\.xlsx/.exec(list.body)?.[1] ?? '';
    const xlsx = await bo.page(who.admin ?? '', `/api/v1/decisions/${decisionId}/appendix.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells = JSON.stringify(book.worksheets[0]?.getSheetValues());
    expect(cells).toContain('Bình gốm men lam');
    expect(cells).toContain('HTX Gốm Minh Đức');
    const appendix = await bo.page(who.admin ?? '', `/api/v1/decisions/${decisionId}/appendix.pdf`);
    expect(flat((await readPdf(appendix.rawPayload)).pages.join(' '))).toContain('2468/QĐ-UBND');
    const forbidden = await bo.page(who.producer ?? '', `/api/v1/decisions/${decisionId}/appendix.pdf`);
    expect(forbidden.statusCode).toBe(403);
  });
});
