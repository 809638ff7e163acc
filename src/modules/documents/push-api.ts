// The push API for a document-management system (iOffice, eDoc…): one call
// hands over an issued document with its files and puts it into the site's
// documents chain. Idempotent on number + issuing body (documentKey, within
// the year of issue, since numbering restarts every year): pushing
// the same document again returns the same id and creates nothing; pushing it
// changed updates its working copy (a new revision) and submits it again,
// except while the board is reviewing it or has approved it (409: it does not
// change under the reviewers). A push is one transaction: refused, it leaves
// nothing behind (no draft, no revision, no media row).
//
// Files travel base64-encoded inside the JSON body (one request, easy to
// retry as a whole); each is checked by its content and its bytes stored
// before the transaction (storeUpload), and a file the site already holds
// (same SHA-256) is reused rather than recorded again.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { documentKey, normalizeDetails, numberWarnings, type DocumentDetails } from '../../core/documents/index.ts';
import { DomainError } from '../../core/errors.ts';
import { isoNow, type Clock } from '../../core/time.ts';
import { normalizeInput } from '../../core/vietnamese/index.ts';
import { AfterCommit, type Db } from '../../platform/db/database.ts';
import type { ArticleRow } from '../../platform/db/schema.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { actorOf } from '../../platform/http/request-info.ts';
import { errorResponses } from '../api/schemas.ts';
import { actOnArticle } from '../articles/act-on-article.ts';
import { DocumentDetailsSchema } from '../articles/api.ts';
import { contentOfRow } from '../articles/article.ts';
import { documentWithNumber } from './same-number.ts';
import { blankArticle, createArticleIn, updateArticle, type ArticleInput } from '../articles/save-article.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { recordUpload, storeUpload, type StoredUpload } from '../media/media.ts';

const MAX_FILES = 10;
/** Base64 grows files by a third: 30 MB of JSON carries about 22 MB of files. */
const BODY_LIMIT = 30 * 1024 * 1024;

const PushBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300, description: 'Trích yếu: the document’s title on the site.' }),
    summary: Type.Optional(Type.String({ maxLength: 1000 })),
    bodyHtml: Type.Optional(Type.String({ maxLength: 500_000 })),
    unitId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'The providing unit (needed when the chain has a unit-head step).' })),
    sectionId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    document: Type.Object({ ...DocumentDetailsSchema.properties, relations: Type.Optional(DocumentDetailsSchema.properties.relations), fields: Type.Optional(DocumentDetailsSchema.properties.fields), statusOverride: Type.Optional(DocumentDetailsSchema.properties.statusOverride), statusNote: Type.Optional(DocumentDetailsSchema.properties.statusNote), signer: Type.Optional(DocumentDetailsSchema.properties.signer), effectiveOn: Type.Optional(DocumentDetailsSchema.properties.effectiveOn), expiresOn: Type.Optional(DocumentDetailsSchema.properties.expiresOn) }, { additionalProperties: false }),
    files: Type.Optional(
      Type.Array(
        Type.Object({ name: Type.String({ minLength: 1, maxLength: 200, description: 'File name with its extension, e.g. 15-2023-QD-UBND.pdf.' }), contentBase64: Type.String({ minLength: 1, description: 'The file, base64-encoded. Checked by content: PDF and ODF preferred.' }) }, { additionalProperties: false }),
        { maxItems: MAX_FILES },
      ),
    ),
  },
  { additionalProperties: false },
);

const PushResult = Type.Object({
  id: Type.Integer(),
  created: Type.Boolean({ description: 'True when this push created the document.' }),
  changed: Type.Boolean({ description: 'True when this push changed the working copy (a new revision).' }),
  documentKey: Type.String(),
  reviewState: Type.String(),
  publication: Type.String(),
  attachmentIds: Type.Array(Type.Integer()),
  publicUrl: Type.Union([Type.String(), Type.Null()]),
  warnings: Type.Array(
    Type.Object({ code: Type.String(), field: Type.String(), message: Type.String(), suggestion: Type.String({ description: 'The value as it should be written, e.g. 05/QĐ-UBND.' }) }),
    { description: 'Accepted, but worth correcting at the source (e.g. a number without its leading zero).' },
  ),
});

const BASE64 = /^[A-Za-z0-9+/\r\n]*={0,2}\s*$/;

function badFile(name: string): DomainError {
  return new DomainError({ code: 'invalid_file', field: 'files', vi: `Tệp «${name}» không phải dữ liệu base64 hợp lệ.`, en: `File “${name}” is not valid base64.` }, 400);
}

/** Checks a pushed file by its content and stores its bytes (before the transaction). */
async function storePushedFile(deps: AppDeps, file: { name: string; contentBase64: string }): Promise<StoredUpload> {
  if (!BASE64.test(file.contentBase64)) throw badFile(file.name);
  const data = Buffer.from(file.contentBase64, 'base64');
  if (data.length === 0) throw badFile(file.name);
  return storeUpload(deps.files, { data, originalName: file.name, purpose: 'attachment' });
}

/** The site's media row holding exactly these bytes, or a new one. */
async function attachmentFor(trx: Db, actor: AuditActor, upload: StoredUpload, clock: Clock): Promise<number> {
  const existing = await trx.selectFrom('media').select('id').where('site_id', '=', actor.siteId).where('sha256', '=', upload.sha256).where('kind', '=', upload.kind).where('deleted_at', 'is', null).orderBy('id').executeTakeFirst();
  if (existing) return existing.id;
  return (await recordUpload(trx, actor, upload, clock)).id;
}

