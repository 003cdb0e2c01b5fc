import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/accounts/account.service.js';
import type { Role } from '../../src/accounts/roles.js';
import type { Actor, Ctx } from '../../src/core/context.js';
import {
  createApplication,
  fireEvent,
  recordCommuneAssessment,
} from '../../src/evaluation/application.service.js';
import { assignApplications, createSession, openSession } from '../../src/evaluation/council.service.js';
import { addDocument } from '../../src/evaluation/dossier.service.js';
import { ensureDefaultRounds } from '../../src/evaluation/round.service.js';
import { recordDiscussion, saveSheet, submitSheet } from '../../src/evaluation/score-sheet.service.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { flattenCriteria, type CriteriaSet } from '../../src/scorecards/criteria.js';
import { bestAnswers, referenceSets, withTotal } from '../../src/scoring/sample-sheets.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { formSession, TEST_PASSWORD } from '../support/accounts.js';
import { aProduct, aProducer } from '../support/factories.js';

const SET21 = referenceSets()[20];
if (!SET21) throw new Error('scorecard 21 missing');
const CRITERIA = flattenCriteria(SET21).map((f) => f.criterion.id);
const best = bestAnswers(SET21);
const PDF = Buffer.from('%PDF-1.4\n% hồ sơ thử\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const uploads = mkdtempSync(join(tmpdir(), 'ocop-sheet-page-'));

let t: TestApp;
let seq = 0;
interface Person {
  actor: Actor;
  email: string;
  name: string;
}
const people: Record<'secretary' | 'commune' | 'producer' | 'm1' | 'm2' | 'm3' | 'outsider', Person> =
  {} as never;
let applicationId = '';

async function person(ctx: Ctx, role: Role, name: string, scopeId: string | null = null): Promise<Person> {
  const email = `sheet.${role}.${String(++seq)}@test.ocop.vn`;
  const grants = [{ role, scopeId }];
  const id = await createUser(ctx, { email, name, grants }, TEST_PASSWORD);
  return { actor: { kind: 'user', id, grants }, email, name };
}
const as = (p: Person): Ctx => ({ ...t.ctx, actor: p.actor });

/** A product filed, checked by its commune, accepted, assigned to a session of m1–m3, opened with all present. */
async function assignedApplication(ctx: Ctx): Promise<string> {
  const producerId = await aProducer(ctx, { name: 'HTX Gốm Bát Tràng' });
  const productId = await aProduct(ctx, { producerId, nameVi: 'Bình gốm men lam' });
  people.producer = await person(ctx, 'producer', 'Chủ thể gốm', producerId);
  const on = (p: Person): Ctx => ({ ...ctx, actor: p.actor });
  const id = await createApplication(on(people.producer), { productId, kind: 'new', sampleCount: 5 });
  for (const kind of ['registration_form', 'business_plan', 'business_registration']) {
    await addDocument(on(people.producer), uploads, id, { kind, fileName: `${kind}.pdf`, data: PDF });
  }
  await fireEvent(on(people.producer), id, 'submit');
  const assessment = { origin: true, localLabour: true, idea: false, identity: true, note: 'Men lam cổ' };
  await recordCommuneAssessment(on(people.commune), id, assessment);
  await fireEvent(on(people.commune), id, 'propose');
  await fireEvent(on(people.secretary), id, 'accept');
  const rounds = await ensureDefaultRounds(ctx, 2026);
  const members = [people.m1, people.m2, people.m3].map((m) => m.actor.id);
  const sessionId = await createSession(on(people.secretary), {
    roundId: rounds[1]?.id ?? '',
    name: 'Phiên chấm tháng 12',
    meetsOn: '2026-12-01',
    chairId: members[0] ?? '',
    memberIds: members,
  });
  await assignApplications(on(people.secretary), sessionId, [id]);
  await openSession(on(people.secretary), sessionId, { presentIds: members });
  return id;
}

/** A later version of set 21 becomes current: the application keeps the one frozen when it was filed. */
async function loadNewerVersion(ctx: Ctx): Promise<void> {
  const current = await ctx.db
    .selectFrom('criteria_sets')
    .selectAll()
    .where('scorecard_id', '=', 21)
    .executeTakeFirstOrThrow();
  const changed = JSON.parse(current.content) as CriteriaSet;
  changed.version = '99/2026';
  const first = changed.parts[0]?.groups[0]?.criteria[0];
  if (first) first.title = 'Tiêu chí của phiên bản 2026';
  await ctx.db
    .insertInto('criteria_sets')
    .values({ ...current, id: 'cs-21-99-2026', version: '99/2026', content: JSON.stringify(changed) })
    .execute();
  await ctx.db.updateTable('scorecards').set({ current_version: '99/2026' }).where('id', '=', 21).execute();
}

beforeAll(async () => {
  t = await createTestApp(
    async ({ ctx }) => {
      await loadAdministrativeUnits(ctx);
      await loadScorecards(ctx);
      await ensureDefaultRounds(ctx, 2026);
      people.secretary = await person(ctx, 'secretary', 'Thư ký Hội đồng');
      people.commune = await person(ctx, 'commune', 'Cán bộ xã Bát Tràng', '00577');
      people.m1 = await person(ctx, 'council', 'Nguyễn Thị Chủ Tịch');
      people.m2 = await person(ctx, 'council', 'Trần Văn Phản Biện');
      people.m3 = await person(ctx, 'council', 'Lê Thị Ủy Viên');
      people.outsider = await person(ctx, 'council', 'Phạm Văn Ngoài Phiên');
      applicationId = await assignedApplication(ctx);
      await loadNewerVersion(ctx);
    },
    { uploadsDir: uploads },
  );
}, 60_000);
afterAll(() => t.close());

const sessions = new Map<string, { cookie: string; csrf: string }>();
async function signedIn(p: Person) {
  let s = sessions.get(p.email);
  if (!s) sessions.set(p.email, (s = await formSession(t.app, p.email)));
  return s;
}
const url = () => `/admin/applications/${applicationId}/sheet`;

async function page(p: Person, path = url()) {
  const s = await signedIn(p);
  return t.app.inject({ url: path, headers: { cookie: s.cookie } });
}

async function post(p: Person, fields: Record<string, string>, csrf = true) {
  const s = await signedIn(p);
  const body = new URLSearchParams(csrf ? { _csrf: s.csrf, ...fields } : fields);
  return t.app.inject({
    method: 'POST',
    url: url(),
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
}

/** The option checked for a criterion on the page ("" for "not scored"), or undefined without a radio. */
function checked(body: string, criterionId: string): string | undefined {
  const radios = [...body.matchAll(/<input\s+type="radio"\s+name="([^"]+)"\s+value="([^"]*)"([^>]*)>/g)];
  return radios.find((m) => m[1] === criterionId && /\schecked\b/.test(m[3] ?? ''))?.[2];
}

const [FIRST, SECOND, THIRD] = CRITERIA as [string, string, string];

describe('the council member’s score sheet page', () => {
  it('shows an eligible member the dossier beside the sheet of the frozen criteria set', async () => {
    const res = await page(people.m1);
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain('<h1>Phiếu chấm điểm: Bình gốm men lam</h1>');
    expect(body).toContain('HTX Gốm Bát Tràng');
    expect(body).toMatch(/Nguồn gốc ý tưởng sản phẩm<\/dt>\s*<dd>Không đạt<\/dd>/);
    expect(body).toContain('Men lam cổ');
    const docs = [...body.matchAll(/href="(\/api\/v1\/applications\/[^"]+\/documents\/[^"]+)"/g)];
    expect(docs).toHaveLength(3);
    expect(body).toContain(`bộ tiêu chí số 21 (${SET21.name}), phiên bản 148/2023`);
    expect(body).not.toContain('Tiêu chí của phiên bản 2026');
    const fieldsets = [...body.matchAll(/<fieldset\s+class="ss-criterion[^"]*"\s+id="c-([^"]+)"/g)];
    expect(fieldsets.map((m) => m[1])).toEqual(CRITERIA);
    expect(body).toContain('data-island="score-sheet"');
    expect(body).toContain(`data-url="/api/v1/applications/${applicationId}/sheets/me"`);
    expect(body).toContain(`href="/admin/council-sessions/`);
    expect(checked(body, FIRST)).toBe('');
  });

  it('answers 403 to a council member outside the session and to the secretary', async () => {
    const outsider = await page(people.outsider);
    expect(outsider.statusCode).toBe(403);
    expect(outsider.body).toContain('Bạn không chấm hồ sơ này');
    expect((await page(people.secretary)).statusCode).toBe(403);
    const write = await post(people.outsider, { [FIRST]: best[FIRST] ?? '', action: 'save' });
    expect(write.statusCode).toBe(403);
  });

  it('saves a draft with the form and shows the answers checked on reload', async () => {
    const answers = { [FIRST]: best[FIRST] ?? '', [SECOND]: best[SECOND] ?? '', [THIRD]: '' };
    const res = await post(people.m1, { ...answers, action: 'save' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(new RegExp(`^${url()}\\?notice=`));
    const body = (await page(people.m1)).body;
    expect(checked(body, FIRST)).toBe(best[FIRST]);
    expect(checked(body, SECOND)).toBe(best[SECOND]);
    expect(checked(body, THIRD)).toBe('');
    expect(body).toMatch(/status-expiring">Bản nháp</);
  });

  it('refuses an incomplete submit with 400, naming the first unanswered criterion and keeping the answers', async () => {
    const res = await post(people.m1, {
      [FIRST]: best[FIRST] ?? '',
      [SECOND]: best[SECOND] ?? '',
      action: 'submit',
    });
    expect(res.statusCode).toBe(400);
    const links = [...res.body.matchAll(/<li><a href="#c-([^"]+)">/g)].map((m) => m[1]);
    expect(links[0]).toBe(THIRD);
    expect(links).toHaveLength(CRITERIA.length - 2);
    expect(res.body).toMatch(
      new RegExp(`id="c-${THIRD}"\\s+data-criterion="${THIRD}"\\s+aria-describedby="c-${THIRD}-error"`),
    );
    expect(checked(res.body, FIRST)).toBe(best[FIRST]);
    expect(checked(res.body, SECOND)).toBe(best[SECOND]);
    expect(res.body).toContain('data-island="score-sheet"');
  });

  it('refuses a post without the CSRF token and keeps the draft', async () => {
    const res = await post(people.m1, { [FIRST]: '', action: 'save' }, false);
    expect(res.statusCode).toBe(403);
    expect(checked((await page(people.m1)).body, FIRST)).toBe(best[FIRST]);
  });

  it('submits a complete sheet, then shows it read-only with the others’ totals', async () => {
    await saveSheet(as(people.m2), applicationId, { answers: withTotal(SET21, best, 72) });
    await submitSheet(as(people.m2), applicationId);
    const before = (await page(people.m1)).body;
    expect(before).not.toContain(people.m2.name);
    expect(before).not.toContain('Điểm của các thành viên');

    const res = await post(people.m1, { ...best, action: 'submit' });
    expect(res.statusCode).toBe(303);
    const after = await page(people.m1, String(res.headers.location));
    expect(after.body).toContain('Đã nộp phiếu chấm điểm.');
    expect(after.body).not.toContain('data-island="score-sheet"');
    expect(after.body).toContain('<fieldset class="ss-readonly" disabled>');
    expect(after.body).not.toContain('name="action" value="submit"');
    const row = (name: string) =>
      new RegExp(`<th scope="row">\\s*${name}[^<]*</th>[\\s\\S]*?<td class="num">([^<]+)</td>`).exec(
        after.body,
      )?.[1];
    expect(row(people.m2.name)).toBe('72');
    expect(row(people.m1.name)).toBe('100');
    expect(row(people.m3.name)).toBe('—');
    expect(after.body).toContain('Kết quả của hội đồng có khi mọi thành viên đã nộp phiếu.');
    expect(after.body).not.toContain('name="action" value="reopen"');

    const again = await post(people.m1, { ...best, action: 'save' });
    expect(again.statusCode).toBe(409);
  });

  it('offers “Chấm lại” once the secretary recorded the discussion, and reopens the sheet with its answers', async () => {
    await recordDiscussion(as(people.secretary), applicationId, { note: 'Chênh lệch lớn ở phần C' });
    const shown = (await page(people.m1)).body;
    expect(shown).toContain('Chênh lệch lớn ở phần C');
    expect(shown).toMatch(/name="action" value="reopen">Chấm lại</);
    const res = await post(people.m1, { action: 'reopen' });
    expect(res.statusCode).toBe(303);
    const body = (await page(people.m1)).body;
    expect(body).toContain('data-island="score-sheet"');
    expect(checked(body, FIRST)).toBe(best[FIRST]);
    expect(body).toContain('(đã chấm lại)');
  });

  it('speaks English when asked', async () => {
    const res = await page(people.m3, `${url()}?lang=en`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Score sheet: Bình gốm men lam</h1>');
    expect(res.body).toContain('Save draft');
    expect(res.body).toContain('<span lang="vi">');
  });
});
