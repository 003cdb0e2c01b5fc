import type { FastifyReply } from 'fastify';
import { slugVi } from '../core/vi-text.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { signedIn, WriteErrorResponses } from '../catalog/write-responses.js';
import { ErrorBody, IdParams, listOf, PageQuery } from '../http/schemas.js';
import { ApplicationSchema, ApplicationSummarySchema } from './application.presenter.js';
import { applicationPage, getApplication } from './application.query.js';
import {
  CommuneAssessmentInput,
  CreateApplicationInput,
  createApplication,
  EventInput,
  fireEvent,
  recordCommuneAssessment,
  updateApplicationDraft,
  UpdateApplicationInput,
} from './application.service.js';
import { APPLICATION_STATES, graphProblems, USER_EVENTS, type UserEvent } from './application.workflow.js';
import { closeSession } from './council-result.js';
import {
  assignApplications,
  ConflictInput,
  createSession,
  CreateSessionInput,
  declareConflict,
  openSession,
  OpenSessionInput,
  unassignApplication,
} from './council.service.js';
import { sessionView, SessionSchema, sessionsList, SessionSummarySchema } from './council.query.js';
import {
  CentralDecisionInput,
  DecisionInput,
  issueDecision,
  recordCentralDecision,
} from './decision.service.js';
import { addDocument, readDocument, removeDocument } from './dossier.service.js';
import { readDocumentUpload, useDocumentUploads } from './document-upload.js';
import { certificateDocument, decisionDocument, decisionsList } from './evaluation-documents.js';
import { createRound, listRounds, RoundInput } from './round.service.js';
import {
  DiscussionInput,
  KnockOutsInput,
  recordDiscussion,
  reopenSheet,
  saveSheet,
  setKnockOuts,
  SheetInput,
  sheetsView,
  submitSheet,
} from './score-sheet.service.js';

const Errors = { ...WriteErrorResponses, 409: ErrorBody };
const Ok = Type.Object({ ok: Type.Literal(true) });
const Created = Type.Object({ id: Type.String() });
const AppParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const DocParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  documentId: Type.String({ minLength: 1, maxLength: 64 }),
});
const TAG = ['evaluation'];