function detailsOf(body: Static<typeof PushBody>['document']): DocumentDetails {
  return normalizeDetails({
    number: body.number,
    docType: body.docType,
    issuer: body.issuer,
    fields: body.fields ?? [],
    level: body.level,
    signer: body.signer ?? null,
    issuedOn: body.issuedOn,
    effectiveOn: body.effectiveOn ?? null,
    expiresOn: body.expiresOn ?? null,
    statusOverride: body.statusOverride ?? null,
    statusNote: body.statusNote ?? null,
    relations: body.relations ?? [],
  });
}

/** Would saving `input` change the working copy? (The save itself decides the same, after cleaning.) */
function differs(row: ArticleRow, input: ArticleInput): boolean {
  const c = contentOfRow(row);
  const same =
    c.title === normalizeInput(input.title) &&
    c.summary === normalizeInput(input.summary) &&
    (input.bodyHtml === '' ? c.bodyHtml === '' : c.bodyHtml === input.bodyHtml) &&
    c.unitId === input.unitId &&
    c.sectionId === input.sectionId &&
    JSON.stringify([...c.attachmentIds].sort()) === JSON.stringify([...input.attachmentIds].sort()) &&
    JSON.stringify(c.document) === JSON.stringify(input.document);
  return !same;
}

const SUBMITTABLE = new Set(['draft', 'returned', 'withdrawn', 'rejected']);
/** While the board is reviewing or has approved it, a document does not change under the reviewers. */
const UNDER_REVIEW = new Set(['in_review', 'approved']);

function underReview(state: string): DomainError {
  return new DomainError(
    {
      code: 'in_review',
      vi: state === 'approved' ? 'Văn bản đã được duyệt và đang chờ đăng nên chưa nhận bản thay đổi; hãy gửi lại sau khi văn bản được đăng hoặc bị trả lại.' : 'Văn bản đang trong quy trình duyệt nên chưa nhận bản thay đổi; hãy gửi lại sau khi văn bản được trả lại, bị từ chối, được rút lại hoặc đã đăng.',
      en: state === 'approved' ? 'The document is approved and waiting for publication, so it does not take changes; push again once it is published or returned.' : 'The document is in review, so it does not take changes; push again once it is returned, rejected, withdrawn or published.',
    },
    409,
  );
}

export function registerDocumentPushApi(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const clock = deps.clock;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/api/v1/documents',
    {
      bodyLimit: BODY_LIMIT,
      config: { access: { kind: 'permission', permission: 'content.create' } },
      schema: {
        tags: ['documents'],
        summary: 'Push an issued document with its files (idempotent on number + issuing body); it is submitted into the documents’ review chain',
        body: PushBody,
        response: { 200: PushResult, 201: PushResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const grants = request.auth!.grants;
      const details = detailsOf(request.body.document);
      const key = documentKey(details.number, details.issuer);
      // Bytes first, each checked by its content; then one transaction: a refused push writes nothing.
      const uploads: StoredUpload[] = [];
      for (const f of request.body.files ?? []) uploads.push(await storePushedFile(deps, f));
      const afterCommit = new AfterCommit(db);
      const { row, created, changed, submitted } = await db.transaction().execute(async (trx) => {
        const attachmentIds: number[] = [];
        for (const u of uploads) attachmentIds.push(await attachmentFor(trx, actor, u, clock));
        const input: ArticleInput = {
          ...blankArticle(request.body.title),
          kind: 'document',
          summary: request.body.summary ?? '',
          bodyHtml: request.body.bodyHtml ?? '',
          unitId: request.body.unitId ?? null,
          sectionId: request.body.sectionId ?? null,
          attachmentIds: [...new Set(attachmentIds)],
          document: details,
        };
        const existing = await documentWithNumber(trx, request.site.id, details, null);
        let row: ArticleRow;
        let created = false;
        let changed = false;
        if (!existing) {
          row = (await createArticleIn(trx, actor, grants, input, {}, clock)).row;
          created = changed = true;
        } else if (differs(existing, input)) {
          if (UNDER_REVIEW.has(existing.review_state)) throw underReview(existing.review_state);
          // A new working copy of a known document: what is public stays until it passes the chain again.
          const current = contentOfRow(existing);
          row = (await updateArticle(trx, actor, grants, existing.id, { ...current, ...input, slug: current.slug, source: current.source, authorName: current.authorName }, existing.lock_version, { note: 'Cập nhật từ hệ thống quản lý văn bản' }, clock)).row;
          changed = true;
        } else {
          row = existing;
        }
        const submitted = SUBMITTABLE.has(row.review_state) && (row.publication !== 'published' || row.has_pending_changes === 1);
        if (submitted) {
          row = (await actOnArticle({ db: trx, mailer: deps.mailer, clock, linkBase: request.siteOrigin, afterCommit }, actor, grants, request.site, row.id, { type: 'submit' })).row;
        }
        await appendAudit(trx, actor, { action: 'document.push', targetType: 'article', targetId: row.id, details: { documentKey: key, created, changed, submitted, files: uploads.length, at: isoNow(clock) } }, clock);
        return { row, created, changed, submitted };
      });
      await afterCommit.run();
      return reply.code(created ? 201 : 200).send({
        id: row.id,
        created,
        changed,
        documentKey: key,
        reviewState: row.review_state,
        publication: row.publication,
        attachmentIds: contentOfRow(row).attachmentIds,
        publicUrl: row.publication === 'published' ? `${request.siteOrigin}/van-ban/${row.slug}` : null,
        warnings: numberWarnings(details.number).map((w) => ({ code: w.code, field: 'document.number', message: w[request.lang], suggestion: w.suggestion })),
      });
    },
  );
}
