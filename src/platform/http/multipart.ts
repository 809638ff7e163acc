// Reading a multipart form (one file and a few text fields) into memory, with
// the size limit of its purpose. The CSRF token of such a form travels in the
// query string (?_csrf=…), because the hook checks it before the body is read.
// Only routes that declare `config.multipart` may call it (see bodies.ts).
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import '@fastify/multipart';
import { formatMegabytes } from '../files/index.ts';
import { bodyRefusals, MalformedBodyError } from './bodies.ts';

/** A text field of a multipart form longer than this is refused, not cut short. */
export const MAX_MULTIPART_FIELD_BYTES = 1024 * 1024;

export interface UploadedForm {
  file: { data: Buffer; filename: string; field: string } | null;
  fields: Record<string, string>;
}

/** A text part cut by the parser's limits: refused rather than stored half. */
export function checkFieldPart(part: { valueTruncated: boolean; fieldnameTruncated: boolean }): void {
  if (part.valueTruncated || part.fieldnameTruncated) throw bodyRefusals.fieldTooLarge(MAX_MULTIPART_FIELD_BYTES);
}

/**
 * What went wrong while reading a multipart body, as a refusal the error
 * handler explains: limits on the number of parts are 413; anything else the
 * parser threw means the body was cut short or is not well-formed multipart.
 */
export function multipartRefusal(error: unknown): MalformedBodyError {
  if (error instanceof MalformedBodyError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_FILES_LIMIT') return bodyRefusals.tooManyParts();
  return bodyRefusals.multipartIncomplete();
}

export async function readUploadForm(request: FastifyRequest, maxBytes: number): Promise<UploadedForm> {
  const fields: Record<string, string> = {};
  let file: UploadedForm['file'] = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 20 } })) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (part.file.truncated) throw new Error('truncated');
        if (data.length > 0 || part.filename) file = { data, filename: part.filename, field: part.fieldname };
      } else {
        checkFieldPart(part);
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE' || (error as Error).message === 'truncated') {
      throw new DomainError(
        { code: 'file_too_large', field: 'file', vi: `Tệp vượt quá giới hạn ${formatMegabytes(maxBytes, 'vi')}.`, en: `The file is larger than ${formatMegabytes(maxBytes, 'en')}.` },
        413,
      );
    }
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      throw new DomainError({ code: 'not_multipart', vi: 'Biểu mẫu tải tệp không đúng định dạng.', en: 'The upload form is not multipart.' }, 415);
    }
    throw multipartRefusal(error);
  }
  return { file: file && file.data.length > 0 ? file : null, fields };
}
