// GET /api/v1/entry-kinds: the declared sections turned on for the site, with
// their fields, so an integration knows what `entry.values` of POST
// /api/v1/articles takes (ADR 19).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { FIELD_TYPES, type FieldDecl } from '../../core/entries/index.ts';
import type { Access, AppDeps } from '../../platform/http/context.ts';
import { errorResponses } from '../api/schemas.ts';
import { enabledKindsOfSite } from './site-kinds.ts';

const need: { access: Access } = { access: { kind: 'permission', permission: 'content.view' } };

const Bilingual = Type.Object({ vi: Type.String(), en: Type.String() });

const fieldProperties = {
  key: Type.String({ description: 'The key of the value in `entry.values`.' }),
  type: Type.Unsafe<FieldDecl['type']>({ type: 'string', enum: [...FIELD_TYPES], description: 'How the value is written: see ADR 19 (date yyyy-mm-dd, daterange {from,to}, datetime ISO instant, money whole dong, picture {mediaId,alt,caption}, relations arrays of ids, rows arrays of records).' }),
  label: Bilingual,
  hint: Type.Union([Bilingual, Type.Null()]),
  required: Type.Boolean({ description: 'Needed before submission and publication (a draft may leave it empty).' }),
  filter: Type.Boolean(),
  sort: Type.Boolean(),
  list: Type.Boolean(),
  internal: Type.Boolean({ description: 'Back office only: never public.' }),
  choices: Type.Union([Type.Array(Type.Object({ value: Type.String(), label: Bilingual })), Type.Null()]),
  entryKind: Type.Union([Type.String(), Type.Null()], { description: 'For "entries": the kind the related entries must be of.' }),
  accept: Type.Union([Type.Literal('image'), Type.Literal('video'), Type.Literal('subtitle'), Type.Literal('document'), Type.Null()], { description: 'For "file" and "files": what the library items must be (an image, an MP4/WebM video, WebVTT captions, a document: PDF, office, ODF or a scanned image).' }),
  maxLength: Type.Union([Type.Integer(), Type.Null()]),
  maxItems: Type.Union([Type.Integer(), Type.Null()]),
  min: Type.Union([Type.Number(), Type.Null()]),
  max: Type.Union([Type.Number(), Type.Null()]),
};

const SubFieldSchema = Type.Object(fieldProperties);
const FieldSchema = Type.Object({ ...fieldProperties, fields: Type.Union([Type.Array(SubFieldSchema), Type.Null()], { description: 'For "rows": the columns of each row.' }) });

export const EntryKindSchema = Type.Object({
  key: Type.String({ description: 'The `entry.kind` of an entry.' }),
  label: Bilingual,
  plural: Bilingual,
  siteName: Bilingual,
  description: Bilingual,
  path: Type.String({ description: 'Public address: /<path> lists, /<path>/<slug> shows one.' }),
  titleLabel: Type.Union([Bilingual, Type.Null()]),
  summary: Type.Boolean(),
  body: Type.Boolean(),
  attachments: Type.Boolean(),
  fields: Type.Array(FieldSchema),
});

type FieldJson = Static<typeof SubFieldSchema> & { fields?: Static<typeof SubFieldSchema>[] | null };

function fieldJson(f: FieldDecl, nested: boolean): FieldJson {
  const base: FieldJson = {
    key: f.key,
    type: f.type,
    label: f.label,
    hint: f.hint ?? null,
    required: f.required ?? false,
    filter: f.filter ?? false,
    sort: f.sort ?? false,
    list: f.list ?? false,
    internal: f.internal ?? false,
    choices: f.choices ?? null,
    entryKind: f.entryKind ?? null,
    accept: f.accept ?? null,
    maxLength: f.maxLength ?? null,
    maxItems: f.maxItems ?? null,
    min: f.min ?? null,
    max: f.max ?? null,
  };
  return nested ? base : { ...base, fields: f.fields ? f.fields.map((s) => fieldJson(s, true)) : null };
}

export function registerEntryKindsApi(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/v1/entry-kinds',
    {
      config: need,
      schema: {
        tags: ['articles'],
        summary: 'The declared sections turned on for the site, with the fields of their entries',
        response: { 200: Type.Object({ data: Type.Array(EntryKindSchema) }), ...errorResponses },
      },
    },
    async (request) => ({
      data: (await enabledKindsOfSite(db, request.site.id)).map(({ kind, plural }) => ({
        key: kind.key,
        label: kind.label,
        plural: kind.plural,
        siteName: plural,
        description: kind.description,
        path: kind.path,
        titleLabel: kind.titleLabel ?? null,
        summary: kind.summary ?? false,
        body: kind.body ?? false,
        attachments: kind.attachments ?? false,
        fields: kind.fields.map((f) => fieldJson(f, false) as Static<typeof FieldSchema>),
      })),
    }),
  );
}
