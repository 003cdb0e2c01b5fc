import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { appendixCsv, appendixXlsx, type Value } from '../fixtures/appendix.js';
import { anAccount, backOfficeClient } from '../support/accounts.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { aProducer } from '../support/factories.js';
import { multipart } from '../support/multipart.js';

let t: TestApp;
let uploadsDir: string;
let bo: ReturnType<typeof backOfficeClient>;
const ids: Record<string, string> = {};

const DECISION = '1234/QĐ-UBND';
const row = (n: number, product: string, producer: string, address: string, stars: Value = '4 sao') => [
  n,
  product,
  producer,
  address,
  stars,
  75,
  21,
  DECISION,
  '15/03/2024',
];
// Lines 6, 7 and 8 of the sheet (a title block and the header come first).
const ROWS = [
  row(1, 'Bình gốm men lam', 'HTX Gốm Thủ Đô', 'Thôn 1, Xã Bát Tràng, Hà Nội'),
  row(2, 'Ấm chén men rạn', 'Công ty TNHH Gốm Cổ', 'Xã Bát Tràng, huyện Gia Lâm'),
  row(3, 'Chén trà hai sao', 'Cơ sở Gốm Lỗi', 'Thôn 2, Xã Bát Tràng, Hà Nội', 2),
];

async function upload(email: string, fileName: string, data: Buffer, csrf = true, lang = 'vi') {
  const session = await bo.as(email);
  const body = multipart([{ name: 'file', filename: fileName, data }]);
  return t.app.inject({
    method: 'POST',
    url: csrf ? `/admin/imports?lang=${lang}&_csrf=${encodeURIComponent(session.csrf)}` : '/admin/imports',
    headers: { cookie: session.cookie, 'content-type': body.contentType },
    payload: body.payload,
  });
}

const tokenOf = (page: string) => /name="token" value="([0-9a-f]{64})"/.exec(page)?.[1] ?? '';
const lineOrder = (page: string) =>
  [...page.matchAll(/<tr id="line-(\d+)" data-action="(\w+)"/g)].map((m) => `${m[1]}:${m[2]}`);
const count = (page: string, action: string) =>
  new RegExp(`data-action="${action}">\\s*<p class="big">(\\d+)</p>`).exec(page)?.[1];
const candidatesOf = (page: string, line: number) => {
  const select = new RegExp(`<select id="f-choice-${line}"[^>]*>([\\s\\S]*?)</select>`).exec(page)?.[1] ?? '';
  return [...select.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1] ?? '');
};

const kept = async () => (await readdir(join(uploadsDir, 'imports'), { recursive: true })).sort();

async function registry() {
  return t.ctx.db
    .selectFrom('products as p')
    .innerJoin('producers as pr', 'pr.id', 'p.producer_id')
    .select(['p.name_vi as product', 'pr.name as producer', 'p.commune_id as commune'])
    .where('p.name_vi', 'in', ['Bình gốm men lam', 'Ấm chén men rạn', 'Chén trà hai sao'])
    .orderBy('p.name_vi')
    .execute();
}

beforeAll(async () => {
  uploadsDir = await mkdtemp(join(tmpdir(), 'ocop-bo-import-'));
  t = await createTestApp(
    async ({ ctx }) => {
      await loadAdministrativeUnits(ctx);
      await loadScorecards(ctx);
      ids.admin = await anAccount(ctx, 'admin');
      ids.admin2 = await anAccount(ctx, 'admin');
      ids.officer = await anAccount(ctx, 'commune', '00577');
      ids.producer = await anAccount(ctx, 'producer', await aProducer(ctx, { name: 'HTX Gốm Bát Tràng' }));
    },
    { uploadsDir },
  );
  bo = backOfficeClient(t.app);
});
afterAll(async () => {
  await t.close();
  await rm(uploadsDir, { recursive: true, force: true });
});

