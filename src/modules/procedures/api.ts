// Open data of procedures: the site's published procedures as CSV (the same
// columns as the import, so the file can be imported elsewhere) and JSON, and
// a paginated public endpoint in the OpenAPI document.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { HEADER_LIST, ONLINE_LEVELS, PROCEDURE_LEVELS, SUBMISSION_METHODS, procedureToCells } from '../../core/procedures/index.ts';
import type { ProcedureRow } from '../../platform/db/schema.ts';
import type { AppDeps } from '../../platform/http/context.ts';

import { writeCsv } from '../../platform/spreadsheet.ts';
import { errorResponses } from '../api/schemas.ts';
import { inputOfRow, listPublished, procedureFields } from './store.ts';

const Str = Type.String();
const NullableStr = Type.Union([Type.String(), Type.Null()]);
const NullableInt = Type.Union([Type.Integer(), Type.Null()]);

export const OpenProcedure = Type.Object(
  {
    id: Type.Integer(),
    code: Type.String({ description: 'Code in the national database of administrative procedures.' }),
    name: Str,
    level: Type.Unsafe<string>({ type: 'string', enum: [...PROCEDURE_LEVELS], description: 'province or commune; district only for records from before 1 July 2025.' }),
    field: Str,
    agency: Str,
    url: Type.String({ description: 'The public page.' }),
    publishedAt: NullableStr,
    updatedAt: Str,
    steps: Type.Array(Str),
    methods: Type.Array(Type.Object({ method: Type.Unsafe<string>({ type: 'string', enum: [...SUBMISSION_METHODS] }), note: NullableStr })),
    place: NullableStr,
    dossier: Type.Array(Type.Object({ name: Str, originals: Type.Integer(), copies: Type.Integer(), note: NullableStr })),
    timeLimit: Type.Object({ text: Str, workingDays: NullableInt }),
    subjects: Type.Array(Str),
    result: Str,
    fees: Type.Array(Type.Object({ name: Str, amount: Str })),
    legalBasis: Type.Array(Type.Object({ text: Str, documentArticleId: NullableInt })),
    conditions: Type.Array(Str),
    forms: Type.Array(Type.Object({ name: Str, purpose: NullableStr, downloadUrl: NullableStr })),
    online: Type.Object({ level: Type.Unsafe<string>({ type: 'string', enum: [...ONLINE_LEVELS] }), url: NullableStr, launchedOn: Type.Optional(Type.Union([Type.String({ description: 'yyyy-mm' }), Type.Null()])) }),
    publication: Type.Object({ number: NullableStr, date: NullableStr, documentArticleId: NullableInt }, { description: 'The decision that published the procedure.' }),
    handler: Type.Object({ name: NullableStr, phone: NullableStr, email: NullableStr }, { description: 'Work contact of the official who handles dossiers.' }),
  },
  { $id: 'OpenProcedure' },
);

function openJson(base: string, row: ProcedureRow): Static<typeof OpenProcedure> {
  const p = inputOfRow(row);
  const d = p.details;
  return {
    id: row.id,
    code: p.code,
    name: p.name,
    level: p.level,
    field: p.field,
    agency: p.agency,
    url: `${base}/thu-tuc-hanh-chinh/${row.slug}`,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    steps: d.steps,
    methods: d.methods,
    place: d.place,
    dossier: d.dossier,
    timeLimit: d.timeLimit,
    subjects: d.subjects,
    result: d.result,
    fees: d.fees,
    legalBasis: d.legalBasis,
    conditions: d.conditions,
    forms: d.forms.map((f) => ({ name: f.name, purpose: f.purpose, downloadUrl: f.mediaId === null ? null : `${base}/tai-ve/${f.mediaId}` })),
    online: { level: d.online.level, url: d.online.url, launchedOn: d.online.launchedOn ?? null },
    publication: d.publication,
    handler: d.handler,
  };
}

/** Every published procedure of the site, in pages, for the downloads. */
async function allPublished(deps: AppDeps, siteId: number): Promise<ProcedureRow[]> {
  const out: ProcedureRow[] = [];
  for (let offset = 0; ; offset += 500) {
    const { rows } = await listPublished(deps.database.db, siteId, {}, 500, offset);
    out.push(...rows);
    if (rows.length < 500 || out.length >= 50_000) return out;
  }
}

export function registerProcedureApi(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const base = (request: FastifyRequest) => request.siteOrigin;
  const publicAccess = { access: { kind: 'public' as const } };

  app.get('/thu-tuc-hanh-chinh/du-lieu.csv', { config: publicAccess }, async (request, reply) => {
    const rows = await allPublished(deps, request.site.id);
    const csv = writeCsv([...HEADER_LIST, 'Địa chỉ trang'], rows.map((r) => [...procedureToCells(inputOfRow(r)), `${base(request)}/thu-tuc-hanh-chinh/${r.slug}`]));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="thu-tuc-hanh-chinh-${request.site.key}.csv"`)
      .header('cache-control', 'public, max-age=300')
      .send(csv);
  });

  app.get('/thu-tuc-hanh-chinh/du-lieu.json', { config: publicAccess }, async (request, reply) => {
    const rows = await allPublished(deps, request.site.id);
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `inline; filename="thu-tuc-hanh-chinh-${request.site.key}.json"`)
      .header('cache-control', 'public, max-age=300')
      .send({ site: request.site.name, agency: request.site.agencyName, generatedAt: deps.clock.now().toISOString(), count: rows.length, data: rows.map((r) => openJson(base(request), r)) });
  });

  app.addSchema(OpenProcedure);
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/api/v1/open/procedures',
    {
      config: publicAccess,
      schema: {
        tags: ['open data'],
        summary: 'Published administrative procedures of the site (open data, no token needed)',
        security: [],
        querystring: Type.Object({
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
          perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
          field: Type.Optional(Type.String({ maxLength: 200, description: 'A field (lĩnh vực) of the site, as written.' })),
          level: Type.Optional(Type.Unsafe<string>({ type: 'string', enum: [...PROCEDURE_LEVELS] })),
          q: Type.Optional(Type.String({ maxLength: 200, description: 'Words of the name or code; diacritics ignored.' })),
        }),
        response: { 200: Type.Object({ data: Type.Array(Type.Ref('OpenProcedure')), page: Type.Integer(), perPage: Type.Integer(), total: Type.Integer() }), ...errorResponses },
      },
    },
    async (request) => {
      const page = request.query.page ?? 1;
      const perPage = request.query.perPage ?? 50;
      const fields = procedureFields(request.site);
      const field = request.query.field?.normalize('NFC');
      const { rows, total } = await listPublished(db, request.site.id, { field: field && fields.includes(field) ? field : field ? '\u0000' : null, level: request.query.level ?? null, text: request.query.q?.normalize('NFC') ?? null }, perPage, (page - 1) * perPage);
      return { data: rows.map((r) => openJson(base(request), r)), page, perPage, total };
    },
  );
}
