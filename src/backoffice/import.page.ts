import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../accounts/policy.js';
import type { Ctx, Locale } from '../core/context.js';
import { DomainError, ForbiddenError } from '../core/errors.js';
import type { RowProblem } from '../imports/import-row.js';
import type { RowAction } from '../imports/import.plan.js';
import { importFile, type ImportReport, type ReportRow } from '../imports/import.service.js';
import { DEFAULT_SIZE_LIMIT } from '../imports/sheet-reader.js';
import { formatNumber, t } from '../views/format.js';
import { html, raw, type SafeHtml } from '../views/html.js';
import { formValue, requireStaff } from './bo-context.js';
import { ACTION_TEXT, appliedNotice, IMP, sizeHint, tooLarge } from './import.text.js';
import { boPage, checkboxField, csrfField, type BoView } from './layout.js';
import { badge, redirectWithNotice, sendPage } from './registry.pages.js';

const BASE = '/admin/imports';
/** Uploads wait here between the dry run and the apply, one folder per user, named by their sha256. */
const KEPT_FOR_MS = 24 * 60 * 60 * 1000;
const SHA256 = /^[0-9a-f]{64}$/;
const CHOICE = /^choice-(\d{1,7})$/;
const COMMUNE_CODE = /^[0-9A-Za-z@-]{1,20}$/;

/**
 * /admin/imports (issue 4 from the back office): upload an appendix, see the importer's dry-run report, choose the
 * communes of split rows, then apply. Only the sha256 of the kept upload travels in the apply form; the file is
 * read back from this user's own folder, so a token can never name another user's file or a path.
 */
export async function importPages(app: FastifyInstance): Promise<void> {
  app.get('/imports', async (request, reply) => {
    const { view } = requireImporter(request, reply);
    return sendPage(reply, formPage(view));
  });

  app.post('/imports/apply', async (request, reply) => {
    const { view, ctx } = requireImporter(request, reply);
    const dir = userDir(app.uploadsDir, ctx);
    const token = formValue(request.body, 'token') ?? '';
    try {
      const kept = await takeUpload(dir, token);
      const report = await importFile(ctx, {
        ...kept,
        mode: 'apply',
        onlyValid: formValue(request.body, 'onlyValid') === '1',
        choices: choicesOf(request.body),
      });
      if (report.applied) await discardUpload(dir, token);
      return await redirectWithNotice(reply, BASE, appliedNotice(view.locale, report));
    } catch (error) {
      return refuse(reply, view, error);
    }
  });

  // Its own scope: multipart parsing (with the importer's size limit) exists for this upload only.
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: DEFAULT_SIZE_LIMIT, files: 1, fields: 2, parts: 3, fieldSize: 200 },
    });
    scope.post('/imports', async (request, reply) => {
      const { view, ctx } = requireImporter(request, reply);
      try {
        const upload = await readUpload(request);
        const report = await importFile(ctx, { ...upload, mode: 'dry-run' });
        await keepUpload(userDir(app.uploadsDir, ctx), report.file.sha256, upload);
        return await sendPage(reply, reportPage(view, report));
      } catch (error) {
        return refuse(reply, view, error);
      }
    });
  });
}

function requireImporter(request: FastifyRequest, reply: FastifyReply): { view: BoView; ctx: Ctx } {
  const staff = requireStaff(request, reply);
  if (!can(staff.ctx.actor, 'use', { type: 'import' })) throw new ForbiddenError();
  return staff;
}

/** A refused file (the importer's own message) goes back to the form with a 400; anything else is rethrown. */
function refuse(reply: FastifyReply, view: BoView, error: unknown): FastifyReply {
  if (!(error instanceof DomainError) || error.code !== 'validation_failed') throw error;
  return sendPage(reply, formPage(view, view.locale === 'en' ? error.messageEn : error.message), 400);
}

function refusal(vi: string, en: string): DomainError {
  return new DomainError('validation_failed', vi, en);
}

interface Upload {
  fileName: string;
  bytes: Buffer;
}

