// How a case's file leaves the server, for the back office and the requester
// alike: never cached, never rendered in the site's origin, always a download.
import type { FastifyReply } from 'fastify';
import type { CitizenCaseFileRow } from '../../platform/db/schema.ts';
import { attachmentDisposition } from '../documents/downloads.ts';

export function sendCaseFile(reply: FastifyReply, file: Pick<CitizenCaseFileRow, 'original_name' | 'mime'>, stream: NodeJS.ReadableStream): FastifyReply {
  return reply
    .header('cache-control', 'no-store')
    .header('x-robots-tag', 'noindex')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('content-disposition', attachmentDisposition(file.original_name))
    .type(file.mime)
    .send(stream);
}
