import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationError } from '../core/errors.js';
import { MAX_IMAGE_BYTES, tooLarge } from './image-processing.js';
import type { ImageUpload } from './image.service.js';

/** Registers multipart parsing in the calling plugin's scope only, with the upload limits. */
export async function useImageUploads(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 2000 },
  });
}

function noFile(): ValidationError {
  return new ValidationError([
    { field: 'file', message: 'Vui lòng chọn một tệp ảnh.', messageEn: 'Please choose an image file.' },
  ]);
}

/** The `file` part (read into memory, at most 10 MB) and the optional `alt` field, in whatever order they come. */
export async function readImageUpload(request: FastifyRequest): Promise<ImageUpload> {
  if (!request.isMultipart()) throw noFile();
  let data: Buffer | undefined;
  let alt: string | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname === 'file' && bytes.length > 0) data = bytes;
      } else if (part.fieldname === 'alt' && typeof part.value === 'string') {
        alt = part.value;
      }
    }
  } catch (error) {
    if ((error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw error;
  }
  if (!data) throw noFile();
  return { data, alt };
}
