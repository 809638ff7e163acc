// Open data of the document library: every published document of a site as
// CSV and JSON downloads, and a paginated JSON API in the OpenAPI document
// (GET /api/v1/open/documents). Public; only live documents of the site.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { DOCUMENT_LEVELS, documentCatalogue, EFFECT_STATUSES, EFFECT_STATUS_LABELS, typeLabel, type DocumentCatalogue } from '../../core/documents/index.ts';
import { vietnamDate } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { AppDeps } from '../../platform/http/context.ts';

import { writeCsv } from '../../platform/spreadsheet.ts';
import { errorResponses } from '../api/schemas.ts';
import { mediaByIds } from '../media/media.ts';
import { paths } from '../public/site-view.ts';
import { downloadPath } from './downloads.ts';
import { allDocuments, chunk, DOCUMENT_SORTS, fieldsOf, listDocuments, readFilters, type LibraryDocument } from './library.ts';
import { levelLabel } from './library-pages.tsx';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const OpenDocument = Type.Object(
  {
    number: Type.String({ description: 'Số, ký hiệu, e.g. 42/2022/NĐ-CP' }),
    title: Type.String({ description: 'Trích yếu' }),
    type: Type.String({ description: 'Key of the document type (e.g. nghi-dinh)' }),
    typeName: Type.String({ description: 'The type in Vietnamese (e.g. Nghị định)' }),
    issuer: Type.String(),
    fields: Type.Array(Type.String()),
    level: Type.Unsafe<string>({ type: 'string', enum: [...DOCUMENT_LEVELS] }),
    signer: Nullable(Type.String()),
    issuedOn: Type.String({ format: 'date' }),
    effectiveOn: Nullable(Type.String({ format: 'date' })),
    expiresOn: Nullable(Type.String({ format: 'date' })),
    status: Type.Unsafe<string>({ type: 'string', enum: [...EFFECT_STATUSES], description: 'Effect status today (Vietnam time)' }),
    statusName: Type.String({ description: 'The effect status in Vietnamese' }),
    url: Type.String({ format: 'uri' }),
    publishedAt: Type.String({ format: 'date-time' }),
    attachments: Type.Array(Type.Object({ name: Type.String(), url: Type.String({ format: 'uri' }), mime: Type.String(), openFormat: Type.Boolean() })),
  },
  { description: 'A published document of the site' },
);
export type OpenDocumentJson = Static<typeof OpenDocument>;

/** Documents as open data records, with their fields and attachment addresses. */
export async function openRecords(db: Db, siteId: number, docs: LibraryDocument[], catalogue: DocumentCatalogue, origin: string): Promise<OpenDocumentJson[]> {
  const fields = await fieldsOf(db, siteId, docs.length > 200 ? undefined : docs.map((d) => d.articleId));
  const mediaIds = [...new Set(docs.flatMap((d) => d.attachmentIds))];
  const media = new Map<number, Awaited<ReturnType<typeof mediaByIds>>[number]>();
  for (const ids of chunk(mediaIds, 500)) for (const m of await mediaByIds(db, siteId, ids)) media.set(m.id, m);
  return docs.map((d) => ({
    number: d.number,
    title: d.title,
    type: d.docType,
    typeName: typeLabel(catalogue, d.docType).vi,
    issuer: d.issuer,
    fields: fields.get(d.articleId) ?? [],
    level: d.level,
    signer: d.signer,
    issuedOn: d.issuedOn,
    effectiveOn: d.effectiveOn,
    expiresOn: d.expiresOn,
    status: d.status,
    statusName: EFFECT_STATUS_LABELS[d.status].vi,
    url: `${origin}${paths.document(d.slug)}`,
    publishedAt: d.publishedAt,
    attachments: d.attachmentIds
      .map((id) => media.get(id))
      .filter((m) => m !== undefined)
      .map((m) => ({ name: m.originalName, url: `${origin}${downloadPath(m.id)}`, mime: m.mime, openFormat: m.openFormat })),
  }));
}

