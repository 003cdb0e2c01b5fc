import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { authorize } from '../accounts/policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import { inTransaction, type Ctx } from '../core/context.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { normalizeVi } from '../core/vi-text.js';
import type { ApplicationDocumentTable } from '../db/schema.js';
import * as repo from './application.repository.js';
import { applicationResource, assertEditable, loadApplication } from './application.service.js';
import { DOCUMENT_KINDS, MAX_DOCUMENT_BYTES, sniffDocumentType, type DocumentKind } from './dossier.js';

/**
 * Dossier documents: PDF, JPEG or PNG up to 10 MB, recognized by content. Files live under
 * `<uploads>/dossiers/<application id>/<document id>`; the row is written after the file, and a failed row
 * removes the file, so no row ever points to a missing file.
 */
export interface DocumentUpload {
  kind: string;
  fileName: string;
  data: Buffer;
}

/**
 * Removes the dossier folders of applications that no longer exist (the demo's, after `demo purge`); returns how
 * many were there. Ids that are not ids are skipped, never joined into a path.
 */
export async function removeDossierFolders(
  uploadsDir: string,
  applicationIds: readonly string[],
): Promise<number> {
  let removed = 0;
  for (const id of applicationIds) {
    if (!ID.test(id)) continue;
    try {
      await rm(join(uploadsDir, 'dossiers', id), { recursive: true });
      removed++;
    } catch (error) {
      // An application without documents never had a folder.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return removed;
}

const ID = /^[a-z]+_[0-9a-z]+$/;

function documentPath(uploadsDir: string, applicationId: string, documentId: string): string {
  if (!ID.test(applicationId) || !ID.test(documentId)) {
    throw new NotFoundError('document', documentId);
  }
  return join(uploadsDir, 'dossiers', applicationId, documentId);
}

function checkUpload(upload: DocumentUpload): { kind: DocumentKind; type: string; name: string } {
  const problems = [];
  if (!(DOCUMENT_KINDS as readonly string[]).includes(upload.kind)) {
    problems.push({
      field: 'kind',
      message: 'kind: loại tài liệu không hợp lệ',
      messageEn: 'kind: unknown document kind',
    });
  }
  const type = sniffDocumentType(upload.data);
  if (upload.data.length > MAX_DOCUMENT_BYTES) {
    problems.push({
      field: 'file',
      message: 'file: tệp lớn hơn 10 MB',
      messageEn: 'file: larger than 10 MB',
    });
  } else if (type === null) {
    problems.push({
      field: 'file',
      message: 'file: chỉ nhận tệp PDF, JPEG hoặc PNG',
      messageEn: 'file: only PDF, JPEG or PNG files are accepted',
    });
  }
  if (problems.length || type === null) throw new ValidationError(problems);
  // Only the base name, without path or control characters: it is shown and offered back as a download name.
  const base = upload.fileName.split(/[\\/]/).pop() ?? '';
  const cleaned = normalizeVi(base.replace(/[\p{Cc}"]/gu, '')).slice(0, 200);
  return { kind: upload.kind as DocumentKind, type, name: cleaned === '' ? 'tai-lieu' : cleaned };
}

export async function addDocument(
  ctx: Ctx,
  uploadsDir: string,
  applicationId: string,
  upload: DocumentUpload,
): Promise<string> {
  const checked = checkUpload(upload);
  const id = newId('doc');
  return inTransaction(ctx, async (tx) => {
    const app = await loadApplication(tx, applicationId);
    authorize(tx.actor, 'update', applicationResource(app));
    assertEditable(app);
    const path = documentPath(uploadsDir, app.id, id);
    await mkdir(join(uploadsDir, 'dossiers', app.id), { recursive: true });
    await writeFile(path, upload.data);
    try {
      await repo.insertDocument(tx, {
        id,
        application_id: app.id,
        kind: checked.kind,
        file_name: checked.name,
        content_type: checked.type,
        size: upload.data.length,
        sha256: createHash('sha256').update(upload.data).digest('hex'),
        uploaded_by: `${tx.actor.kind}:${tx.actor.id}`,
        created_at: tx.clock.now().toISOString(),
      });
      await recordAudit(tx, {
        action: 'application.document_add',
        entityType: 'application',
        entityId: app.id,
        changes: { document: id, kind: checked.kind, fileName: checked.name, size: upload.data.length },
      });
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    return id;
  });
}

export async function removeDocument(
  ctx: Ctx,
  uploadsDir: string,
  applicationId: string,
  documentId: string,
): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const app = await loadApplication(tx, applicationId);
    authorize(tx.actor, 'update', applicationResource(app));
    assertEditable(app);
    if ((await repo.deleteDocument(tx, app.id, documentId)) === 0)
      throw new NotFoundError('document', documentId);
    await recordAudit(tx, {
      action: 'application.document_remove',
      entityType: 'application',
      entityId: app.id,
      changes: { document: documentId },
    });
  });
  // After the commit: a rolled-back removal must keep its file.
  await rm(documentPath(uploadsDir, applicationId, documentId), { force: true });
}

/** A document's bytes, for whoever may read the application (its producer, its commune, the province). */
export async function readDocument(
  ctx: Ctx,
  uploadsDir: string,
  applicationId: string,
  documentId: string,
): Promise<{ row: ApplicationDocumentTable; data: Buffer }> {
  const app = await loadApplication(ctx, applicationId);
  authorize(ctx.actor, 'read', applicationResource(app));
  const row = (await repo.documentsOf(ctx, app.id)).find((d) => d.id === documentId);
  if (!row) throw new NotFoundError('document', documentId);
  const data = await readFile(documentPath(uploadsDir, app.id, row.id));
  return { row, data };
}
