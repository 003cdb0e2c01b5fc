import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bestAnswers, referenceSets } from '../../src/scoring/sample-sheets.js';
import { flattenCriteria, type CriteriaSet } from '../../src/scorecards/criteria.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { readSheetQuery } from '../../src/web/self-assessment.page.js';
import { createTestApp, type TestApp } from '../support/app.js';

/** The self-assessment pages of the public website (issue 7), through HTTP, in both languages. */
let t: TestApp;
const sets = new Map<number, CriteriaSet>(referenceSets().map((s) => [s.scorecardId, s]));

beforeAll(async () => {
  t = await createTestApp(async ({ ctx }) => {
    await loadScorecards(ctx);
  });
}, 120_000);
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });
const set = (n: number) => sets.get(n) as CriteriaSet;
const text = (body: string) =>
  body
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
const query = (answers: Record<string, string>, extra = '') =>
  `?${new URLSearchParams(answers).toString()}${extra}`;
/** The result panel only, so the sheet's own words ("bắt buộc để đạt 5★") cannot satisfy an assertion. */
const panel = (body: string) => text(/<section class="sa-result"[\s\S]*?<\/section>/.exec(body)?.[0] ?? '');

/** Set 1's best sheet, with A1b one option short of its 5★-mandatory option (99 points). */
function missingOneFiveStarOption(): Record<string, string> {
  return { ...bestAnswers(set(1)), A1b: 'A1b.2' };
}

describe('the choice of a scorecard', () => {
  it('lists the 26 scorecards under their 6 sectors, in Vietnamese and in English', async () => {
    const vi = await get('/vi/self-assessment');
    expect(vi.statusCode).toBe(200);
    const viLinks = [...vi.body.matchAll(/href="\/vi\/self-assessment\/(\d+)"/g)].map((m) => Number(m[1]));
    expect(viLinks).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    expect(vi.body.match(/<h2 id="sector-/g)).toHaveLength(6);
    expect(text(vi.body)).toContain('Bộ 1: Rau, củ, quả, hạt tươi');
    expect(text(vi.body)).toContain('Ngành VI:');

    const en = await get('/en/self-assessment');
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('<html lang="en">');
    expect([...en.body.matchAll(/href="\/en\/self-assessment\/\d+"/g)]).toHaveLength(26);
    expect(text(en.body)).toContain('OCOP product self-assessment');
    expect(text(en.body)).toMatch(/Sector I: \w/);
    expect(text(en.body)).not.toContain('Bộ 1:');
  });
});

describe('the sheet', () => {
  function fieldsets(body: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const m of body
      .replace(/\s+/g, ' ')
      .matchAll(/<fieldset class="sa-criterion"[^>]*data-criterion="([^"]+)"[\s\S]*?<\/fieldset>/g))
      out.set(m[1] as string, m[0]);
    return out;
  }

  it.each([1, 26])(
    'renders every criterion of scorecard %i as a fieldset with one labelled radio per option',
    async (n) => {
      const res = await get(`/vi/self-assessment/${String(n)}`);
      expect(res.statusCode).toBe(200);
      const found = fieldsets(res.body);
      const criteria = flattenCriteria(set(n)).map((f) => f.criterion);
      expect([...found.keys()]).toEqual(criteria.map((c) => c.id));
      for (const c of criteria) {
        const markup = found.get(c.id) as string;
        expect(markup).toContain(`<legend> ${c.id}.`);
        // Every radio sits inside its label: the option's title and points name it.
        const radios = [
          ...markup.matchAll(/<label class="sa-opt"\s*><input type="radio" name="([^"]+)" value="([^"]*)"/g),
        ];
        expect(radios.map((r) => r[2])).toEqual(['', ...c.options.map((o) => o.id)]);
        expect(radios.every((r) => r[1] === c.id)).toBe(true);
        for (const o of c.options) expect(text(markup)).toContain(o.title.replace(/\s+/g, ' '));
        for (const o of c.options.filter((x) => x.mandatoryFor)) {
          expect(text(markup)).toContain(`bắt buộc để đạt ${String(o.mandatoryFor)}★`);
        }
      }
      expect(res.headers['cache-control']).toBe('public, max-age=60');
      expect(res.body).toContain('data-island="self-assessment"');
      expect(res.body).toContain('aria-live="polite"');
    },
  );

  it('explains the "choose one of two cases" groups of scorecard 26 and groups each case', async () => {
    const res = await get('/vi/self-assessment/26');
    expect(res.body.match(/<fieldset class="sa-case"/g)).toHaveLength(6);
    expect(text(res.body)).toContain('Chỉ chấm một trong các trường hợp sau');
    expect(text(res.body)).toContain('Trường hợp 1: Cộng đồng dịch vụ du lịch');
  });

  it('offers a knock-out checkbox exactly for the criteria whose notes carry one', async () => {
    const res = await get('/vi/self-assessment/1');
    const boxes = [...res.body.matchAll(/type="checkbox" name="ko" value="([^"]+)"/g)].map((m) => m[1]);
    const withNotes = flattenCriteria(set(1))
      .filter((f) => f.criterion.knockOut)
      .map((f) => f.criterion.id);
    expect(boxes).toEqual(withNotes);
    expect(boxes).toContain('C10a');
  });

  it('is valid HTML', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
    for (const url of [
      '/vi/self-assessment',
      '/vi/self-assessment/26',
      `/en/self-assessment/1${query(missingOneFiveStarOption())}`,
    ]) {
      const report = await validator.validateString((await get(url)).body, 'page.html');
      const messages = report.results.flatMap((r) =>
        r.messages.map((m) => `${url}: ${m.ruleId} ${m.message}`),
      );
      expect(messages).toEqual([]);
    }
  });
});

