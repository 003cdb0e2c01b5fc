import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationError } from '../core/errors.js';
import { MAX_DOCUMENT_BYTES } from './dossier.js';
import type { DocumentUpload } from './dossier.service.js';

/** Multipart parsing for dossier documents, registered in the calling plugin's scope only, with the limits. */
export async function useDocumentUploads(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 4, parts: 5, fieldSize: 500 },
  });
}

function noFile(): ValidationError {
  return new ValidationError([
    {
      field: 'file',
      message: 'file: hãy chọn một tệp PDF, JPEG hoặc PNG',
      messageEn: 'file: choose a PDF, JPEG or PNG file',
    },
  ]);
}

/** The `kind` field and the `file` part, in any order; a file over 10 MB is refused while it streams. */
export async function readDocumentUpload(request: FastifyRequest): Promise<DocumentUpload> {
  if (!request.isMultipart()) throw noFile();
  let kind = '';
  let fileName = '';
  let data: Buffer | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname === 'file' && bytes.length > 0) {
          data = bytes;
          fileName = part.filename;
        }
      } else if (part.fieldname === 'kind' && typeof part.value === 'string') {
        kind = part.value;
      }
    }
  } catch (error) {
    if ((error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new ValidationError([
        { field: 'file', message: 'file: tệp lớn hơn 10 MB', messageEn: 'file: larger than 10 MB' },
      ]);
    }
    throw error;
  }
  if (!data) throw noFile();
  return { kind, fileName, data };
}
