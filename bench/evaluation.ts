/**
 * Benchmark of issue 8's number: a council session of 30 applications × 9 members scored, closed, decided, and its
 * documents produced, under 2 s. In process over a fresh SQLite database, through the evaluation services. Not a
 * test.
 *
 *   node --import tsx bench/evaluation.ts [ROUNDS]      (default 5 measured rounds after 1 warm-up round)
 *
 * Each round files 30 new applications (products over ten scorecards, tourism included) and drives them to
 * `assigned` in one open session with the 9 members present; each member saves and submits a realistic sheet for
 * each application (totals within ±4 of the application's target, so no discussion is needed). That is setup —
 * except each `submitSheet` call, timed as a member's submit latency. Then, measured: `closeSession` (30 results
 * computed and stored), `issueDecision` (30 certificates), and the documents (30 certificate PDFs, the appendix
 * as PDF and XLSX). Baselines in the same round: the pure scoring of the same 270 sheets (`councilResult`, in
 * memory) and an empty transaction.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUser } from '../src/accounts/account.service.js';
import type { Role } from '../src/accounts/roles.js';
import type { Clock } from '../src/core/clock.js';
import { inTransaction, type Actor, type Ctx } from '../src/core/context.js';
import { migrateToLatest, openDatabase } from '../src/db/database.js';
import { certificatePdf, decisionAppendixPdf, decisionAppendixXlsx } from '../src/documents/index.js';
import {
  createApplication,
  fireEvent,
  recordCommuneAssessment,
} from '../src/evaluation/application.service.js';
import { closeSession } from '../src/evaluation/council-result.js';
import { assignApplications, createSession, openSession } from '../src/evaluation/council.service.js';
import { issueDecision } from '../src/evaluation/decision.service.js';
import { addDocument } from '../src/evaluation/dossier.service.js';
import { requiredDocuments, TOURISM_SCORECARD } from '../src/evaluation/dossier.js';
import { certificateDocument, decisionDocument } from '../src/evaluation/evaluation-documents.js';
import { ensureDefaultRounds } from '../src/evaluation/round.service.js';
import { saveSheet, submitSheet } from '../src/evaluation/score-sheet.service.js';
import { loadAdministrativeUnits } from '../src/places/admin-unit.loader.js';
import { loadScorecards } from '../src/scorecards/scorecard.loader.js';
import type { CriteriaSet } from '../src/scorecards/criteria.js';
import { councilResult } from '../src/scoring/council.js';
import { bestAnswers, referenceSets, seededRandom, withTotal } from '../src/scoring/sample-sheets.js';
import { aProducer, aProduct } from '../test/support/factories.js';
import { machine } from './support.js';

const APPLICATIONS = 30;
const MEMBERS = 9;
const ROUNDS = Number(process.argv[2] ?? 5);
const WARM_UP_ROUNDS = 1;
const TARGET_MS = 2000;
/** Scorecards of the six sectors: food (1, 4, 8, 11, 13), drinks (16), herbal (19), crafts (21), plants (24), tourism (26). */
const SCORECARDS = [1, 4, 8, 11, 13, 16, 19, 21, 24, 26];
const PASSWORD = 'mật khẩu đo hiệu năng 2026';
const SITE = { publicUrl: 'https://ocop.hanoi.gov.vn', secret: 'bench-evaluation-secret-0123456789' };
const PDF = Buffer.from('%PDF-1.4\n% hồ sơ đo hiệu năng\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

/** Real time running from a fixed morning inside the second 2026 round, so the round is open whenever this runs. */
function pinnedClock(iso: string): Clock {
  const offset = new Date(iso).getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}

interface World {
  ctx: Ctx;
  uploads: string;
  admin: Actor;
  secretary: Actor;
  members: Actor[];
  producers: string[];
  sets: Map<number, CriteriaSet>;
  random: () => number;
}

interface Filed {
  id: string;
  set: CriteriaSet;
  /** The members' answers, in member order: kept for the pure-scoring baseline. */
  sheets: Array<Record<string, string>>;
}

interface Timing {
  ms: number;
  cpu: number;
}

async function timed<T>(fn: () => Promise<T>): Promise<Timing & { value: T }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpu: (cpu.user + cpu.system) / 1000, value };
}

const as = (world: World, actor: Actor): Ctx => ({ ...world.ctx, actor });

