// How request bodies are read: url-encoded forms and JSON as strict UTF-8,
// JSON no deeper than a sane limit, multipart only on the routes that take
// files (`config.multipart`), nothing else. A body refused here never reaches a
// handler; the error handler answers with a clear 4xx (a page, or the API's
// JSON error) instead of a crash deep in the code that would have walked it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formatMegabytes } from '../files/index.ts';

/** Deeper JSON is refused: no form or API payload needs more than a few levels. */
export const MAX_JSON_DEPTH = 64;

/** A body that cannot be read as sent; carries its status and a message in both languages. */
export class MalformedBodyError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly vi: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'MalformedBodyError';
  }
}

export const bodyRefusals = {
  notUtf8: () => new MalformedBodyError(400, 'invalid_encoding', 'Dữ liệu gửi lên không phải văn bản mã hóa UTF-8 hợp lệ.', 'The body is not valid UTF-8 text.'),
  invalidJson: () => new MalformedBodyError(400, 'invalid_json', 'Dữ liệu JSON gửi lên không đúng cú pháp.', 'The JSON body is not valid JSON.'),
  tooDeep: () =>
    new MalformedBodyError(400, 'body_too_deep', `Dữ liệu JSON gửi lên lồng nhau quá ${MAX_JSON_DEPTH} tầng.`, `The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep.`),
  multipartIncomplete: () =>
    new MalformedBodyError(
      400,
      'multipart_incomplete',
      'Biểu mẫu gửi lên không đầy đủ hoặc sai cấu trúc (có thể đường truyền bị ngắt giữa chừng). Chưa có gì được lưu; vui lòng gửi lại.',
      'The form arrived incomplete or malformed (the connection may have been cut). Nothing was saved; please send it again.',
    ),
  multipartNotAccepted: () =>
    new MalformedBodyError(415, 'multipart_not_accepted', 'Địa chỉ này không nhận biểu mẫu có tệp đính kèm (multipart).', 'This address does not take forms with files (multipart).'),
  fieldTooLarge: (limitBytes: number) =>
    new MalformedBodyError(413, 'field_too_large', `Một trường của biểu mẫu dài quá ${formatMegabytes(limitBytes, 'vi')}.`, `A form field is longer than ${formatMegabytes(limitBytes, 'en')}.`),
  tooManyParts: () => new MalformedBodyError(413, 'too_many_parts', 'Biểu mẫu có quá nhiều trường hoặc tệp.', 'The form has too many fields or files.'),
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

function strictUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw bodyRefusals.notUtf8();
  }
}

/** True when brackets outside strings nest deeper than `max`; a linear scan, before anything recurses. */
export function nestsDeeperThan(json: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** One component of a url-encoded body: '+' is a space, %XX escapes must spell UTF-8. */
function decodeComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return decodeLeniently(spaced);
  }
}

/** A stray '%' stays as typed (as browsers and URLSearchParams keep it); escapes that are not UTF-8 are refused. */
function decodeLeniently(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.charCodeAt(i) === 0x25 ? text.slice(i + 1, i + 3) : '';
    if (/^[0-9a-f]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      const char = String.fromCodePoint(text.codePointAt(i)!);
      bytes.push(...Buffer.from(char, 'utf8'));
      i += char.length - 1;
    }
  }
  return strictUtf8(Uint8Array.from(bytes));
}

/** application/x-www-form-urlencoded: repeated names become arrays; the object has no prototype to poison. */
export function parseUrlEncoded(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decodeComponent(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decodeComponent(pair.slice(eq + 1));
    const had = out[key];
    out[key] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  return out;
}

export function registerBodyParsers(app: FastifyInstance): void {
  // Fastify's own: JSON decoded leniently (bad bytes become U+FFFD) and unbounded in depth, and
  // plain text, which no route reads.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  const parseJson = app.getDefaultJsonParser('error', 'error');

  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, raw, done) => {
    const text = strictUtf8(raw as Buffer);
    if (nestsDeeperThan(text, MAX_JSON_DEPTH)) throw bodyRefusals.tooDeep();
    // Fastify's own parser (it refuses __proto__ and constructor keys); its syntax errors get a clear message.
    parseJson(request, text, (error, body) => (error ? done(bodyRefusals.invalidJson(), undefined) : done(null, body)));
  });

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (_request, raw, done) => {
    done(null, parseUrlEncoded(strictUtf8(raw as Buffer)));
  });

  // Multipart is read by the handler of an upload route; elsewhere it would be ignored, so a
  // truncated or oversized one would pass unnoticed: refuse it before anything runs.
  app.addHook('preParsing', async (request: FastifyRequest, _reply, payload) => {
    if (!request.is404 && request.routeOptions.config.multipart !== true && /^multipart\//i.test(request.headers['content-type'] ?? '')) {
      throw bodyRefusals.multipartNotAccepted();
    }
    return payload;
  });
}
