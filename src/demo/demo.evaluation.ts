import type { Actor, Ctx } from '../core/context.js';
import {
  createApplication,
  fireEvent,
  loadApplication,
  recordCommuneAssessment,
} from '../evaluation/application.service.js';
import { assignApplications, createSession, openSession } from '../evaluation/council.service.js';
import { addDocument } from '../evaluation/dossier.service.js';
import { requiredDocuments } from '../evaluation/dossier.js';
import { openRoundOn } from '../evaluation/application.repository.js';
import { saveSheet, submitSheet } from '../evaluation/score-sheet.service.js';
import { frozenSet } from '../evaluation/frozen-set.js';
import { bestAnswers } from '../scoring/sample-sheets.js';
import { todayInVietnam } from '../core/clock.js';
import * as repo from './demo.evaluation.repository.js';

/**
 * A living evaluation on the demonstration data, so the back office shows the workflow at once: applications of
 * the demo commune in every early state (draft, submitted, returned, proposed, accepted) and two in an open council
 * session of the four demo council members, one member having submitted, another with a draft — the demo
 * `council@demo.ocop.vn` still to score. Everything goes through the services, as the people would; the steps of
 * other producers are taken by the system (their accounts do not exist). Runs once: nothing when an application
 * exists.
 */
export async function seedDemoEvaluation(ctx: Ctx, uploadsDir: string): Promise<string> {
  if (await repo.anyApplication(ctx)) return 'Demo evaluation: already present';
  const today = todayInVietnam(ctx.clock);
  const round = await openRoundOn(ctx, today);
  if (!round) return 'Demo evaluation: no evaluation round is open today; skipped';
  const people = await repo.demoPeople(ctx);
  if (!people) return 'Demo evaluation: demo accounts missing; skipped';
  const products = await repo.candidateProducts(ctx, people.communeId, 7);
  if (products.length < 7) return 'Demo evaluation: not enough demo products; skipped';
  const as = (actor: Actor): Ctx => ({ ...ctx, actor });
  const system = ctx;
  const file = (kind: string) => ({ kind, fileName: `${kind}.pdf`, data: demoPdf(kind) });
  const draftOf = async (p: repo.Candidate, documents: readonly string[]) => {
    const id = await createApplication(system, { productId: p.id, kind: p.kind, sampleCount: 5 });
    for (const kind of documents) await addDocument(system, uploadsDir, id, file(kind));
    return id;
  };
  const full = (p: repo.Candidate) => requiredDocuments(p.scorecardId);
  const submitted = async (p: repo.Candidate) => {
    const id = await draftOf(p, [...full(p), 'product_story']);
    await fireEvent(system, id, 'submit');
    return id;
  };
  const proposed = async (p: repo.Candidate) => {
    const id = await submitted(p);
    await recordCommuneAssessment(as(people.commune), id, {
      origin: true,
      localLabour: true,
      idea: true,
      identity: true,
      note: 'Nguyên liệu tại địa phương, lao động là người trong xã.',
    });
    await fireEvent(as(people.commune), id, 'propose');
    return id;
  };
  const accepted = async (p: repo.Candidate) => {
    const id = await proposed(p);
    await fireEvent(as(people.secretary), id, 'accept');
    return id;
  };
  const p = (i: number) => products[i] as repo.Candidate;
  await draftOf(p(0), ['registration_form']);
  await submitted(p(1));
  const back = await submitted(p(2));
  await fireEvent(as(people.commune), back, 'commune_return', {
    reason: 'Bổ sung phiếu kiểm nghiệm an toàn thực phẩm còn hiệu lực.',
  });
  await proposed(p(3));
  await accepted(p(4));
  const inSession = [await accepted(p(5)), await accepted(p(6))];
  const [chair, ...others] = people.council;
  const sessionId = await createSession(as(people.secretary), {
    roundId: round.id,
    name: `Phiên chấm điểm ${round.name.toLowerCase()}`,
    meetsOn: today,
    chairId: chair?.id ?? '',
    memberIds: people.council.map((m) => m.id),
  });
  await assignApplications(as(people.secretary), sessionId, inSession);
  await openSession(as(people.secretary), sessionId, { presentIds: people.council.map((m) => m.id) });
  const [second, third] = others;
  for (const id of inSession) {
    const set = await frozenSet(ctx, await loadApplication(ctx, id));
    const best = bestAnswers(set);
    if (second) {
      await saveSheet(as(second), id, { answers: best });
      await submitSheet(as(second), id);
    }
    // A member halfway through: the first half of the criteria answered, saved as a draft.
    const half = Object.entries(best).slice(0, Math.ceil(Object.keys(best).length / 2));
    if (third) await saveSheet(as(third), id, { answers: Object.fromEntries(half) });
  }
  return `Demo evaluation: 7 applications, one open council session (${round.name})`;
}

/** A one-page PDF naming the document it stands for (the demo's dossier files). */
function demoPdf(kind: string): Buffer {
  const text = `OCOP demo - ${kind}`;
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${String(stream.length)} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${String(i + 1)} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${String(objects.length + 1)}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${String(objects.length + 1)} /Root 1 0 R >>\nstartxref\n${String(xref)}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