async function account(ctx: Ctx, role: Role, n: number, name: string): Promise<Actor> {
  const grants = [{ role, scopeId: null }];
  const email = `${role}.${String(n)}@bench.ocop.vn`;
  // scrypt makes each account cost ~0.1 s: setup, never inside a measured step.
  const id = await createUser(ctx, { email, name, grants }, PASSWORD);
  return { kind: 'user', id, grants };
}

async function setUp(dir: string): Promise<World> {
  const database = openDatabase({ engine: 'sqlite', path: join(dir, 'bench.sqlite') });
  await migrateToLatest(database.db);
  const clock = pinnedClock('2026-11-26T03:00:00Z');
  const ctx: Ctx = { db: database.db, clock, locale: 'vi', actor: { kind: 'cli', id: 'bench' } };
  await loadAdministrativeUnits(ctx);
  await loadScorecards(ctx);
  await ensureDefaultRounds(ctx, 2026);
  const members: Actor[] = [];
  for (let i = 1; i <= MEMBERS; i++) {
    members.push(await account(ctx, 'council', i, `Thành viên hội đồng ${String(i)}`));
  }
  const producers: string[] = [];
  for (let i = 0; i < APPLICATIONS; i++) producers.push(await aProducer(ctx));
  const all = referenceSets();
  return {
    ctx,
    uploads: join(dir, 'uploads'),
    admin: await account(ctx, 'admin', 1, 'Quản trị viên'),
    secretary: await account(ctx, 'secretary', 1, 'Thư ký hội đồng'),
    members,
    producers,
    sets: new Map(SCORECARDS.map((id) => [id, all[id - 1] as CriteriaSet])),
    random: seededRandom(8),
  };
}

/** The lowest total the sample sheets reach on `set` without a gap up to 89 (withTotal lowers untagged criteria). */
const floors = new Map<number, number>();
function lowestTotal(set: CriteriaSet, best: Record<string, string>): number {
  let floor = floors.get(set.scorecardId);
  if (floor !== undefined) return floor;
  floor = 89;
  for (; floor > 40; floor--) {
    try {
      withTotal(set, best, floor - 1);
    } catch {
      break;
    }
  }
  floors.set(set.scorecardId, floor);
  return floor;
}

/**
 * The members' sheets for one application: a target mean between 55 (or the lowest reachable total + 4) and 85
 * (under 90: no potential 5★, so every product gets a province certificate), each member within ±4 of it.
 */
function memberSheets(world: World, set: CriteriaSet): Array<Record<string, string>> {
  const best = bestAnswers(set);
  const low = Math.max(55, lowestTotal(set, best) + 4);
  const target = low + Math.floor(world.random() * (86 - low));
  return Array.from({ length: MEMBERS }, () =>
    withTotal(set, best, target - 4 + Math.floor(world.random() * 9)),
  );
}

/** One new product per producer, filed, checked by the commune and accepted by the advisory group. */
async function fileApplications(world: World): Promise<Filed[]> {
  const admin = as(world, world.admin);
  const filed: Filed[] = [];
  for (const [i, producerId] of world.producers.entries()) {
    const scorecardId = SCORECARDS[i % SCORECARDS.length] ?? 21;
    const set = world.sets.get(scorecardId) as CriteriaSet;
    const productId = await aProduct(world.ctx, { producerId, scorecardId });
    const sampleCount = scorecardId === TOURISM_SCORECARD ? 0 : 5;
    // The administrator acts for the producer and the commune here: their steps are setup, not measured.
    const id = await createApplication(admin, { productId, kind: 'new', sampleCount });
    for (const kind of requiredDocuments(scorecardId)) {
      await addDocument(admin, world.uploads, id, { kind, fileName: `${kind}.pdf`, data: PDF });
    }
    await fireEvent(admin, id, 'submit');
    const assessment = { origin: true, localLabour: true, idea: true, identity: true };
    await recordCommuneAssessment(admin, id, assessment);
    await fireEvent(admin, id, 'propose');
    // The advisory group visits a tourism site before accepting it (it brings no samples).
    const visit = scorecardId === TOURISM_SCORECARD ? { siteVisitOn: '2026-11-20' } : {};
    await fireEvent(as(world, world.secretary), id, 'accept', visit);
    filed.push({ id, set, sheets: memberSheets(world, set) });
  }
  return filed;
}