const ApplicationListQuery = Type.Object(
  {
    state: Type.Optional(Type.Unsafe<string>(Type.Union(APPLICATION_STATES.map((s) => Type.Literal(s))))),
    round: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    session: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

/**
 * The evaluation workflow over HTTP (issue 8): rounds, applications with their dossier, the commune's check and
 * the advisory group's review, council sessions and score sheets, decisions. Every route is signed in; the
 * services decide who may do what (accounts/policy.ts).
 */
export const evaluationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const problems = graphProblems();
  if (problems.length) throw new Error(`The evaluation workflow is inconsistent: ${problems.join('; ')}`);
  await useDocumentUploads(app);
  app.addHook('preValidation', signedIn);

  app.get(
    '/rounds',
    {
      schema: {
        summary: 'Evaluation rounds',
        tags: TAG,
        response: { 200: Type.Array(RoundSchema), ...Errors },
      },
    },
    async (request) =>
      (await listRounds(request.ctx)).map((r) => ({
        id: r.id,
        year: r.year,
        seq: r.seq,
        name: r.name,
        cutoff: r.cutoff,
        status: r.status,
      })),
  );
  app.post(
    '/rounds',
    {
      schema: {
        summary: 'Create a round (administrators)',
        tags: TAG,
        body: RoundInput,
        response: { 201: Created, ...Errors },
      },
    },
    async (request, reply) => reply.status(201).send({ id: await createRound(request.ctx, request.body) }),
  );

  app.get(
    '/applications',
    {
      schema: {
        summary: 'Applications the actor may see',
        tags: TAG,
        querystring: ApplicationListQuery,
        response: { 200: listOf(ApplicationSummarySchema), ...Errors },
      },
    },
    (request) => {
      const q = request.query;
      return applicationPage(request.ctx, {
        page: q.page,
        limit: q.limit,
        ...(q.state ? { state: q.state } : {}),
        ...(q.round ? { roundId: q.round } : {}),
        ...(q.session ? { sessionId: q.session } : {}),
      });
    },
  );
  app.post(
    '/applications',
    {
      schema: {
        summary: 'Open a draft application for a product (its producer)',
        tags: TAG,
        body: CreateApplicationInput,
        response: { 201: Created, ...Errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ id: await createApplication(request.ctx, request.body) }),
  );
  app.get(
    '/applications/:id',
    {
      schema: {
        summary: 'One application: dossier, assessment, result, history',
        tags: TAG,
        params: AppParams,
        response: { 200: ApplicationSchema, ...Errors },
      },
    },
    (request) => getApplication(request.ctx, request.params.id),
  );
  app.patch(
    '/applications/:id',
    {
      schema: {
        summary: 'Edit a draft or returned application',
        tags: TAG,
        params: AppParams,
        body: UpdateApplicationInput,
        response: { 200: Ok, ...Errors },
      },
    },
    async (request) => {
      await updateApplicationDraft(request.ctx, request.params.id, request.body);
      return { ok: true as const };
    },
  );
  app.post(
    '/applications/:id/events/:event',
    {
      schema: {
        summary: 'Fire a workflow event: submit, withdraw, commune_return, propose, province_return, accept',
        tags: TAG,
        params: Type.Object({
          id: Type.String({ minLength: 1, maxLength: 64 }),
          event: Type.Unsafe<UserEvent>(Type.Union(USER_EVENTS.map((e) => Type.Literal(e)))),
        }),
        body: Type.Optional(EventInput),
        response: { 200: Type.Object({ state: Type.String() }), ...Errors },
      },
    },
    async (request) => ({
      state: await fireEvent(request.ctx, request.params.id, request.params.event, request.body),
    }),
  );
  app.put(
    '/applications/:id/commune-assessment',
    {
      schema: {
        summary: 'The commune’s assessment of origin, labour, idea, identity',
        tags: TAG,
        params: AppParams,
        body: CommuneAssessmentInput,
        response: { 200: Ok, ...Errors },
      },
    },
    async (request) => {
      await recordCommuneAssessment(request.ctx, request.params.id, request.body);
      return { ok: true as const };
    },
  );
  app.post(
    '/applications/:id/documents',
    {
      schema: {
        summary: 'Add a dossier document (multipart: `kind`, then `file`: PDF, JPEG or PNG up to 10 MB)',
        tags: TAG,
        consumes: ['multipart/form-data'],
        params: AppParams,
        response: { 201: Created, ...Errors },
      },
    },
    async (request, reply) => {
      const upload = await readDocumentUpload(request);
      return reply
        .status(201)
        .send({ id: await addDocument(request.ctx, app.uploadsDir, request.params.id, upload) });
    },
  );
  app.get(
    '/applications/:id/documents/:documentId',
    { schema: { summary: 'Download a dossier document', tags: TAG, params: DocParams } },
    async (request, reply) => {
      const { row, data } = await readDocument(
        request.ctx,
        app.uploadsDir,
        request.params.id,
        request.params.documentId,
      );
      return reply
        .header('content-type', row.content_type)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.file_name)}`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(data);
    },
  );
  app.delete(
    '/applications/:id/documents/:documentId',
    {
      schema: {
        summary: 'Remove a dossier document',
        tags: TAG,
        params: DocParams,
        response: { 204: Type.Null(), ...Errors },
      },
    },
    async (request, reply) => {
      await removeDocument(request.ctx, app.uploadsDir, request.params.id, request.params.documentId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/council-sessions',
    {
      schema: {
        summary: 'Council sessions (a member sees their own)',
        tags: TAG,
        response: { 200: Type.Array(SessionSummarySchema), ...Errors },
      },
    },
    (request) => sessionsList(request.ctx),
  );
  app.post(
    '/council-sessions',
    {
      schema: {
        summary: 'Form a council session (secretary)',
        tags: TAG,
        body: CreateSessionInput,
        response: { 201: Created, ...Errors },
      },
    },
    async (request, reply) => reply.status(201).send({ id: await createSession(request.ctx, request.body) }),
  );
  app.get(
    '/council-sessions/:id',
    {
      schema: {
        summary: 'A session: members, applications, progress',
        tags: TAG,
        params: IdParams,
        response: { 200: SessionSchema, ...Errors },
      },
    },
    (request) => sessionView(request.ctx, request.params.id),
  );
  app.post(
    '/council-sessions/:id/applications',
    {
      schema: {
        summary: 'Assign accepted applications',
        tags: TAG,
        params: IdParams,
        body: Type.Object(
          {
            applicationIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
              minItems: 1,
              maxItems: 200,
            }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Ok, ...Errors },
      },
    },
    async (request) => {
      await assignApplications(request.ctx, request.params.id, request.body.applicationIds);
      return { ok: true as const };
    },
  );
  app.post(
    '/council-sessions/:id/open',
    {
      schema: {
        summary: 'Open with the members present (quorum 3/4 with the chair)',
        tags: TAG,
        params: IdParams,
        body: OpenSessionInput,
        response: { 200: Ok, ...Errors },
      },
    },
    async (request) => {
      await openSession(request.ctx, request.params.id, request.body);
      return { ok: true as const };
    },
  );
  app.post(
    '/council-sessions/:id/close',
    {
      schema: {
        summary: 'Close: keep every result, move applications to scored',
        tags: TAG,
        params: IdParams,
        response: { 200: Type.Object({ scored: Type.Integer() }), ...Errors },
      },
    },
    (request) => closeSession(request.ctx, request.params.id),
  );
  app.post(
    '/applications/:id/unassign',
    {
      schema: {
        summary: 'Take an application out of its session',
        tags: TAG,
        params: AppParams,
        response: { 200: Ok, ...Errors },
      },
    },
    async (request) => {
      await unassignApplication(request.ctx, request.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    '/applications/:id/conflicts',
    {
      schema: {
        summary: 'Declare a member’s tie to the producer',
        tags: TAG,
        params: AppParams,
        body: ConflictInput,
        response: { 200: Ok, ...Errors },
      },
    },
    async (request) => {
      await declareConflict(request.ctx, request.params.id, request.body);
      return { ok: true as const };
    },
  );
  app.get(
    '/applications/:id/sheets',
    { schema: { summary: 'Score sheets as the viewer may see them', tags: TAG, params: AppParams } },
    (request) => sheetsView(request.ctx, request.params.id),
  );
  app.put(
    '/applications/:id/sheets/me',
    {
      schema: {
        summary: 'Autosave the member’s sheet',
        tags: TAG,
        params: AppParams,
        body: SheetInput,
        response: { 200: Type.Object({ total: Type.Number() }), ...Errors },
      },
    },
    (request) => saveSheet(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/applications/:id/sheets/me/submit',
    {
      schema: {
        summary: 'Submit the member’s complete sheet',
        tags: TAG,
        params: AppParams,
        response: { 200: Type.Object({ total: Type.Number() }), ...Errors },
      },
    },
    (request) => submitSheet(request.ctx, request.params.id),
  );
  app.post(
    '/applications/:id/sheets/me/reopen',
    {
      schema: {
        summary: 'Re-score after the discussion',
        tags: TAG,
        params: AppParams,
        response: { 200: Ok, ...Errors },
      },
    },
    async (request) => {
      await reopenSheet(request.ctx, request.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    '/applications/:id/discussion',
    {
      schema: {
        summary: 'Record the council’s discussion',
        tags: TAG,
        params: AppParams,
        body: DiscussionInput,
        response: { 200: Ok, ...Errors },
      },
    },
    async (request) => {
      await recordDiscussion(request.ctx, request.params.id, request.body);
      return { ok: true as const };
    },
  );
  app.put(
    '/applications/:id/knock-outs',
    {
      schema: {
        summary: 'Knock-out notes the council found to apply',
        tags: TAG,
        params: AppParams,
        body: KnockOutsInput,
        response: { 200: Ok, ...Errors },
      },
    },
    async (request) => {
      await setKnockOuts(request.ctx, request.params.id, request.body);
      return { ok: true as const };
    },
  );
  app.post(
    '/decisions',
    {
      schema: {
        summary: 'Issue the province’s decision on scored applications',
        tags: TAG,
        body: DecisionInput,
        response: {
          201: Type.Object({
            decisionId: Type.String(),
            certified: Type.Integer(),
            notCertified: Type.Integer(),
            central: Type.Integer(),
          }),
          ...Errors,
        },
      },
    },
    async (request, reply) => reply.status(201).send(await issueDecision(request.ctx, request.body)),
  );
  app.get(
    '/decisions',
    {
      schema: {
        summary: 'Decisions issued (who decides and runs councils)',
        tags: TAG,
        response: { 200: Type.Array(DecisionSummary), ...Errors },
      },
    },
    async (request) => decisionsList(request.ctx),
  );
  app.get(
    '/decisions/:id/appendix.:format',
    {
      schema: {
        summary: 'The decision’s appendix, as PDF or XLSX (Vietnamese)',
        tags: TAG,
        params: Type.Object({
          id: Type.String({ minLength: 1, maxLength: 64 }),
          format: Type.Union([Type.Literal('pdf'), Type.Literal('xlsx')]),
        }),
      },
    },
    async (request, reply) => {
      const doc = await decisionDocument(request.ctx, request.params.id);
      const { decisionAppendixPdf, decisionAppendixXlsx } = await import('../documents/index.js');
      const pdf = request.params.format === 'pdf';
      const bytes = pdf ? await decisionAppendixPdf(doc) : await decisionAppendixXlsx(doc);
      return sendFile(
        reply,
        bytes,
        pdf ? PDF_TYPE : XLSX_TYPE,
        `phu-luc-${safeName(doc.number)}.${request.params.format}`,
      );
    },
  );
  app.get(
    '/certificates/:id/document.pdf',
    {
      schema: {
        summary: 'The certificate as a PDF with its verification QR code',
        tags: TAG,
        params: IdParams,
      },
    },
    async (request, reply) => {
      const doc = await certificateDocument(request.ctx, request.params.id, {
        publicUrl: app.publicUrl,
        secret: app.secret,
      });
      const { certificatePdf } = await import('../documents/index.js');
      return sendFile(
        reply,
        await certificatePdf(doc),
        PDF_TYPE,
        `giay-chung-nhan-${safeName(doc.number)}.pdf`,
      );
    },
  );
  app.post(
    '/applications/:id/central-decision',
    {
      schema: {
        summary: 'Record the central council’s decision on a potential 5★',
        tags: TAG,
        params: AppParams,
        body: CentralDecisionInput,
        response: { 200: Type.Object({ certificateId: Type.String() }), ...Errors },
      },
    },
    async (request) => ({
      certificateId: await recordCentralDecision(request.ctx, request.params.id, request.body),
    }),
  );
};

const PDF_TYPE = 'application/pdf';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const DecisionSummary = Type.Object({
  id: Type.String(),
  number: Type.String(),
  date: Type.String(),
  level: Type.String(),
  applications: Type.Integer(),
});

/** A file name made of letters, digits and dashes ("123/QĐ-UBND" → "123-QD-UBND"). */
function safeName(text: string): string {
  return slugVi(text) || 'tai-lieu';
}

function sendFile(reply: FastifyReply, bytes: Buffer, type: string, fileName: string) {
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'private, no-store')
    .send(bytes);
}

const RoundSchema = Type.Object({
  id: Type.String(),
  year: Type.Integer(),
  seq: Type.Integer(),
  name: Type.String(),
  cutoff: Type.String(),
  status: Type.String(),
});
