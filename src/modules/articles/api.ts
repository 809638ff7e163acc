// The articles API for integrations (a document-management system): create,
// read, update, act in the workflow, read the history. Same rules as the pages.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { DomainError, NotFoundError } from '../../core/errors.ts';
import { can, type Permission } from '../../core/permissions.ts';
import type { ArticleRow } from '../../platform/db/schema.ts';
import type { Access, AppDeps } from '../../platform/http/context.ts';
import { actorOf } from '../../platform/http/request-info.ts';
import { errorResponses, IdParams } from '../api/schemas.ts';
import { DOCUMENT_LEVELS, DOCUMENT_RELATIONS, EFFECT_STATUSES, type DocumentLevel, type DocumentRelation, type EffectStatus } from '../../core/documents/index.ts';
import { actOnArticle, type ArticleAction } from './act-on-article.ts';
import { ARTICLE_KINDS, contentOfRow, publicPathOf, type ArticleContent, type ArticleKind } from './article.ts';
import { ACTION_TYPES, TAKE_DOWN_REASONS, type ActionType, type TakeDownReason } from '../../core/workflow/index.ts';
import { blankArticle, createArticle, mayReadArticle, updateArticle, type ArticleInput } from './save-article.ts';
import { getArticle, listArticles, listRevisions, listWorkflowEvents } from './store.ts';

const need = (permission: Permission): { access: Access } => ({ access: { kind: 'permission', permission } });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const NullableInt = Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]);

/** A document's details (kind 'document'); the article title is its trích yếu. */
export const DocumentDetailsSchema = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 80, description: 'Số/ký hiệu, e.g. 42/2022/NĐ-CP.' }),
    docType: Type.String({ minLength: 1, maxLength: 60, description: 'A key of the site’s document types (luat, nghi-dinh, thong-tu, quyet-dinh, cong-van, …).' }),
    issuer: Type.String({ minLength: 1, maxLength: 300 }),
    fields: Type.Array(Type.String({ maxLength: 120 }), { maxItems: 20, description: 'Fields (lĩnh vực) from the site’s list.' }),
    level: Type.Unsafe<DocumentLevel>({ type: 'string', enum: [...DOCUMENT_LEVELS] }),
    signer: Nullable(Type.String({ maxLength: 200 })),
    issuedOn: Type.String({ format: 'date', description: 'YYYY-MM-DD' }),
    effectiveOn: Nullable(Type.String({ format: 'date' })),
    expiresOn: Nullable(Type.String({ format: 'date' })),
    statusOverride: Type.Union([Type.Unsafe<EffectStatus>({ type: 'string', enum: [...EFFECT_STATUSES] }), Type.Null()]),
    statusNote: Nullable(Type.String({ maxLength: 500 })),
    relations: Type.Array(Type.Object({ relation: Type.Unsafe<DocumentRelation>({ type: 'string', enum: [...DOCUMENT_RELATIONS] }), toArticleId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }), { maxItems: 20 }),
  },
  { additionalProperties: false },
);