/** A session with the 9 members (the first chairs), the 30 applications assigned, opened with all present. */
async function openedSession(world: World, round: number, filed: Filed[]): Promise<string> {
  const secretary = as(world, world.secretary);
  const rounds = await ensureDefaultRounds(world.ctx, 2026);
  const ids = world.members.map((m) => m.id);
  const sessionId = await createSession(secretary, {
    roundId: rounds[1]?.id ?? '',
    name: `Phiên chấm điểm đợt 2/2026 — lượt đo ${String(round)}`,
    meetsOn: '2026-12-01',
    chairId: ids[0] ?? '',
    memberIds: ids,
  });
  await assignApplications(
    secretary,
    sessionId,
    filed.map((f) => f.id),
  );
  await openSession(secretary, sessionId, { presentIds: ids });
  return sessionId;
}

/** Every member saves then submits each sheet; returns each `submitSheet` call's wall time. */
async function scoreAll(world: World, filed: Filed[]): Promise<number[]> {
  const submits: number[] = [];
  for (const app of filed) {
    for (const [m, member] of world.members.entries()) {
      const ctx = as(world, member);
      await saveSheet(ctx, app.id, { answers: app.sheets[m] });
      const t0 = performance.now();
      await submitSheet(ctx, app.id);
      submits.push(performance.now() - t0);
    }
  }
  return submits;
}

/** Baseline: the same 270 sheets scored in memory (mean, spread, consolidated sheet, stars), no database. */
function pureScoring(world: World, filed: Filed[]): Promise<Timing> {
  return timed(() => {
    for (const app of filed) {
      const sheets = app.sheets.map((answers, m) => ({ memberId: world.members[m]?.id ?? '', answers }));
      const result = councilResult(app.set, sheets);
      if (result.kind !== 'scored' || !result.certified) throw new Error(`not certified: ${app.id}`);
    }
    return Promise.resolve();
  });
}

/** Baseline: one empty transaction (BEGIN, COMMIT) on the same database; median wall and mean CPU of 50. */
async function emptyTransaction(world: World): Promise<Timing> {
  const runs: Timing[] = [];
  for (let i = 0; i < 50; i++)
    runs.push(await timed(() => inTransaction(world.ctx, () => Promise.resolve())));
  return { ms: median(runs.map((r) => r.ms)), cpu: runs.reduce((sum, r) => sum + r.cpu, 0) / runs.length };
}

/** The 30 certificates (values from the registry, then the PDF) and the appendix as PDF and XLSX. */
async function documents(world: World, decisionId: string) {
  const admin = as(world, world.admin);
  const rows = await world.ctx.db
    .selectFrom('applications')
    .select('certificate_id')
    .where('decision_id', '=', decisionId)
    .execute();
  let bytes = 0;
  const stars: number[] = [];
  const certificates = await timed(async () => {
    for (const { certificate_id: id } of rows) {
      bytes += (await certificatePdf(await certificateDocument(admin, id ?? '', SITE))).length;
    }
  });
  const appendix = await timed(async () => {
    const decision = await decisionDocument(admin, decisionId);
    if (decision.rows.length !== APPLICATIONS) throw new Error(`${String(decision.rows.length)} rows`);
    stars.push(...decision.rows.map((r) => r.stars));
    bytes += (await decisionAppendixPdf(decision)).length + (await decisionAppendixXlsx(decision)).length;
  });
  return { certificates, appendix, bytes, stars };
}

type Step = 'empty' | 'pure' | 'close' | 'decide' | 'docs' | 'certificates' | 'appendix' | 'total';
interface RoundFigures {
  steps: Record<Step, Timing>;
  bytes: number;
  stars: number[];
  submits: number[];
}