/** The `file` part; a file over the limit is refused while it streams. */
async function readUpload(request: FastifyRequest): Promise<Upload> {
  const none = refusal(IMP.noFile.vi, IMP.noFile.en);
  if (!request.isMultipart()) throw none;
  let upload: Upload | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type !== 'file') continue;
      const bytes = await part.toBuffer();
      if (part.fieldname === 'file' && bytes.length > 0)
        upload = { fileName: cleanName(part.filename), bytes };
    }
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
    throw refusal(tooLarge('vi', DEFAULT_SIZE_LIMIT), tooLarge('en', DEFAULT_SIZE_LIMIT));
  }
  if (!upload) throw none;
  return upload;
}

/** Only the name's last segment (some browsers send a whole path), NFC, short enough for the run log. */
function cleanName(name: string): string {
  const last = name.split(/[\\/]/).pop()?.normalize('NFC').trim() ?? '';
  return (last || 'upload').slice(0, 200);
}

/** The folder of this user's uploads; user ids are opaque `usr_…` strings, checked anyway before a path. */
function userDir(uploadsDir: string, ctx: Ctx): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(ctx.actor.id)) throw new ForbiddenError();
  return join(uploadsDir, 'imports', ctx.actor.id);
}

async function keepUpload(dir: string, sha256: string, upload: Upload): Promise<void> {
  await mkdir(dir, { recursive: true });
  await pruneStale(dir);
  await writeFile(join(dir, sha256), upload.bytes);
  await writeFile(join(dir, `${sha256}.name`), upload.fileName, 'utf8');
}

/** Uploads never applied (abandoned dry runs) are removed after a day, when the same user uploads again. */
async function pruneStale(dir: string): Promise<void> {
  const cutoff = Date.now() - KEPT_FOR_MS;
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => null);
    if (info && info.mtimeMs < cutoff) await rm(path, { force: true });
  }
}

/** The kept upload named by a sha256 token, read back from this user's folder and checked against its hash. */
async function takeUpload(dir: string, token: string): Promise<Upload> {
  const gone = refusal(IMP.gone.vi, IMP.gone.en);
  if (!SHA256.test(token)) throw gone;
  const [bytes, fileName] = await Promise.all([
    readFile(join(dir, token)),
    readFile(join(dir, `${token}.name`), 'utf8'),
  ]).catch(() => {
    throw gone;
  });
  if (createHash('sha256').update(bytes).digest('hex') !== token) throw gone;
  return { fileName, bytes };
}

async function discardUpload(dir: string, token: string): Promise<void> {
  await rm(join(dir, token), { force: true });
  await rm(join(dir, `${token}.name`), { force: true });
}

/** `choice-LINE=CODE` fields of the report's selects; blanks (not chosen) are left out. */
function choicesOf(body: unknown): Map<number, string> {
  const choices = new Map<number, string>();
  for (const key of Object.keys(body ?? {})) {
    const line = CHOICE.exec(key)?.[1];
    const code = formValue(body, key);
    if (line !== undefined && code !== undefined && COMMUNE_CODE.test(code)) choices.set(Number(line), code);
  }
  return choices;
}

function formPage(view: BoView, error?: string): string {
  const l = view.locale;
  const body = html`<p>${t(l, IMP.intro)}</p>
    ${error ? html`<div class="error-summary" role="alert" tabindex="-1"><p>${error}</p></div>` : ''}
    <form
      method="post"
      action="${BASE}?_csrf=${encodeURIComponent(view.csrf)}"
      enctype="multipart/form-data"
      class="form"
    >
      <div class="field${error ? ' has-error' : ''}">
        <label for="f-file">${t(l, IMP.file)}</label>
        <p class="hint" id="f-file-hint">${sizeHint(l, DEFAULT_SIZE_LIMIT)} ${t(l, IMP.columns)}</p>
        ${error ? html`<p class="error" id="f-file-error">${error}</p>` : ''}
        <input
          type="file"
          id="f-file"
          name="file"
          required
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          aria-describedby="f-file-hint${error ? ' f-file-error' : ''}"
          ${error ? raw(' aria-invalid="true"') : ''}
        />
      </div>
      <button type="submit">${t(l, IMP.upload)}</button>
    </form>`;
  return boPage(view, { title: IMP.title, active: 'imports', body });
}

const ORDER: Record<RowAction, number> = { error: 0, review: 1, create: 2, update: 3, unchanged: 4 };
const BADGE: Record<RowAction, string> = {
  error: 'revoked',
  review: 'expiring',
  create: 'valid',
  update: 'valid',
  unchanged: 'none',
};