describe('a sheet with answers in its address', () => {
  it('scores the best answers at 100 and 5★, says it is an estimate of a named version, and is not cached', async () => {
    const res = await get(`/vi/self-assessment/1${query(bestAnswers(set(1)))}`);
    expect(res.statusCode).toBe(200);
    const result = panel(res.body);
    expect(result).toContain('100/100 điểm');
    expect(res.body).toContain('aria-label="5 sao OCOP"');
    expect(result).toContain('Tính theo bộ tiêu chí phiên bản 148/2023');
    expect(result).toContain('không phải quyết định của hội đồng');
    expect(result).toContain('Máy chủ không lưu câu trả lời nào');
    expect(result).toContain('tiềm năng 5 sao');
    expect(res.headers['cache-control']).toBe('private, no-store');
    // One visitor's answers never enter the shared page cache.
    const again = await get(`/vi/self-assessment/1${query(bestAnswers(set(1)))}`);
    expect(again.headers['x-cache']).toBeUndefined();
    // The answers stay chosen in the form.
    expect(res.body).toMatch(/name="A1a" value="A1a\.3" checked/);
  });

  it('scores the best answers of either case of scorecard 26 at 100', async () => {
    for (const c of ['a', 'b']) {
      const res = await get(`/vi/self-assessment/26${query(bestAnswers(set(26), c))}`);
      expect(res.statusCode).toBe(200);
      expect(panel(res.body)).toContain('100/100 điểm');
    }
  });

  it('gives 4★ when one 5★-mandatory option is missing, naming the criterion and the step to take', async () => {
    const res = await get(`/vi/self-assessment/1${query(missingOneFiveStarOption())}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('aria-label="4 sao OCOP"');
    const result = panel(res.body);
    expect(result).toContain('99/100 điểm');
    expect(result).toContain('Để lên 5★');
    expect(result).toContain('Đã đủ điểm; chỉ còn thiếu tiêu chí bắt buộc.');
    // 99 points, but not a "potential 5★": a 5★ requirement is unmet.
    expect(result).not.toContain('tiềm năng 5 sao');
    expect(result).toContain('A1b (Gia tăng giá trị): cần ít nhất “Ứng dụng công nghệ tiên tiến');
    expect(result).toContain(
      'bắt buộc để đạt 5★; hiện tại: Ứng dụng máy móc trong sơ chế, đóng gói sản phẩm',
    );
    expect(result).toContain('nâng tiêu chí A1b (Gia tăng giá trị) từ “Ứng dụng máy móc');
    expect(res.body).toContain('Tổng 99/100 điểm · 4★');
  });

  it('tells the points needed for the next star on a partial sheet', async () => {
    const res = await get('/vi/self-assessment/1?A1a=A1a.3&A1b=A1b.1&B4a=');
    expect(res.statusCode).toBe(200);
    const result = panel(res.body);
    expect(result).toContain('6/100 điểm');
    expect(result).toContain('Để lên 2★');
    expect(result).toContain('Cần thêm 24 điểm.');
    expect(result).toContain('Dưới 3★ sản phẩm chưa được công nhận OCOP.');
  });

  it('stops the scoring on a declared knock-out and says why', async () => {
    const res = await get(`/vi/self-assessment/1${query(bestAnswers(set(1)), '&ko=C10a')}`);
    expect(res.statusCode).toBe(200);
    const result = panel(res.body);
    expect(result).toMatch(/Dừng chấm điểm\s*: C10a \(ĐẢM BẢO CHẤT LƯỢNG SẢN PHẨM\)/);
    expect(result).toContain('Chứng nhận đủ điều kiện ATTP');
    expect(result).toContain('không được xếp sao');
    expect(res.body).toMatch(/name="ko" value="C10a" checked/);
  });

  it('shows the sheet again with a localized list of what is wrong, as a 400, never a 500', async () => {
    const cases: Array<[string, string, string]> = [
      ['/vi/self-assessment/1?A1a=A1a.9', 'A1a (Nguồn gốc sản phẩm): không có phương án "A1a.9"', 'vi'],
      ['/en/self-assessment/1?A1a=A1a.9', 'A1a (Nguồn gốc sản phẩm): there is no option "A1a.9"', 'en'],
      ['/vi/self-assessment/1?A1a=A1b.2', 'phương án "A1b.2" thuộc tiêu chí A1b, không thuộc A1a', 'vi'],
      ['/en/self-assessment/1?Z9=Z9.1', 'scorecard 1 has no criterion "Z9"', 'en'],
      [
        '/vi/self-assessment/1?A1a=A1a.1&A1a=A1a.2',
        'A1a (Nguồn gốc sản phẩm): có hai câu trả lời cho một tiêu chí',
        'vi',
      ],
      ['/en/self-assessment/1?ko=A1a', 'carries no knock-out note in this scorecard', 'en'],
      ['/vi/self-assessment/26?C8a=C8a.1&C8b=C8b.1', 'nhóm C8 chỉ chấm một trong các trường hợp', 'vi'],
      [
        `/vi/self-assessment/1?A1a=${'x'.repeat(500)}`,
        'A1a (Nguồn gốc sản phẩm): câu trả lời không hợp lệ',
        'vi',
      ],
    ];
    for (const [url, message, locale] of cases) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.body).toContain(`<html lang="${locale}">`);
      const errors = text(/<div class="notice" role="alert"[\s\S]*?<\/div>/.exec(res.body)?.[0] ?? '');
      expect(errors, url).toContain(
        locale === 'vi' ? 'Chưa thể tính điểm vì:' : 'The sheet cannot be scored:',
      );
      expect(errors, url).toContain(message);
      // The sheet is still there to correct, with no result computed from a sheet that could not be scored.
      expect(res.body).toContain('<form class="sa-sheet" method="get"');
      expect(panel(res.body)).not.toMatch(/\/100/);
    }
  });

  it('ignores names that are not criteria (tracking tags) and empty answers', async () => {
    const res = await get('/vi/self-assessment/1?utm_source=zalo&A1a=&fbclid=x');
    expect(res.statusCode).toBe(200);
    expect(panel(res.body)).toContain('Chưa có câu trả lời nào');
  });
});

describe('addresses that are not a scorecard', () => {
  it.each([
    '/vi/self-assessment/27',
    '/vi/self-assessment/0',
    '/en/self-assessment/abc',
    '/vi/self-assessment/1.5',
  ])('%s is the site’s 404 page', async (url) => {
    const res = await get(url);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toMatch(/Không tìm thấy trang|Page not found/);
  });
});

describe('the English sheet', () => {
  it('is in English around the Vietnamese criteria, marked lang="vi"', async () => {
    const res = await get(`/en/self-assessment/1${query(missingOneFiveStarOption())}`);
    expect(res.statusCode).toBe(200);
    const body = text(res.body);
    expect(res.body).toContain('<html lang="en">');
    expect(body).toContain('Self-assessment: Fresh vegetables');
    expect(body).toContain('Not answered');
    expect(body).toContain('required for 5★');
    expect(body).toContain('To reach 5★');
    expect(body).toContain('This is an estimate to help you prepare, not a council’s decision.');
    expect(body).toContain('Computed with criteria set version 148/2023.');
    expect(body).not.toMatch(/Chưa trả lời|Tổng điểm|bắt buộc để đạt|Kết quả ước tính/);
    expect(res.body).toContain('<span class="sa-t" lang="vi">Nguồn gốc sản phẩm</span>');
    // The language switch keeps the draft; the canonical address is the blank sheet.
    expect(res.body).toMatch(/href="\/vi\/self-assessment\/1\?A1a=A1a\.3&amp;/);
    expect(res.body).toContain('<link rel="canonical" href="http://ocop.test/en/self-assessment/1">');
  });
});

describe('reading the query', () => {
  it('keeps answers and knock-outs, drops empty values and names that are not criteria', () => {
    expect(readSheetQuery({ A1a: 'A1a.3', A1b: '', ko: ['C10a', 'C10a'], page: '2' })).toEqual({
      answers: { A1a: 'A1a.3' },
      knockOuts: ['C10a'],
      problems: [],
    });
  });

  it('refuses two different answers for one criterion but accepts the same one twice', () => {
    expect(readSheetQuery({ A1a: ['A1a.1', 'A1a.1'] }).answers).toEqual({ A1a: 'A1a.1' });
    expect(readSheetQuery({ A1a: ['A1a.1', 'A1a.2'] }).problems.map((p) => p.field)).toEqual(['A1a']);
  });
});

describe('the way to the self-assessment', () => {
  it('is linked from the home page in both languages', async () => {
    const vi = await get('/vi/');
    expect(vi.body).toContain('href="/vi/self-assessment"');
    expect(text(vi.body)).toContain('Tự đánh giá sản phẩm');
    const en = await get('/en/');
    expect(en.body).toContain('href="/en/self-assessment"');
    expect(text(en.body)).toContain('Self-assess your product');
  });

  it('lists the choice of scorecards and the 26 blank sheets in the sitemap, not the drafts', async () => {
    const pages = (await get('/sitemaps/pages.xml')).body;
    for (const locale of ['vi', 'en']) {
      expect(pages).toContain(`<loc>http://ocop.test/${locale}/self-assessment</loc>`);
      expect(pages).toContain(`<loc>http://ocop.test/${locale}/self-assessment/1</loc>`);
      expect(pages).toContain(`<loc>http://ocop.test/${locale}/self-assessment/26</loc>`);
    }
    expect(pages).not.toContain('self-assessment/27<');
    expect(pages).not.toMatch(/self-assessment[^<"]*\?/);
  });
});