async function measureRound(world: World, round: number): Promise<RoundFigures> {
  const filed = await fileApplications(world);
  const sessionId = await openedSession(world, round, filed);
  const submits = await scoreAll(world, filed);
  const pure = await pureScoring(world, filed);
  const empty = await emptyTransaction(world);
  const close = await timed(() => closeSession(as(world, world.secretary), sessionId));
  if (close.value.scored !== APPLICATIONS) throw new Error(`scored ${String(close.value.scored)}`);
  const applicationIds = filed.map((f) => f.id);
  const input = { number: `${String(100 + round)}/QĐ-UBND`, date: '2026-12-10', applicationIds };
  const decide = await timed(() => issueDecision(as(world, world.admin), input));
  if (decide.value.certified !== APPLICATIONS) throw new Error(`outcome ${JSON.stringify(decide.value)}`);
  const docs = await timed(() => documents(world, decide.value.decisionId));
  const { certificates, appendix, bytes, stars } = docs.value;
  const total = { ms: close.ms + decide.ms + docs.ms, cpu: close.cpu + decide.cpu + docs.cpu };
  return {
    steps: { empty, pure, close, decide, docs, certificates, appendix, total },
    bytes,
    stars,
    submits,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

function printRounds(all: RoundFigures[]): void {
  console.log(
    '\n| round | close ms | decide ms | documents ms (certificates + appendix) | total ms | CPU ms |',
  );
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const [i, { steps: s }] of all.entries()) {
    const label = i < WARM_UP_ROUNDS ? `${String(i)} (warm-up, not counted)` : String(i);
    const docs = `${s.docs.ms.toFixed(0)} (${s.certificates.ms.toFixed(0)} + ${s.appendix.ms.toFixed(0)})`;
    const cells = [label, s.close.ms.toFixed(0), s.decide.ms.toFixed(0), docs, s.total.ms.toFixed(0)];
    console.log(`| ${cells.join(' | ')} | ${s.total.cpu.toFixed(0)} |`);
  }
}

const STEPS: Array<[Step, string]> = [
  ['empty', 'baseline: one empty transaction'],
  ['pure', 'baseline: pure scoring of the same 270 sheets (`councilResult` × 30, in memory)'],
  ['close', '1. `closeSession` (30 results computed and stored)'],
  ['decide', '2. `issueDecision` (30 certificates issued)'],
  ['docs', '3. documents: 30 certificate PDFs + appendix PDF and XLSX'],
  ['certificates', '   of which the 30 certificates (registry values + PDF)'],
  ['appendix', '   of which the appendix (registry values + PDF + XLSX)'],
  ['total', '4. total of 1–3'],
];

function printSummary(rounds: RoundFigures[]): void {
  console.log(
    `\n## ${String(APPLICATIONS)} applications × ${String(MEMBERS)} members, ${String(rounds.length)} rounds`,
  );
  console.log('| step | median ms | max ms | median CPU ms | target |');
  console.log('|---|---:|---:|---:|---|');
  const digits = (ms: number) => (ms < 1 ? 3 : 1);
  for (const [step, name] of STEPS) {
    const ms = rounds.map((r) => r.steps[step].ms);
    const cpu = median(rounds.map((r) => r.steps[step].cpu));
    const cells = [median(ms), Math.max(...ms), cpu].map((v) => v.toFixed(digits(v)));
    console.log(`| ${name} | ${cells.join(' | ')} | ${step === 'total' ? `< ${String(TARGET_MS)}` : ''} |`);
  }
  const submits = rounds.flatMap((r) => r.submits);
  const [p50, p95, max] = [50, 95, 100].map((p) => percentile(submits, p).toFixed(2));
  console.log(
    `\n\`submitSheet\` (${String(submits.length)} calls): median ${p50 ?? ''} ms, p95 ${p95 ?? ''}, max ${max ?? ''}`,
  );
  const totals = rounds.map((r) => r.steps.total.ms);
  const verdict = median(totals) < TARGET_MS ? 'met' : 'NOT met';
  console.log(`target "under 2 s": ${verdict} (median; worst round ${Math.max(...totals).toFixed(0)} ms)`);
  const stars = rounds.flatMap((r) => r.stars);
  const count = (n: number) => String(stars.filter((s) => s === n).length);
  const kib = ((rounds[0]?.bytes ?? 0) / 1024).toFixed(0);
  console.log(`certificates issued: ${count(3)} × 3★, ${count(4)} × 4★; documents of one round: ${kib} KiB`);
}

async function main(): Promise<void> {
  console.log(`# OCOP evaluation benchmark — ${new Date().toISOString()}\nmachine: ${machine()}`);
  console.log(`load average before: ${load()} on ${String(cpus().length)} cores`);
  const dir = mkdtempSync(join(tmpdir(), 'ocop-bench-evaluation-'));
  try {
    const world = await setUp(dir);
    const all: RoundFigures[] = [];
    for (let round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
      all.push(await measureRound(world, round));
      process.stdout.write('.');
    }
    printRounds(all);
    printSummary(all.slice(WARM_UP_ROUNDS));
    console.log(`load average after: ${load()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