function reportPage(view: BoView, report: ImportReport): string {
  const l = view.locale;
  const s = report.summary;
  const rows = [...report.rows].sort((a, b) => ORDER[a.action] - ORDER[b.action] || a.line - b.line);
  const writes = s.create + s.update + s.review > 0;
  const body = html`<p>${t(l, IMP.fileLine)}: <strong>${report.file.name}</strong> · ${t(l, IMP.dryRun)}</p>
    ${summaryCards(l, report)}
    <form method="post" action="${BASE}/apply" class="form">
      ${csrfField(view)}
      <input type="hidden" name="token" value="${report.file.sha256}" />
      <h2 id="h-rows">${t(l, IMP.rowsTitle)}</h2>
      ${rows.length === 0 ? html`<p>${t(l, IMP.noRows)}</p>` : rowsTable(l, rows)}
      ${
        s.error > 0 && writes
          ? checkboxField({
              name: 'onlyValid',
              label: t(l, IMP.onlyValid),
              checked: false,
              hint: t(l, IMP.onlyValidHint),
            })
          : ''
      }
      ${writes ? html`<button type="submit">${t(l, IMP.apply)}</button>` : html`<p>${t(l, IMP.nothingNew)}</p>`}
    </form>
    <p><a href="${BASE}">${t(l, IMP.again)}</a></p>`;
  return boPage(view, { title: IMP.reportTitle, active: 'imports', body });
}

function summaryCards(l: Locale, report: ImportReport): SafeHtml {
  const actions: RowAction[] = ['create', 'update', 'unchanged', 'review', 'error'];
  return html`<div class="cards">
    ${actions.map(
      (a) =>
        html`<div class="card" data-action="${a}">
          <p class="big">${formatNumber(l, report.summary[a])}</p>
          <p>${t(l, ACTION_TEXT[a])}</p>
        </div>`,
    )}
  </div>`;
}

function rowsTable(l: Locale, rows: ReportRow[]): SafeHtml {
  return html`<p class="hint">${t(l, IMP.rowsHint)}</p>
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col" class="num">${t(l, IMP.line)}</th>
            <th scope="col">${t(l, IMP.action)}</th>
            <th scope="col">${t(l, IMP.product)}</th>
            <th scope="col">${t(l, IMP.producer)}</th>
            <th scope="col">${t(l, IMP.commune)}</th>
            <th scope="col">${t(l, IMP.messages)}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map((r) => rowOf(l, r))}
        </tbody>
      </table>
    </div>`;
}

function rowOf(l: Locale, r: ReportRow): SafeHtml {
  return html`<tr id="line-${r.line}" data-action="${r.action}">
    <th scope="row" class="num">${r.line}</th>
    <td>${badge(BADGE[r.action], t(l, ACTION_TEXT[r.action]))}</td>
    <td>${r.named.product}</td>
    <td>${r.named.producer}</td>
    <td>${r.named.address} ${r.candidates ? communeChoice(l, r) : ''}</td>
    <td>${messages(l, r)}</td>
  </tr>`;
}

function communeChoice(l: Locale, r: ReportRow): SafeHtml {
  const id = `f-choice-${r.line}`;
  return html`<div class="field">
    <label for="${id}">${t(l, IMP.chooseCommune)} ${r.line}</label>
    <select id="${id}" name="choice-${r.line}">
      <option value="">${t(l, IMP.notChosen)}</option>
      ${(r.candidates ?? []).map((c) => html`<option value="${c.id}">${c.name} (${c.id})</option>`)}
    </select>
  </div>`;
}

function messages(l: Locale, r: ReportRow): SafeHtml {
  const text = (p: RowProblem) => (l === 'en' ? p.messageEn : p.message);
  const items = [
    ...r.errors.map((p) => html`<li class="error">${text(p)}</li>`),
    ...(r.action === 'review' ? [html`<li>${t(l, IMP.splitHint)}</li>`] : []),
    ...(r.suggestions?.length
      ? [
          html`<li>
            ${t(l, IMP.suggestions)}: ${r.suggestions.map((u) => `${u.name} (${u.id})`).join('; ')}
          </li>`,
        ]
      : []),
    ...r.warnings.map((p) => html`<li>${t(l, IMP.warning)}: ${text(p)}</li>`),
  ];
  return items.length
    ? html`<ul>
        ${items}
      </ul>`
    : html``;
}
