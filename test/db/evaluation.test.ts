import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/accounts/account.service.js';
import type { Role } from '../../src/accounts/roles.js';
import type { Actor, Ctx } from '../../src/core/context.js';
import { DomainError, ForbiddenError, ValidationError } from '../../src/core/errors.js';
import { getApplication } from '../../src/evaluation/application.query.js';
import {
  createApplication,
  fireEvent,
  recordCommuneAssessment,
} from '../../src/evaluation/application.service.js';
import { closeSession } from '../../src/evaluation/council-result.js';
import {
  assignApplications,
  createSession,
  declareConflict,
  openSession,
  unassignApplication,
} from '../../src/evaluation/council.service.js';
import { issueDecision, recordCentralDecision } from '../../src/evaluation/decision.service.js';
import { addDocument } from '../../src/evaluation/dossier.service.js';
import { ensureDefaultRounds } from '../../src/evaluation/round.service.js';
import {
  recordDiscussion,
  reopenSheet,
  saveSheet,
  setKnockOuts,
  sheetsView,
  submitSheet,
} from '../../src/evaluation/score-sheet.service.js';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { compileSet } from '../../src/scoring/compiled-set.js';
import { bestAnswers, referenceSets, withTotal } from '../../src/scoring/sample-sheets.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, engineAvailable, TEST_ENGINE, type TestDatabase } from '../support/db.js';
import { aCertificate, aProduct, aProducer } from '../support/factories.js';