export const CSV_HEADERS = ['Số, ký hiệu', 'Trích yếu', 'Loại văn bản', 'Cơ quan ban hành', 'Lĩnh vực', 'Cấp ban hành', 'Người ký', 'Ngày ban hành', 'Ngày có hiệu lực', 'Ngày hết hiệu lực', 'Tình trạng hiệu lực', 'Địa chỉ', 'Tệp đính kèm'];

export function openCsv(records: OpenDocumentJson[]): string {
  return writeCsv(
    CSV_HEADERS,
    records.map((r) => [r.number, r.title, r.typeName, r.issuer, r.fields.join('; '), levelLabel(r.level, 'vi'), r.signer, r.issuedOn, r.effectiveOn, r.expiresOn, r.statusName, r.url, r.attachments.map((a) => a.url).join(' ')]),
  ).toString('utf8');
}

/** Every published document of the site as open data records, newest issued first. */
export async function siteOpenData(db: Db, request: FastifyRequest, today: string): Promise<OpenDocumentJson[]> {
  const site = request.site;
  const docs = await allDocuments(db, site.id, today);
  return openRecords(db, site.id, docs, documentCatalogue(site.settings as unknown as Record<string, unknown>), request.siteOrigin);
}

const OpenQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Keywords (diacritics optional, every word must match) or a number with or without its symbol ("42/2022")' })),
  type: Type.Optional(Type.String({ maxLength: 60, description: 'Document type key' })),
  issuer: Type.Optional(Type.String({ maxLength: 200 })),
  field: Type.Optional(Type.String({ maxLength: 200 })),
  level: Type.Optional(Type.Unsafe<string>({ type: 'string', enum: [...DOCUMENT_LEVELS] })),
  year: Type.Optional(Type.Integer({ minimum: 1945, maximum: 2100 })),
  from: Type.Optional(Type.String({ format: 'date', description: 'Issued on or after' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'Issued on or before' })),
  signer: Type.Optional(Type.String({ maxLength: 120 })),
  status: Type.Optional(Type.Unsafe<string>({ type: 'string', enum: [...EFFECT_STATUSES] })),
  sort: Type.Optional(Type.Unsafe<string>({ type: 'string', enum: [...DOCUMENT_SORTS], default: 'newest' })),
});

const API_NAMES = { q: 'q', type: 'type', issuer: 'issuer', field: 'field', level: 'level', year: 'year', from: 'from', to: 'to', signer: 'signer', status: 'status', sort: 'sort' } as const;

export function registerOpenDocumentsApi(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/api/v1/open/documents',
    {
      config: { access: { kind: 'public' } },
      schema: {
        tags: ['open-data'],
        summary: 'Published documents of the site (open data), filtered and paginated; no token needed',
        security: [],
        querystring: OpenQuery,
        response: {
          200: Type.Object({ data: Type.Array(OpenDocument), page: Type.Integer(), perPage: Type.Integer(), total: Type.Integer(), ignored: Type.Array(Type.String({ description: 'Filters left out because their value is unknown on this site' })) }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const site = request.site;
      const today = vietnamDate(deps.clock.now());
      const catalogue = documentCatalogue(site.settings as unknown as Record<string, unknown>);
      const { page = 1, perPage = 50, ...rest } = request.query;
      const { filters, ignored } = readFilters(Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, String(v)])), { types: catalogue.types.map((x) => x.key), fields: catalogue.fields }, API_NAMES);
      const { total, documents } = await listDocuments(db, site.id, filters, { limit: perPage, offset: (page - 1) * perPage }, today);
      const data = await openRecords(db, site.id, documents, catalogue, request.siteOrigin);
      reply.header('access-control-allow-origin', '*');
      return { data, page, perPage, total, ignored };
    },
  );
}