describe('back office: importing a decision appendix', () => {
  it('offers the upload form, with the size limit, to city administrators only', async () => {
    const page = await bo.page(ids.admin ?? '', '/admin/imports');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toMatch(/<label for="f-file">Tệp phụ lục/);
    expect(page.body).toContain('accept=".xlsx,.csv');
    expect(page.body).toContain('Tối đa 20 MB.');
    expect(page.body).toMatch(/href="\/admin\/imports"\s+aria-current="page"/);
    const english = await bo.page(ids.admin ?? '', '/admin/imports?lang=en');
    expect(english.body).toContain('At most 20 MB.');

    for (const who of [ids.officer, ids.producer]) {
      expect((await bo.page(who ?? '', '/admin/imports')).statusCode).toBe(403);
      expect((await bo.page(who ?? '', '/admin')).body).not.toContain('href="/admin/imports"');
      const posted = await upload(who ?? '', 'qd.xlsx', await appendixXlsx(ROWS));
      expect(posted.statusCode).toBe(403);
    }
    expect(await registry()).toEqual([]);
  });

  it('dry-runs an upload, lists every row by line, then applies the valid rows and the chosen commune', async () => {
    const bytes = await appendixXlsx(ROWS);
    const report = await upload(ids.admin ?? '', 'qd-1234.xlsx', bytes);
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('Chạy thử: chưa ghi gì');
    expect(lineOrder(report.body)).toEqual(['8:error', '7:review', '6:create']);
    expect([count(report.body, 'create'), count(report.body, 'review'), count(report.body, 'error')]).toEqual(
      ['1', '1', '1'],
    );
    expect(report.body).toContain('Chén trà hai sao');
    expect(report.body).toContain('Công ty TNHH Gốm Cổ');
    expect(report.body).toContain('name="onlyValid"');
    const candidates = candidatesOf(report.body, 7);
    expect(candidates.length).toBeGreaterThan(1);
    expect(await registry()).toEqual([]);

    const chosen = candidates[1] ?? '';
    const applied = await bo.post(ids.admin ?? '', '/admin/imports/apply', {
      token: tokenOf(report.body),
      onlyValid: '1',
      'choice-7': chosen,
    });
    expect(applied.statusCode).toBe(303);
    const notice = decodeURIComponent(applied.headers.location ?? '');
    expect(notice).toContain('Đã ghi vào sổ đăng ký: 2 tạo mới');
    expect(notice).toContain('bỏ qua 1 dòng lỗi');
    expect(await registry()).toEqual([
      { product: 'Bình gốm men lam', producer: 'HTX Gốm Thủ Đô', commune: '00577' },
      { product: 'Ấm chén men rạn', producer: 'Công ty TNHH Gốm Cổ', commune: chosen },
    ]);
    // The applied upload is not kept; its token no longer applies anything.
    const replay = await bo.post(ids.admin ?? '', '/admin/imports/apply', { token: tokenOf(report.body) });
    expect(replay.statusCode).toBe(400);
    expect(replay.body).toContain('Hãy tải tệp lên lại');

    const again = await upload(ids.admin ?? '', 'qd-1234.xlsx', bytes);
    expect(lineOrder(again.body)).toEqual(['8:error', '7:review', '6:unchanged']);
    expect(count(again.body, 'create')).toBe('0');
  });

  it('writes nothing from a file with errors unless the valid rows only are asked for', async () => {
    const bytes = await appendixXlsx([
      row(1, 'Rượu nếp cái hoa vàng', 'HTX Rượu Làng Vân', 'Thôn 1, Xã Bát Tràng, Hà Nội'),
      row(2, 'Rượu hai sao', 'HTX Rượu Làng Vân', 'Thôn 1, Xã Bát Tràng, Hà Nội', 2),
    ]);
    const report = await upload(ids.admin ?? '', 'co-loi.xlsx', bytes);
    const refused = await bo.post(ids.admin ?? '', '/admin/imports/apply', { token: tokenOf(report.body) });
    expect(refused.statusCode).toBe(303);
    expect(decodeURIComponent(refused.headers.location ?? '')).toContain('Không ghi gì: tệp có 1 dòng lỗi');
    const named = await t.ctx.db
      .selectFrom('products')
      .select('id')
      .where('name_vi', '=', 'Rượu nếp cái hoa vàng')
      .execute();
    expect(named).toEqual([]);
  });

  it('refuses bad files with the importer’s message, a 400, and stores nothing', async () => {
    const before = await registry();
    const keptBefore = await kept();
    const renamed = await upload(
      ids.admin ?? '',
      'ghi-chu.xlsx',
      Buffer.from('chỉ là ghi chú, không phải bảng tính'),
    );
    expect(renamed.statusCode).toBe(400);
    expect(renamed.body).toContain('không phải bảng tính Excel');
    expect(renamed.body).toContain('aria-invalid="true"');

    const noColumns = await upload(
      ids.admin ?? '',
      'thieu-cot.csv',
      appendixCsv([], { headers: ['STT', 'Tên sản phẩm', 'Chủ thể', 'Địa chỉ'] }),
    );
    expect(noColumns.statusCode).toBe(400);
    expect(noColumns.body).toContain('Thiếu cột bắt buộc');

    const truncated = await appendixXlsx(ROWS);
    const cut = await upload(ids.admin ?? '', 'cut.xlsx', truncated.subarray(0, truncated.length - 200));
    expect(cut.statusCode).toBe(400);
    expect(cut.body).toContain('bị cắt cụt');

    const huge = await upload(ids.admin ?? '', 'lon.csv', Buffer.alloc(20 * 1024 * 1024 + 10, 'a'));
    expect(huge.statusCode).toBe(400);
    expect(huge.body).toContain('Tệp quá lớn');

    expect(await registry()).toEqual(before);
    expect(await kept()).toEqual(keptBefore);
  });

  it('applies only uploads of the same user, named by a well-formed token', async () => {
    const report = await upload(ids.admin ?? '', 'qd-1234.xlsx', await appendixXlsx(ROWS));
    const token = tokenOf(report.body);
    const other = await bo.post(ids.admin2 ?? '', '/admin/imports/apply', { token, onlyValid: '1' });
    expect(other.statusCode).toBe(400);
    const path = await bo.post(ids.admin ?? '', '/admin/imports/apply', { token: '../../../etc/passwd' });
    expect(path.statusCode).toBe(400);
  });

  it('refuses an upload or an apply without the form’s CSRF token', async () => {
    const noToken = await upload(ids.admin ?? '', 'qd-1234.xlsx', await appendixXlsx(ROWS), false);
    expect(noToken.statusCode).toBe(403);
    const session = await bo.as(ids.admin ?? '');
    const apply = await t.app.inject({
      method: 'POST',
      url: '/admin/imports/apply',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ token: 'a'.repeat(64), onlyValid: '1' }).toString(),
    });
    expect(apply.statusCode).toBe(403);
  });
});

describe('back office: import markup', () => {
  it('validates (html-validate, recommended rules) in both languages: form, report, refusal', async () => {
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended'],
      rules: { 'void-style': 'off', 'doctype-style': 'off', 'no-trailing-whitespace': 'off' },
    });
    const bytes = await appendixXlsx(ROWS);
    for (const lang of ['vi', 'en']) {
      const pages = [
        await bo.page(ids.admin ?? '', `/admin/imports?lang=${lang}`),
        await upload(ids.admin ?? '', 'qd-1234.xlsx', bytes, true, lang),
        await upload(ids.admin ?? '', 'ghi-chu.xlsx', Buffer.from('ghi chú'), true, lang),
      ];
      for (const res of pages) {
        const report = await validator.validateString(res.body);
        const problems = report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`));
        expect(problems, lang).toEqual([]);
      }
      const [, report, refused] = pages;
      expect(report?.body).toContain(
        lang === 'en' ? 'Dry run: nothing has been written' : 'Chạy thử: chưa ghi gì',
      );
      expect(refused?.body).toContain(
        lang === 'en' ? 'is not an Excel workbook' : 'không phải bảng tính Excel',
      );
    }
  });
});