const ArticleFields = {
  kind: Type.Unsafe<ArticleKind>({ type: 'string', enum: [...ARTICLE_KINDS] }),
  title: Type.String({ minLength: 1, maxLength: 300 }),
  summary: Type.String({ maxLength: 1000 }),
  bodyHtml: Type.String({ maxLength: 500_000, description: 'HTML; sanitised by the server allow-list.' }),
  coverMediaId: NullableInt,
  coverCaption: Nullable(Type.String({ maxLength: 500 })),
  coverAlt: Nullable(Type.String({ maxLength: 300 })),
  sectionId: NullableInt,
  tags: Type.Array(Type.String({ maxLength: 60 }), { maxItems: 20 }),
  source: Nullable(Type.String({ maxLength: 500 })),
  authorName: Nullable(Type.String({ maxLength: 200 })),
  readerContribution: Type.Boolean(),
  unitId: NullableInt,
  eventAt: Nullable(Type.String({ format: 'date-time' })),
  language: Type.Union([Type.Literal('vi'), Type.Literal('en')]),
  translationOfId: NullableInt,
  isReference: Type.Boolean(),
  relatedIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 10 }),
  attachmentIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 20 }),
  document: Type.Union([DocumentDetailsSchema, Type.Null()], { description: 'Details of a document (kind "document"); null otherwise.' }),
  entry: Type.Union(
    [
      Type.Object(
        {
          kind: Type.String({ minLength: 1, maxLength: 60, description: 'The declared section kind (GET /api/v1/entry-kinds lists them with their fields).' }),
          values: Type.Record(Type.String(), Type.Unknown(), { description: 'Field values by key, as the kind declares them; checked by the server.' }),
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ],
    { description: 'The kind and field values of an entry of a declared section (kind "entry"); null otherwise.' },
  ),
};

// Every field may be left out of a creation (defaults apply) or a change (it stays as it is).
const OptionalFields = Type.Partial(Type.Object(ArticleFields)).properties;

const CreateBody = Type.Object({ ...OptionalFields, title: ArticleFields.title }, { additionalProperties: false });

const PatchBody = Type.Object(
  {
    ...OptionalFields,
    lockVersion: Type.Integer({ minimum: 0, description: 'The lockVersion read with GET: a change by someone else in between is refused with 409.' }),
    slug: Type.Optional(Type.String({ maxLength: 120 })),
  },
  { additionalProperties: false },
);

const ActionBody = Type.Object(
  {
    action: Type.Unsafe<Exclude<ActionType, 'run_schedule'>>({ type: 'string', enum: ACTION_TYPES.filter((a) => a !== 'run_schedule') }),
    note: Type.Optional(Type.String({ maxLength: 2000, description: 'The reason (return, reject, unpublish, take_down, urgent_publish) or note (approve, correct, confirm_urgent).' })),
    to: Type.Optional(Type.Union([Type.Literal('author'), Type.Literal('previous')])),
    toUserId: Type.Optional(Type.Integer({ minimum: 1 })),
    publishAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
    unpublishAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
    reasonCode: Type.Optional(Type.Unsafe<TakeDownReason>({ type: 'string', enum: [...TAKE_DOWN_REASONS] })),
    publicNotice: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const ArticleJson = Type.Object({
  id: Type.Integer(),
  ...ArticleFields,
  slug: Type.String(),
  reviewState: Type.String(),
  publication: Type.String(),
  stepIndex: Type.Union([Type.Integer(), Type.Null()]),
  stepDueAt: Type.Union([Type.String(), Type.Null()]),
  publishAt: Type.Union([Type.String(), Type.Null()]),
  unpublishAt: Type.Union([Type.String(), Type.Null()]),
  hasPendingChanges: Type.Boolean(),
  urgentPendingApproval: Type.Boolean(),
  publicUrl: Type.Union([Type.String(), Type.Null()]),
  firstPublishedAt: Type.Union([Type.String(), Type.Null()]),
  lastPublishedAt: Type.Union([Type.String(), Type.Null()]),
  authorUserId: Type.Integer(),
  lockVersion: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

function articleJson(request: FastifyRequest, row: ArticleRow): Static<typeof ArticleJson> {
  const c = contentOfRow(row);
  return {
    id: row.id,
    ...c,
    reviewState: row.review_state,
    publication: row.publication,
    stepIndex: row.step_index,
    stepDueAt: row.step_due_at,
    publishAt: row.publish_at,
    unpublishAt: row.unpublish_at,
    hasPendingChanges: row.has_pending_changes === 1,
    urgentPendingApproval: row.urgent_pending_approval === 1,
    publicUrl: row.publication === 'published' ? `${request.siteOrigin}${publicPathOf(row)}` : null,
    firstPublishedAt: row.first_published_at,
    lastPublishedAt: row.last_published_at,
    authorUserId: row.author_user_id,
    lockVersion: row.lock_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function visible(request: FastifyRequest, row: ArticleRow): boolean {
  return mayReadArticle(request.auth!.grants, request.auth!.user.id, row);
}


function toAction(body: Static<typeof ActionBody>): ArticleAction {
  const note = body.note ?? '';
  switch (body.action) {
    case 'submit':
    case 'withdraw':
    case 'publish':
      return { type: body.action };
    case 'approve':
    case 'confirm_urgent':
      return body.note ? { type: body.action, note } : { type: body.action };
    case 'return':
      return { type: 'return', to: body.to ?? 'author', reason: note };
    case 'reject':
    case 'unpublish':
    case 'urgent_publish':
      return { type: body.action, reason: note };
    case 'reassign':
      return { type: 'reassign', toUserId: body.toUserId ?? 0 };
    case 'schedule':
      return { type: 'schedule', publishAt: body.publishAt ?? null, unpublishAt: body.unpublishAt ?? null };
    case 'take_down':
      return { type: 'take_down', reasonCode: body.reasonCode ?? 'published_in_error', reason: note, publicNotice: body.publicNotice ?? false };
    case 'correct':
      return { type: 'correct', note };
    default:
      throw new DomainError({ code: 'invalid_action', field: 'action', vi: 'Thao tác không hợp lệ.', en: 'Unknown action.' }, 400);
  }
}

export function registerArticleApi(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const clock = deps.clock;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const load = async (request: FastifyRequest, id: number) => {
    const row = await getArticle(db, request.site.id, id);
    if (!row || !visible(request, row)) throw new NotFoundError({ vi: 'tin bài', en: 'Article' });
    return row;
  };

  api.get(
    '/api/v1/articles',
    {
      config: need('content.view'),
      schema: {
        tags: ['articles'],
        summary: 'Articles of the site (the token’s own, unless it may review or publish)',
        querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })), perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })), reviewState: Type.Optional(Type.String({ maxLength: 20 })), publication: Type.Optional(Type.String({ maxLength: 20 })) }),
        response: { 200: Type.Object({ data: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), reviewState: Type.String(), publication: Type.String(), updatedAt: Type.String() })), page: Type.Integer(), perPage: Type.Integer(), total: Type.Integer() }), ...errorResponses },
      },
    },
    async (request) => {
      const g = request.auth!.grants;
      const all = can(g, 'content.review') || can(g, 'content.publish') || can(g, 'content.takedown');
      const page = request.query.page ?? 1;
      const perPage = request.query.perPage ?? 50;
      const { rows, total } = await listArticles(db, request.site.id, {
        ...(request.query.reviewState ? { reviewState: request.query.reviewState } : {}),
        ...(request.query.publication ? { publication: request.query.publication } : {}),
        ...(all ? {} : { authorUserId: request.auth!.user.id }),
        limit: perPage,
        offset: (page - 1) * perPage,
      });
      return { data: rows.map((r) => ({ id: r.id, title: r.title, reviewState: r.review_state, publication: r.publication, updatedAt: r.updated_at })), page, perPage, total };
    },
  );

  api.post(
    '/api/v1/articles',
    { config: need('content.create'), schema: { tags: ['articles'], summary: 'Create a draft', body: CreateBody, response: { 201: ArticleJson, ...errorResponses } } },
    async (request, reply) => {
      const input: ArticleInput = { ...blankArticle(request.body.title), ...request.body } as ArticleInput;
      const result = await createArticle(db, actorOf(request), request.auth!.grants, input, {}, clock);
      return reply.code(201).send(articleJson(request, result.row));
    },
  );

  api.get(
    '/api/v1/articles/:id',
    { config: need('content.view'), schema: { tags: ['articles'], summary: 'An article: working copy, workflow and publication state', params: IdParams, response: { 200: ArticleJson, ...errorResponses } } },
    async (request) => articleJson(request, await load(request, request.params.id)),
  );

  api.patch(
    '/api/v1/articles/:id',
    { config: need('content.edit'), schema: { tags: ['articles'], summary: 'Change the working copy (a new revision)', params: IdParams, body: PatchBody, response: { 200: ArticleJson, ...errorResponses } } },
    async (request) => {
      const row = await load(request, request.params.id);
      const { lockVersion, ...changes } = request.body;
      const current: ArticleContent = contentOfRow(row);
      const input = { ...current, ...changes } as ArticleInput;
      const result = await updateArticle(db, actorOf(request), request.auth!.grants, row.id, input, lockVersion, {}, clock);
      return articleJson(request, result.row);
    },
  );

  api.post(
    '/api/v1/articles/:id/actions',
    { config: need('content.view'), schema: { tags: ['articles'], summary: 'Act in the workflow (submit, approve, return, reject, publish, unpublish, correct, …)', params: IdParams, body: ActionBody, response: { 200: ArticleJson, ...errorResponses } } },
    async (request) => {
      const row = await load(request, request.params.id);
      const result = await actOnArticle({ db, mailer: deps.mailer, clock, linkBase: request.siteOrigin }, actorOf(request), request.auth!.grants, request.site, row.id, toAction(request.body));
      return articleJson(request, result.row);
    },
  );

  api.get(
    '/api/v1/articles/:id/history',
    {
      config: need('content.view'),
      schema: {
        tags: ['articles'],
        summary: 'Workflow history and revisions',
        params: IdParams,
        response: {
          200: Type.Object({
            events: Type.Array(Type.Object({ action: Type.String(), from: Type.Object({ review: Type.Union([Type.String(), Type.Null()]), publication: Type.Union([Type.String(), Type.Null()]), step: Type.Union([Type.Integer(), Type.Null()]) }), to: Type.Object({ review: Type.Union([Type.String(), Type.Null()]), publication: Type.Union([Type.String(), Type.Null()]), step: Type.Union([Type.Integer(), Type.Null()]) }), stepName: Type.Union([Type.String(), Type.Null()]), note: Type.Union([Type.String(), Type.Null()]), actorUserId: Type.Union([Type.Integer(), Type.Null()]), onBehalfOfUserId: Type.Union([Type.Integer(), Type.Null()]), at: Type.String() })),
            revisions: Type.Array(Type.Object({ number: Type.Integer(), kind: Type.String(), createdByUserId: Type.Union([Type.Integer(), Type.Null()]), at: Type.String(), live: Type.Boolean() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const row = await load(request, request.params.id);
      const [events, revisions] = await Promise.all([listWorkflowEvents(db, request.site.id, row.id), listRevisions(db, request.site.id, row.id)]);
      return {
        events: events.map((e) => ({ action: e.action, from: { review: e.from_review, publication: e.from_publication, step: e.from_step }, to: { review: e.to_review, publication: e.to_publication, step: e.to_step }, stepName: e.step_name, note: e.note, actorUserId: e.actor_user_id, onBehalfOfUserId: e.on_behalf_of_user_id, at: e.created_at })),
        revisions: revisions.map((r) => ({ number: r.number, kind: r.kind, createdByUserId: r.created_by_user_id, at: r.created_at, live: r.id === row.live_revision_id })),
      };
    },
  );
}