const available = await engineAvailable();
const SET21 = referenceSets()[20];
if (!SET21) throw new Error('scorecard 21 missing');
const best = bestAnswers(SET21);
const sheetAt = (total: number) => withTotal(SET21, best, total);
const PDF = Buffer.from('%PDF-1.4\n% hồ sơ thử\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const uploads = mkdtempSync(join(tmpdir(), 'ocop-dossiers-'));

let t: TestDatabase;
let seq = 0;

async function user(role: Role, scopeId: string | null = null, more: Role[] = []): Promise<Actor> {
  const n = ++seq;
  const grants = [{ role, scopeId }, ...more.map((r) => ({ role: r, scopeId }))];
  const id = await createUser(
    t.ctx,
    { email: `eval.${role}.${String(n)}@test.ocop.vn`, name: `Người ${role} ${String(n)}`, grants },
    'mật khẩu thử nghiệm',
  );
  return { kind: 'user', id, grants };
}
const as = (actor: Actor): Ctx => ({ ...t.ctx, actor });

interface Cast {
  admin: Actor;
  secretary: Actor;
  commune: Actor;
  otherCommune: Actor;
  members: Actor[];
}
let cast: Cast;

/** A product of a new producer, with its producer account, and an application filed and accepted. */
async function acceptedApplication(opts: { kind?: string; productId?: string; producerId?: string } = {}) {
  const producerId = opts.producerId ?? (await aProducer(t.ctx));
  const productId = opts.productId ?? (await aProduct(t.ctx, { producerId }));
  const producer = await user('producer', producerId);
  const id = await createApplication(as(producer), { productId, kind: opts.kind ?? 'new', sampleCount: 5 });
  for (const kind of ['registration_form', 'business_plan', 'business_registration']) {
    await addDocument(as(producer), uploads, id, { kind, fileName: `${kind}.pdf`, data: PDF });
  }
  await fireEvent(as(producer), id, 'submit');
  await recordCommuneAssessment(as(cast.commune), id, {
    origin: true,
    localLabour: true,
    idea: true,
    identity: true,
  });
  await fireEvent(as(cast.commune), id, 'propose');
  await fireEvent(as(cast.secretary), id, 'accept');
  return { id, productId, producerId, producer };
}

/** A session of the four members (the first chairs), opened with all present. */
async function openedSession(applicationIds: string[], memberActors = cast.members): Promise<string> {
  const rounds = await ensureDefaultRounds(t.ctx, 2026);
  const sessionId = await createSession(as(cast.secretary), {
    roundId: rounds[1]?.id ?? '',
    name: 'Phiên chấm thử',
    meetsOn: '2026-12-01',
    chairId: memberActors[0]?.id ?? '',
    memberIds: memberActors.map((m) => m.id),
  });
  await assignApplications(as(cast.secretary), sessionId, applicationIds);
  await openSession(as(cast.secretary), sessionId, { presentIds: memberActors.map((m) => m.id) });
  return sessionId;
}

async function scoreAll(applicationId: string, totals: number[], members = cast.members) {
  for (const [i, total] of totals.entries()) {
    const member = members[i] as Actor;
    await saveSheet(as(member), applicationId, { answers: sheetAt(total) });
    await submitSheet(as(member), applicationId);
  }
}

describe.skipIf(!available)(`the evaluation workflow on ${TEST_ENGINE}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    await loadAdministrativeUnits(t.ctx);
    await loadScorecards(t.ctx);
    await ensureDefaultRounds(t.ctx, 2026);
    cast = {
      admin: await user('admin'),
      secretary: await user('secretary'),
      commune: await user('commune', '00577'),
      otherCommune: await user('commune', '00004'),
      members: [await user('council'), await user('council'), await user('council'), await user('council')],
    };
  }, 60_000);
  afterAll(() => t.close());

  it('refuses to submit an incomplete dossier, naming each missing piece, and freezes the version on submit', async () => {
    const producerId = await aProducer(t.ctx);
    const productId = await aProduct(t.ctx, { producerId });
    const producer = await user('producer', producerId);
    const id = await createApplication(as(producer), { productId, kind: 'new', sampleCount: 2 });
    const refusal = await fireEvent(as(producer), id, 'submit').catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ValidationError);
    const fields = (refusal as ValidationError).details.map((d) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'documents.registration_form',
        'documents.business_plan',
        'documents.business_registration',
        'sampleCount',
      ]),
    );
    expect((await getApplication(as(producer), id)).state).toBe('draft');

    const notPdf = addDocument(as(producer), uploads, id, {
      kind: 'business_plan',
      fileName: 'plan.pdf',
      data: Buffer.from('<html>not a pdf</html>'),
    });
    await expect(notPdf).rejects.toThrow(/PDF, JPEG|PDF, JPEG or PNG/);
    for (const kind of ['registration_form', 'business_plan', 'business_registration']) {
      await addDocument(as(producer), uploads, id, { kind, fileName: `../../${kind}.pdf`, data: PDF });
    }
    await expect(fireEvent(as(producer), id, 'submit')).rejects.toThrow(/5 mẫu/);
    await t.ctx.db.updateTable('applications').set({ sample_count: 5 }).where('id', '=', id).execute();
    await fireEvent(as(producer), id, 'submit');
    const app = await getApplication(as(producer), id);
    expect(app).toMatchObject({ state: 'submitted', criteriaVersion: '148/2023' });
    expect(app.documents.map((d) => d.fileName)).toContain('business_plan.pdf');
    expect(app.history.map((h) => h.event)).toEqual(['submit']);
  });

  it('lets only the product’s commune check it; a return needs a reason; proposing needs the assessment', async () => {
    const producerId = await aProducer(t.ctx);
    const productId = await aProduct(t.ctx, { producerId });
    const producer = await user('producer', producerId);
    const id = await createApplication(as(producer), { productId, kind: 'new', sampleCount: 5 });
    for (const kind of ['registration_form', 'business_plan', 'business_registration']) {
      await addDocument(as(producer), uploads, id, { kind, fileName: 'x.pdf', data: PDF });
    }
    await fireEvent(as(producer), id, 'submit');
    await expect(fireEvent(as(cast.otherCommune), id, 'propose')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(fireEvent(as(producer), id, 'propose')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(fireEvent(as(cast.commune), id, 'commune_return', {})).rejects.toThrow(/lý do/);
    await fireEvent(as(cast.commune), id, 'commune_return', { reason: 'Thiếu câu chuyện sản phẩm' });
    await fireEvent(as(producer), id, 'submit');
    await expect(fireEvent(as(cast.commune), id, 'propose')).rejects.toThrow(/communeAssessment/);
    await recordCommuneAssessment(as(cast.commune), id, {
      origin: true,
      localLabour: true,
      idea: false,
      identity: true,
      note: 'Ý tưởng  từ   làng bên',
    });
    await fireEvent(as(cast.commune), id, 'propose');
    await expect(fireEvent(as(cast.commune), id, 'accept')).rejects.toBeInstanceOf(ForbiddenError);
    await fireEvent(as(cast.secretary), id, 'accept');
    const app = await getApplication(as(cast.commune), id);
    expect(app.state).toBe('accepted');
    expect(app.communeAssessment).toMatchObject({ idea: false, note: 'Ý tưởng từ làng bên' });
    expect(app.history.map((h) => [h.event, h.reason])).toEqual([
      ['submit', null],
      ['commune_return', 'Thiếu câu chuyện sản phẩm'],
      ['submit', null],
      ['propose', null],
      ['accept', null],
    ]);
    const notices = await t.ctx.db
      .selectFrom('notifications')
      .select(['user_id', 'kind', 'body'])
      .where('user_id', 'in', [producer.id, cast.commune.id, cast.otherCommune.id])
      .where('link', '=', `/admin/applications/${id}`)
      .execute();
    expect(notices.filter((n) => n.user_id === producer.id)).toEqual([
      { user_id: producer.id, kind: 'application.commune_return', body: 'Thiếu câu chuyện sản phẩm' },
    ]);
    expect(
      notices.filter((n) => n.user_id === cast.commune.id && n.kind === 'application.submit'),
    ).toHaveLength(2);
    expect(notices.filter((n) => n.user_id === cast.otherCommune.id)).toEqual([]);
    // A refused transition changes nothing.
    await expect(fireEvent(as(producer), id, 'submit')).rejects.toBeInstanceOf(DomainError);
    expect((await getApplication(as(producer), id)).state).toBe('accepted');
  });

  it('accepts a tourism service (scorecard 26, no samples) only with the date of its site visit', async () => {
    const producerId = await aProducer(t.ctx);
    const productId = await aProduct(t.ctx, { producerId, scorecardId: 26, nameVi: 'Du lịch cộng đồng thử' });
    const producer = await user('producer', producerId);
    const id = await createApplication(as(producer), { productId, kind: 'new', sampleCount: 0 });
    for (const kind of ['registration_form', 'business_plan', 'business_registration']) {
      await addDocument(as(producer), uploads, id, { kind, fileName: 'x.pdf', data: PDF });
    }
    await fireEvent(as(producer), id, 'submit');
    await recordCommuneAssessment(as(cast.commune), id, {
      origin: true,
      localLabour: true,
      idea: true,
      identity: true,
    });
    await fireEvent(as(cast.commune), id, 'propose');
    await expect(fireEvent(as(cast.secretary), id, 'accept')).rejects.toThrow(/thẩm định tại chỗ/);
    await expect(fireEvent(as(cast.secretary), id, 'accept', { siteVisitOn: '2026-12-24' })).rejects.toThrow(
      /tương lai/,
    );
    await fireEvent(as(cast.secretary), id, 'accept', { siteVisitOn: '2026-11-20' });
    expect(await getApplication(as(cast.secretary), id)).toMatchObject({
      state: 'accepted',
      siteVisitOn: '2026-11-20',
    });
  });

  it('opens a session only with a quorum of 3/4 and the chair', async () => {
    const { id } = await acceptedApplication();
    const rounds = await ensureDefaultRounds(t.ctx, 2026);
    const [chair, m2, m3, m4] = cast.members as [Actor, Actor, Actor, Actor];
    const sessionId = await createSession(as(cast.secretary), {
      roundId: rounds[1]?.id ?? '',
      name: 'Phiên thiếu người',
      meetsOn: '2026-12-02',
      chairId: chair.id,
      memberIds: [chair.id, m2.id, m3.id, m4.id],
    });
    await assignApplications(as(cast.secretary), sessionId, [id]);
    await expect(
      openSession(as(cast.secretary), sessionId, { presentIds: [chair.id, m2.id] }),
    ).rejects.toThrow(/có 2, cần ít nhất 3/);
    await expect(
      openSession(as(cast.secretary), sessionId, { presentIds: [m2.id, m3.id, m4.id] }),
    ).rejects.toThrow(/chủ tịch/);
    await expect(
      createSession(as(cast.secretary), {
        roundId: rounds[1]?.id ?? '',
        name: 'Có người ngoài',
        meetsOn: '2026-12-02',
        chairId: chair.id,
        memberIds: [chair.id, m2.id, cast.commune.id],
      }),
    ).rejects.toThrow(/không phải thành viên hội đồng/);
    await openSession(as(cast.secretary), sessionId, { presentIds: [chair.id, m2.id, m3.id] });
    // The absent member cannot score.
    await expect(saveSheet(as(m4), id, { answers: best })).rejects.toBeInstanceOf(ForbiddenError);
    await unassignApplication(as(cast.secretary), id);
    expect((await getApplication(as(cast.secretary), id)).state).toBe('accepted');
  });

  it('scores alone, hides the others’ sheets until one submits, excludes a tied member, and needs a discussion over 10 points', async () => {
    const tied = await user('council');
    const { id, producerId } = await acceptedApplication();
    await t.ctx.db
      .insertInto('user_roles')
      .values({ id: `url_tie${String(++seq)}`, user_id: tied.id, role: 'producer', scope_id: producerId })
      .execute();
    const members = [...cast.members.slice(0, 3), tied];
    const sessionId = await openedSession([id], members);
    const [m1, m2, m3] = members as [Actor, Actor, Actor];
    await expect(saveSheet(as(tied), id, { answers: best })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(saveSheet(as(m1), id, { answers: { A1a: 'Z9' } })).rejects.toBeInstanceOf(ValidationError);

    await saveSheet(as(m1), id, { answers: { [Object.keys(best)[0] ?? '']: Object.values(best)[0] ?? '' } });
    await expect(submitSheet(as(m1), id)).rejects.toThrow(/chưa chấm tiêu chí/);
    await saveSheet(as(m1), id, { answers: sheetAt(90) });
    await saveSheet(as(m2), id, { answers: sheetAt(85) });
    const before = await sheetsView(as(m2), id);
    expect(before.sheets.find((s) => s.memberId === m1.id)?.answers).toBeNull();
    expect(before.excluded.map((e) => e.memberId)).toEqual([tied.id]);
    await submitSheet(as(m1), id);
    await submitSheet(as(m2), id);
    const after = await sheetsView(as(m2), id);
    expect(after.sheets.find((s) => s.memberId === m1.id)?.total).toBe(90);

    await expect(closeSession(as(cast.secretary), sessionId)).rejects.toThrow(/1 thành viên chưa nộp/);
    await saveSheet(as(m3), id, { answers: sheetAt(70) });
    await submitSheet(as(m3), id);
    await expect(closeSession(as(cast.secretary), sessionId)).rejects.toThrow(/chênh nhau 20 điểm/);
    await expect(reopenSheet(as(m3), id)).rejects.toThrow(/thảo luận/);
    await recordDiscussion(as(cast.secretary), id, { note: 'Thảo luận về tiêu chí thị trường' });
    await reopenSheet(as(m3), id);
    await saveSheet(as(m3), id, { answers: sheetAt(80) });
    await submitSheet(as(m3), id);
    await closeSession(as(cast.secretary), sessionId);

    const app = await getApplication(as(cast.secretary), id);
    expect(app.state).toBe('scored');
    expect(app.result).toMatchObject({
      mean: 85,
      spread: 10,
      initialSpread: 20,
      stars: 4,
      rescored: [m3.id],
    });
    expect(app.result?.members.find((m) => m.memberId === m3.id)).toMatchObject({
      total: 80,
      initialTotal: 70,
    });
  });

  it('refuses to close a session where a declared conflict leaves no quorum for an application', async () => {
    const { id } = await acceptedApplication();
    const sessionId = await openedSession([id]);
    const [m1, m2] = cast.members as [Actor, Actor];
    await scoreAll(id, [80, 80, 80, 80]);
    await declareConflict(as(m2), id, { memberId: m2.id, reason: 'Người thân của chủ thể' });
    await declareConflict(as(cast.secretary), id, { memberId: m1.id, reason: 'Cố vấn của chủ thể' });
    await expect(closeSession(as(cast.secretary), sessionId)).rejects.toThrow(/thiếu chủ tịch/);
    const view = await sheetsView(as(cast.secretary), id);
    expect(view.sheets.map((s) => s.memberId)).not.toContain(m1.id);
  });

  it('issues a decision: a 4★ certificate valid 36 months, a potential 5★ to the centre, a knock-out not certified', async () => {
    const four = await acceptedApplication();
    const five = await acceptedApplication();
    const out = await acceptedApplication();
    const sessionId = await openedSession([four.id, five.id, out.id]);
    await scoreAll(four.id, [75, 76, 78, 77]);
    await scoreAll(five.id, [100, 100, 100, 100]);
    await scoreAll(out.id, [80, 80, 80, 80]);
    const knockOut = compileSet(SET21).criteria.find((c) => c.knockOut);
    expect(knockOut).toBeDefined();
    await setKnockOuts(as(cast.secretary), out.id, { criteria: [knockOut?.id ?? ''] });
    await closeSession(as(cast.secretary), sessionId);

    const decide = { number: '123/QĐ-UBND', date: '2026-12-10', applicationIds: [four.id, five.id, out.id] };
    await expect(issueDecision(as(cast.secretary), decide)).rejects.toBeInstanceOf(ForbiddenError);
    const outcome = await issueDecision(as(cast.admin), decide);
    expect(outcome).toMatchObject({ certified: 1, central: 1, notCertified: 1 });
    await expect(issueDecision(as(cast.admin), decide)).rejects.toThrow(/đã tồn tại/);

    const certified = await getApplication(as(four.producer), four.id);
    expect(certified).toMatchObject({ state: 'certified', stars: 4, score: 76.5 });
    const cert = await t.ctx.db
      .selectFrom('certificates')
      .selectAll()
      .where('id', '=', certified.certificateId ?? '')
      .executeTakeFirstOrThrow();
    expect(cert).toMatchObject({
      stars: 4,
      level: 'province',
      issued_on: '2026-12-10',
      expires_on: '2029-12-10',
    });
    expect(cert.number).toMatch(/^OCOP-HN-2026-\d{5}$/);
    const product = await t.ctx.db
      .selectFrom('products')
      .select('current_certificate_id')
      .where('id', '=', four.productId)
      .executeTakeFirstOrThrow();
    expect(product.current_certificate_id).toBe(cert.id);

    expect((await getApplication(as(cast.admin), out.id)).state).toBe('not_certified');
    expect((await getApplication(as(cast.admin), five.id)).state).toBe('central_review');
    const fiveCert = await recordCentralDecision(as(cast.admin), five.id, {
      approved: true,
      number: '45/QĐ-BNNMT',
      date: '2027-02-01',
    });
    const central = await t.ctx.db
      .selectFrom('certificates')
      .selectAll()
      .where('id', '=', fiveCert)
      .executeTakeFirstOrThrow();
    expect(central).toMatchObject({ stars: 5, level: 'central', decision_number: '45/QĐ-BNNMT' });
    expect((await getApplication(as(cast.admin), five.id)).state).toBe('certified');
  });

  it('withdraws a draft, returns a proposal from the advisory group with its reason, and certifies 4★ when the centre declines', async () => {
    const producerId = await aProducer(t.ctx);
    const productId = await aProduct(t.ctx, { producerId });
    const producer = await user('producer', producerId);
    const draft = await createApplication(as(producer), { productId, kind: 'new', sampleCount: 5 });
    await expect(fireEvent(as(cast.commune), draft, 'withdraw')).rejects.toBeInstanceOf(ForbiddenError);
    expect(await fireEvent(as(producer), draft, 'withdraw')).toBe('withdrawn');
    await expect(fireEvent(as(producer), draft, 'submit')).rejects.toThrow(/Đã rút/);

    const returned = await acceptedApplication();
    const back = await createApplication(as(returned.producer), {
      productId: await aProduct(t.ctx, { producerId: returned.producerId }),
      kind: 'new',
      sampleCount: 5,
    });
    for (const kind of ['registration_form', 'business_plan', 'business_registration']) {
      await addDocument(as(returned.producer), uploads, back, { kind, fileName: 'x.pdf', data: PDF });
    }
    await fireEvent(as(returned.producer), back, 'submit');
    await recordCommuneAssessment(as(cast.commune), back, {
      origin: true,
      localLabour: true,
      idea: true,
      identity: true,
    });
    await fireEvent(as(cast.commune), back, 'propose');
    expect(
      await fireEvent(as(cast.secretary), back, 'province_return', {
        reason: 'Bổ sung hợp đồng nguyên liệu',
      }),
    ).toBe('returned');
    expect((await getApplication(as(returned.producer), back)).history.at(-1)).toMatchObject({
      event: 'province_return',
      reason: 'Bổ sung hợp đồng nguyên liệu',
    });

    const sessionId = await openedSession([returned.id]);
    await scoreAll(returned.id, [100, 100, 100, 100]);
    await closeSession(as(cast.secretary), sessionId);
    await issueDecision(as(cast.admin), {
      number: '300/QĐ-UBND',
      date: '2026-12-20',
      applicationIds: [returned.id],
    });
    const certId = await recordCentralDecision(as(cast.admin), returned.id, {
      approved: false,
      number: '77/QĐ-BNNMT',
      date: '2027-03-01',
    });
    const cert = await t.ctx.db
      .selectFrom('certificates')
      .selectAll()
      .where('id', '=', certId)
      .executeTakeFirstOrThrow();
    expect(cert).toMatchObject({
      stars: 4,
      level: 'province',
      decision_number: '300/QĐ-UBND',
      issued_on: '2027-03-01',
    });
    expect(await getApplication(as(cast.admin), returned.id)).toMatchObject({ state: 'certified', stars: 4 });
  });

  it('upgrades: a higher result supersedes the certificate in force; a result no higher leaves it', async () => {
    const producerId = await aProducer(t.ctx);
    const up = await aProduct(t.ctx, { producerId });
    const same = await aProduct(t.ctx, { producerId });
    const oldUp = await aCertificate(t.ctx, up, { stars: 3, issuedOn: '2025-09-10' });
    const oldSame = await aCertificate(t.ctx, same, { stars: 4, issuedOn: '2025-09-10' });
    const producer = await user('producer', producerId);
    await expect(
      createApplication(as(producer), { productId: up, kind: 'new', sampleCount: 5 }),
    ).rejects.toThrow(/đánh giá lại hoặc nâng hạng/);
    const a = await acceptedApplication({ kind: 'upgrade', productId: up, producerId });
    const b = await acceptedApplication({ kind: 'upgrade', productId: same, producerId });
    const sessionId = await openedSession([a.id, b.id]);
    await scoreAll(a.id, [80, 80, 80, 80]);
    await scoreAll(b.id, [72, 72, 72, 72]);
    await closeSession(as(cast.secretary), sessionId);
    await issueDecision(as(cast.admin), {
      number: '200/QĐ-UBND',
      date: '2026-12-15',
      applicationIds: [a.id, b.id],
    });
    const certs = await t.ctx.db
      .selectFrom('certificates')
      .select(['id', 'stars', 'superseded_by_id', 'product_id'])
      .where('product_id', 'in', [up, same])
      .execute();
    expect(certs.find((c) => c.id === oldUp)?.superseded_by_id).not.toBeNull();
    expect(certs.find((c) => c.id === oldSame)?.superseded_by_id).toBeNull();
    expect(certs.filter((c) => c.product_id === same)).toHaveLength(1);
    expect((await getApplication(as(cast.admin), b.id)).state).toBe('not_certified');
  });

  it('keeps an open application on the criteria version frozen at submission when a new version is loaded', async () => {
    const { id } = await acceptedApplication();
    const current = await t.ctx.db
      .selectFrom('criteria_sets')
      .selectAll()
      .where('scorecard_id', '=', 21)
      .executeTakeFirstOrThrow();
    const changed = JSON.parse(current.content) as { version: string };
    changed.version = '99/2026';
    await t.ctx.db
      .insertInto('criteria_sets')
      .values({ ...current, id: 'cs-21-99-2026', version: '99/2026', content: JSON.stringify(changed) })
      .execute();
    await t.ctx.db
      .updateTable('scorecards')
      .set({ current_version: '99/2026' })
      .where('id', '=', 21)
      .execute();
    const sessionId = await openedSession([id]);
    await scoreAll(id, [70, 70, 70, 70]);
    await closeSession(as(cast.secretary), sessionId);
    const app = await getApplication(as(cast.admin), id);
    expect(app.criteriaVersion).toBe('148/2023');
    expect(app.result).toMatchObject({ mean: 70, stars: 4 });
    await t.ctx.db
      .updateTable('scorecards')
      .set({ current_version: '148/2023' })
      .where('id', '=', 21)
      .execute();
  });
});
