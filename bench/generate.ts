// The benchmark's data set: one site with sections, a unit, an editorial board
// and N published articles.
//
// The first few articles are published the real way (createArticle, then the
// site's review chain through actOnArticle, as the back office and the API
// do). The rest are bulk-inserted in batched transactions, bypassing the
// workflow but writing exactly what publication writes: the `articles` row
// (content columns from rowOfContent, workflow columns copied from a really
// published article), the live `article_revisions` snapshot, `article_slugs`,
// and — through the real syncPublicIndex — `search_documents` (hence the FTS5
// index or the tsvector) and `published_tags`. Before the bulk insert the
// bulk builder is run on the inputs of the really published articles and its
// rows must equal theirs, or the benchmark stops.
import { sql } from 'kysely';
import { PRESET_CHAINS } from '../src/core/workflow/index.ts';
import { fold, slugify } from '../src/core/vietnamese/index.ts';
import { foldNumber } from '../src/core/documents/index.ts';
import { vietnamDate, type Clock } from '../src/core/time.ts';
import { randomToken } from '../src/platform/crypto.ts';
import { engineOf, type Db } from '../src/platform/db/database.ts';
import type { ArticleRow } from '../src/platform/db/schema.ts';
import { createMailer } from '../src/platform/mail.ts';
import { createLocalFileStore } from '../src/platform/files/index.ts';
import sharp from 'sharp';
import { migrateToLatest } from '../src/platform/db/migrator.ts';
import { hashPassword } from '../src/modules/accounts/passwords.ts';
import { findUserById } from '../src/modules/accounts/users-store.ts';
import { actOnArticle, type ArticleAction } from '../src/modules/articles/act-on-article.ts';
import { parseSnapshot, rowOfContent, type ArticleContent, type ArticleKind } from '../src/modules/articles/article.ts';
import { ARTICLE_ITEM } from '../src/modules/articles/public-index.ts';
import { htmlToText } from '../src/core/content/index.ts';
import { indexDocument } from '../src/modules/search/index.ts';
import { createArticle, type ArticleInput } from '../src/modules/articles/save-article.ts';
import { CHAIN_RULE } from '../src/modules/articles/workflow-context.ts';
import type { AuditActor } from '../src/modules/audit/store.ts';
import { loadGrants } from '../src/modules/members/grants.ts';
import { uploadMedia } from '../src/modules/media/media.ts';
import { addMember } from '../src/modules/members/manage-members.ts';
import { addRuleVersion } from '../src/modules/rules/store.ts';
import { createSection } from '../src/modules/sections/manage-sections.ts';
import { createSite } from '../src/modules/sites/manage-sites.ts';
import type { Site } from '../src/modules/sites/site.ts';
import { createUnit } from '../src/modules/units/manage-units.ts';
import { generateText, Rng } from './text.ts';

export const SITE_KEY = 'bench';
export const SITE_HOST = 'bench.localhost';
export const SITE_NAME = 'Trang thông tin điện tử xã Măng Đen';

/** Articles published through the real workflow before the bulk insert. */
const REAL_PUBLICATIONS = 6;
const BATCH = 500;
const FIRST_DATE = Date.parse('2016-01-04T01:30:00Z');
const LAST_DATE = Date.parse('2026-10-30T09:30:00Z');

interface SectionPlan {
  name: string;
  nameEn?: string;
  parent?: string;
  reference?: boolean;
  /** Share of the articles filed directly in this section. */
  weight: number;
}

/** A commune site's sections; the news section and its children hold most articles (deep pagination). */
const SECTION_PLAN: SectionPlan[] = [
  { name: 'Tin tức, sự kiện', nameEn: 'News and Events', weight: 5 },
  { name: 'Thời sự chính trị', parent: 'Tin tức, sự kiện', weight: 20 },
  { name: 'Kinh tế', parent: 'Tin tức, sự kiện', weight: 15 },
  { name: 'Văn hóa – Xã hội', parent: 'Tin tức, sự kiện', weight: 15 },
  { name: 'Quốc phòng – An ninh', parent: 'Tin tức, sự kiện', weight: 10 },
  { name: 'Chỉ đạo, điều hành', weight: 10 },
  { name: 'Thông báo', weight: 8 },
  { name: 'Cải cách hành chính', weight: 8 },
  { name: 'Phổ biến, giáo dục pháp luật', weight: 6 },
  { name: 'Tin tham khảo', reference: true, weight: 3 },
];

/** The Như Xuân chain (unit head → secretariat → deputy → editor-in-chief → publisher), as the test board uses. */
const CHAIN_STEPS: [Person, ArticleAction['type']][] = [
  ['contributor', 'submit'],
  ['unit_head', 'approve'],
  ['secretariat', 'approve'],
  ['deputy', 'approve'],
  ['editor_in_chief', 'approve'],
  ['publisher', 'publish'],
];
type Person = 'contributor' | 'unit_head' | 'secretariat' | 'deputy' | 'editor_in_chief' | 'publisher';
const PEOPLE_NAMES: Record<Person, string> = {
  contributor: 'Đỗ Văn Khánh',
  unit_head: 'Bùi Thị Ngọc Ánh',
  secretariat: 'Phạm Thị Thu Trang',
  deputy: 'Lê Văn Đức',
  editor_in_chief: 'Nguyễn Thị Hồng Hạnh',
  publisher: 'Đặng Quang Huy',
};

export interface GenerateOptions {
  db: Db;
  articles: number;
  seed: string;
  /** Where the mailer writes the notifications of the real publications. */
  outboxDir: string;
  /** The server's file store (DATA_DIR/files): the cover images go there. */
  filesDir: string;
  log: (message: string) => void;
}

export interface DatasetInfo {
  articles: number;
  seed: string;
  siteId: number;
  sections: { id: number; slug: string; name: string; parentId: number | null }[];
  generatedAt: string;
  generationSeconds: number;
  realPublications: number;
}

interface Board {
  site: Site;
  unitId: number;
  /** Images in the site's library, used as covers. */
  imageIds: number[];
  people: Record<Person, number>;
  sections: { id: number; slug: string; name: string; parentId: number | null; isReference: boolean }[];
}

/** What one article index becomes: the same index and seed always give the same article. */
interface Planned {
  input: ArticleInput;
  publishedAt: string;
  createdAt: string;
  /** When it was submitted to the board (the first step of the chain); the creation time when not given. */
  receivedAt?: string;
}

function systemActor(siteId: number): AuditActor {
  return { siteId, userId: null, onBehalfOfUserId: null, label: 'trangtin bench', ip: null, userAgent: null };
}

const KINDS: { kind: ArticleKind; weight: number }[] = [
  { kind: 'news', weight: 85 },
  { kind: 'article', weight: 10 },
  { kind: 'photo', weight: 5 },
];

function weighted<T extends { weight: number }>(r: Rng, list: readonly T[]): T {
  const total = list.reduce((s, x) => s + x.weight, 0);
  let u = r.float() * total;
  for (const x of list) {
    u -= x.weight;
    if (u < 0) return x;
  }
  return list[list.length - 1]!;
}

function plan(board: Board, seed: string, index: number, total: number): Planned {
  const r = new Rng(`${seed}:${index}`);
  const text = generateText(r);
  const sectionPlan = weighted(r, SECTION_PLAN);
  const section = board.sections.find((s) => s.name === sectionPlan.name)!;
  const slot = (LAST_DATE - FIRST_DATE) / total;
  const published = Math.floor(FIRST_DATE + index * slot + r.float() * slot);
  const created = published - r.int(20, 48 * 60) * 60_000;
  const cover = r.chance(COVER_SHARE) && board.imageIds.length > 0 ? r.pick(board.imageIds) : null;
  const input: ArticleInput = {
    kind: weighted(r, KINDS).kind,
    title: text.title,
    summary: text.summary,
    bodyHtml: text.bodyHtml,
    coverMediaId: cover,
    coverCaption: cover !== null && r.chance(0.5) ? text.summary.split('. ')[0]!.slice(0, 200) : null,
    coverAlt: cover !== null ? `Ảnh: ${text.title.slice(0, 120)}` : null,
    sectionId: section.id,
    tags: text.tags,
    source: text.source,
    authorName: text.authorName,
    readerContribution: false,
    // The chain has a unit-head step, so every article names its providing unit.
    unitId: board.unitId,
    eventAt: r.chance(0.3) ? new Date(created - r.int(1, 72) * 3_600_000).toISOString() : null,
    language: 'vi',
    translationOfId: null,
    isReference: section.isReference,
    relatedIds: [],
    attachmentIds: [],
  };
  return { input, publishedAt: new Date(published).toISOString(), createdAt: new Date(created).toISOString() };
}

/** The content a revision keeps for an input, in the key order the save use case writes. */
function contentOf(input: ArticleInput, slug: string): ArticleContent {
  return {
    kind: input.kind,
    title: input.title,
    summary: input.summary,
    bodyHtml: input.bodyHtml,
    coverMediaId: input.coverMediaId,
    coverCaption: input.coverCaption,
    coverAlt: input.coverAlt,
    sectionId: input.sectionId,
    tags: [...new Set(input.tags)],
    source: input.source,
    authorName: input.authorName,
    readerContribution: input.readerContribution,
    unitId: input.unitId,
    eventAt: input.eventAt,
    language: input.language,
    translationOfId: input.translationOfId,
    isReference: input.isReference,
    relatedIds: input.relatedIds,
    attachmentIds: input.attachmentIds,
    slug,
    document: null,
    entry: null,
  };
}

/** Workflow columns of a published article, taken from one that really went through the chain. */
type Template = Pick<
  ArticleRow,
  | 'review_state' | 'step_index' | 'step_entered_at' | 'step_due_at' | 'assignee_user_id' | 'approvals' | 'chain' | 'publication'
  | 'publish_at' | 'unpublish_at' | 'has_pending_changes' | 'urgent_pending_approval' | 'urgent_published_by' | 'takedown_reason_code'
  | 'takedown_reason' | 'takedown_notice' | 'taken_down_at' | 'schedule_alerted_at' | 'author_user_id' | 'lock_version' | 'screening_hits'
  | 'deleted_at' | 'deleted_by_user_id'
> & { revisionKind: string; revisionNumber: number; revisionBy: number | null };

function templateOf(row: ArticleRow, revision: { kind: string; number: number; created_by_user_id: number | null }): Template {
  const { review_state, step_index, step_entered_at, step_due_at, assignee_user_id, approvals, chain, publication, publish_at, unpublish_at, has_pending_changes, urgent_pending_approval, urgent_published_by, takedown_reason_code, takedown_reason, takedown_notice, taken_down_at, schedule_alerted_at, author_user_id, lock_version, screening_hits, deleted_at, deleted_by_user_id } = row;
  return { review_state, step_index, step_entered_at, step_due_at, assignee_user_id, approvals, chain, publication, publish_at, unpublish_at, has_pending_changes, urgent_pending_approval, urgent_published_by, takedown_reason_code, takedown_reason, takedown_notice, taken_down_at, schedule_alerted_at, author_user_id, lock_version, screening_hits, deleted_at, deleted_by_user_id, revisionKind: revision.kind, revisionNumber: revision.number, revisionBy: revision.created_by_user_id };
}

/** The rows the bulk path writes for one article (search_documents and published_tags come from syncPublicIndex). */
function bulkRows(siteId: number, t: Template, id: number, revisionId: number, slug: string, p: Planned) {
  const content = contentOf(p.input, slug);
  const article: ArticleRow = {
    id,
    site_id: siteId,
    ...rowOfContent(content),
    details: null,
    document_key: null,
    received_at: p.receivedAt ?? p.createdAt,
    received_via: 'system',
    provision_category: null,
    vouched_by_user_id: null,
    screening_hits: t.screening_hits,
    review_state: t.review_state,
    step_index: t.step_index,
    step_entered_at: t.step_entered_at,
    step_due_at: t.step_due_at,
    assignee_user_id: t.assignee_user_id,
    approvals: t.approvals,
    chain: t.chain,
    publication: t.publication,
    publish_at: t.publish_at,
    unpublish_at: t.unpublish_at,
    has_pending_changes: t.has_pending_changes,
    urgent_pending_approval: t.urgent_pending_approval,
    urgent_published_by: t.urgent_published_by,
    live_revision_id: revisionId,
    first_published_at: p.publishedAt,
    last_published_at: p.publishedAt,
    takedown_reason_code: t.takedown_reason_code,
    takedown_reason: t.takedown_reason,
    takedown_notice: t.takedown_notice,
    taken_down_at: t.taken_down_at,
    schedule_alerted_at: t.schedule_alerted_at,
    author_user_id: t.author_user_id,
    lock_version: t.lock_version,
    deleted_at: t.deleted_at,
    deleted_by_user_id: t.deleted_by_user_id,
    created_at: p.createdAt,
    updated_at: p.publishedAt,
  };
  const revision = { id: revisionId, site_id: siteId, article_id: id, number: t.revisionNumber, kind: t.revisionKind, snapshot: JSON.stringify(content), note: null, created_by_user_id: t.revisionBy, created_at: p.createdAt };
  const slugRow = { site_id: siteId, slug, article_id: id, created_at: p.publishedAt };
  return { article, revision, slugRow, content };
}

/** A slug not taken yet, the way uniqueSlug makes one (root, root-2, root-3…). */
function uniqueSlugIn(taken: Set<string>, title: string): string {
  const root = slugify(title) || 'bai-viet';
  for (let i = 1; ; i += 1) {
    const candidate = i === 1 ? root : `${root}-${i}`;
    if (!taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
}

/** Share of articles with a cover image (news sites illustrate most items). */
const COVER_SHARE = 0.7;
const IMAGES = 24;

/** Cover images made on the spot (no download) and uploaded through the media library. */
async function addImages(db: Db, filesDir: string, actor: AuditActor, clock: Clock): Promise<number[]> {
  const files = createLocalFileStore(filesDir);
  const r = new Rng('bench-images');
  const ids: number[] = [];
  for (let i = 0; i < IMAGES; i += 1) {
    const [w, h] = r.chance(0.8) ? [1200, 800] : [800, 1000];
    const base = sharp({ create: { width: w, height: h, channels: 3, background: { r: r.int(20, 230), g: r.int(20, 230), b: r.int(20, 230) } } });
    const stripe = await sharp({ create: { width: w, height: Math.round(h / 4), channels: 3, background: { r: r.int(0, 255), g: r.int(0, 255), b: r.int(0, 255) } } }).png().toBuffer();
    const data = await base.composite([{ input: stripe, top: Math.round(h / 2), left: 0 }]).jpeg({ quality: 80 }).toBuffer();
    const item = await uploadMedia(db, files, actor, { data, originalName: `anh-minh-hoa-${i + 1}.jpg`, purpose: 'image', alt: `Ảnh minh họa ${i + 1}`, caption: null }, clock);
    ids.push(item.id);
  }
  return ids;
}

interface BoardSite {
  key: string;
  host: string;
  name: string;
  isDefault: boolean;
  /** Cover images (made with sharp, slow): only the first site of a province has them. */
  images: boolean;
  passwordHash?: string;
}

const MAIN_SITE: BoardSite = { key: SITE_KEY, host: SITE_HOST, name: SITE_NAME, isDefault: true, images: true };

/** A board member's e-mail on the main site (the bench makes API tokens for them). */
export function personEmail(person: Person, host = SITE_HOST): string {
  return `${person.replace(/_/g, '')}@${host}`;
}
export const PEOPLE = Object.keys(PEOPLE_NAMES) as Person[];

async function makeBoard(db: Db, clock: Clock, filesDir: string, b: BoardSite = MAIN_SITE): Promise<Board> {
  const site = await createSite(
    db,
    { userId: null, onBehalfOfUserId: null, label: 'trangtin bench', ip: null, userAgent: null },
    { key: b.key, name: b.name, agencyName: `Ủy ban nhân dân ${b.name.replace(/^.*(xã|phường)/, '$1')}`, level: 'commune', hosts: [b.host], isDefault: b.isDefault },
    clock,
  );
  const actor = systemActor(site.id);
  const unitId = await createUnit(db, actor, { name: 'Phòng Văn hóa và Thông tin', kind: 'phong' }, clock);
  const ids = new Map<string, number>();
  for (const [i, s] of SECTION_PLAN.entries()) {
    const id = await createSection(db, actor, { name: s.name, nameEn: s.nameEn ?? null, parentId: s.parent ? ids.get(s.parent)! : null, sortOrder: i, isReference: Boolean(s.reference) }, clock);
    ids.set(s.name, id);
  }
  await addRuleVersion(db, actor, { siteId: site.id, key: CHAIN_RULE, value: PRESET_CHAINS.nhuxuan, effectiveFrom: '2012-03-12', citation: 'Quy chế Như Xuân (bench)' }, clock);
  const passwordHash = b.passwordHash ?? (await hashPassword(`Bench-${randomToken(8)}-2026`));
  const people = {} as Record<Person, number>;
  for (const person of PEOPLE) {
    const inUnit = person === 'contributor' || person === 'unit_head';
    const added = await addMember(db, actor, { email: personEmail(person, b.host), name: PEOPLE_NAMES[person], roles: [person], unitId: inUnit ? unitId : null, passwordHash }, clock);
    people[person] = added.userId;
  }
  const imageIds = b.images ? await addImages(db, filesDir, actor, clock) : [];
  const rows = await db.selectFrom('sections').select(['id', 'slug', 'name', 'parent_id', 'is_reference']).where('site_id', '=', site.id).orderBy('sort_order').execute();
  return { site, unitId, imageIds, people, sections: rows.map((s) => ({ id: s.id, slug: s.slug, name: s.name, parentId: s.parent_id, isReference: s.is_reference === 1 })) };
}

/** Publishes one planned article the way the back office does: create, then every step of the chain. */
async function publishForReal(db: Db, board: Board, p: Planned, outboxDir: string): Promise<number> {
  let now = new Date(p.createdAt);
  const clock: Clock = { now: () => now };
  const mailer = createMailer({ smtpUrl: null, from: `trangtin bench <no-reply@${SITE_HOST}>`, outboxDir });
  const actorOf = (userId: number): AuditActor => ({ siteId: board.site.id, userId, onBehalfOfUserId: null, label: 'trangtin bench', ip: '127.0.0.1', userAgent: 'trangtin-bench' });
  const grantsOf = async (userId: number) => loadGrants(db, board.site, (await findUserById(db, userId))!, vietnamDate(now));
  const contributor = board.people.contributor;
  const created = await createArticle(db, actorOf(contributor), await grantsOf(contributor), p.input, {}, clock);
  const steps = CHAIN_STEPS.length;
  const start = now.getTime();
  const end = Date.parse(p.publishedAt);
  for (const [i, [person, action]] of CHAIN_STEPS.entries()) {
    now = new Date(i === steps - 1 ? end : start + ((end - start) * (i + 1)) / steps);
    const userId = board.people[person];
    await actOnArticle({ db, mailer, clock, linkBase: `http://${SITE_HOST}` }, actorOf(userId), await grantsOf(userId), board.site, created.row.id, { type: action } as ArticleAction);
  }
  return created.row.id;
}

class RollBack extends Error {}

/** The bulk builder must give, for the inputs of really published articles, the rows publication gave. */
async function checkFidelity(db: Db, board: Board, t: Template, planned: Planned[], ids: number[]): Promise<void> {
  const problems: string[] = [];
  for (const [i, id] of ids.entries()) {
    const real = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const realRevision = await db.selectFrom('article_revisions').selectAll().where('id', '=', real.live_revision_id!).executeTakeFirstOrThrow();
    const p = planned[i]!;
    const bulk = bulkRows(board.site.id, t, real.id, realRevision.id, real.slug, { ...p, createdAt: real.created_at, publishedAt: real.first_published_at!, ...(real.received_at ? { receivedAt: real.received_at } : {}) });
    // Content columns and the snapshot must be identical; workflow columns come from the template.
    if (bulk.revision.snapshot !== realRevision.snapshot) problems.push(`article ${id}: snapshot differs\n  real: ${realRevision.snapshot.slice(0, 400)}\n  bulk: ${bulk.revision.snapshot.slice(0, 400)}`);
    for (const [column, value] of Object.entries(bulk.article)) {
      if (column === 'approvals') continue;
      const realValue = (real as Record<string, unknown>)[column];
      if (realValue !== value) problems.push(`article ${id}: column ${column} differs: real ${JSON.stringify(realValue)}, bulk ${JSON.stringify(value)}`);
    }
    for (const column of ['number', 'kind', 'created_by_user_id'] as const) {
      if (realRevision[column] !== bulk.revision[column]) problems.push(`article ${id}: revision ${column} differs: real ${realRevision[column]}, bulk ${bulk.revision[column]}`);
    }
    const slugs = await db.selectFrom('article_slugs').select(['slug']).where('article_id', '=', id).execute();
    if (slugs.length !== 1 || slugs[0]!.slug !== bulk.slugRow.slug) problems.push(`article ${id}: article_slugs differ`);
    // The index rows of the bulk path, made in a transaction that is rolled back, against syncPublicIndex's.
    const indexRows = async (trx: Db) => ({
      docs: (await trx.selectFrom('search_documents').selectAll().where('item_type', '=', ARTICLE_ITEM).where('item_id', '=', id).execute()).map(({ id: _id, ...rest }) => rest),
      tags: await trx.selectFrom('published_tags').selectAll().where('item_type', '=', ARTICLE_ITEM).where('item_id', '=', id).orderBy('tag_slug').execute(),
    });
    const viaPublication = await indexRows(db);
    let viaBulk: typeof viaPublication | null = null;
    await db
      .transaction()
      .execute(async (trx) => {
        await trx.deleteFrom('search_documents').where('item_type', '=', ARTICLE_ITEM).where('item_id', '=', id).execute();
        await trx.deleteFrom('published_tags').where('item_type', '=', ARTICLE_ITEM).where('item_id', '=', id).execute();
        await indexBulk(trx, [{ article: real, content: parseSnapshot(realRevision.snapshot) }]);
        viaBulk = await indexRows(trx);
        throw new RollBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RollBack)) throw error;
      });
    if (viaPublication.docs.length !== 1) problems.push(`article ${id}: not in search_documents`);
    if (JSON.stringify(viaBulk) !== JSON.stringify(viaPublication)) problems.push(`article ${id}: index rows differ\n  real: ${JSON.stringify(viaPublication).slice(0, 600)}\n  bulk: ${JSON.stringify(viaBulk).slice(0, 600)}`);
  }
  if (problems.length > 0) throw new Error(`The bulk rows do not match real publication:\n${problems.join('\n')}`);
}

/**
 * What syncPublicIndex writes for a newly published article, for a batch:
 * search_documents through the search module's indexDocument (so the FTS5
 * triggers or the tsvector column do their part), the listing columns (cover,
 * reference) when they are not the defaults, and published_tags. syncPublicIndex would first delete the article's tags, a
 * statement that scans every published tag of the site (the primary key
 * starts with site_id, tag_slug), which makes a bulk load quadratic; a new
 * article has none to delete. checkFidelity compares the result with
 * syncPublicIndex's.
 */
async function indexBulk(db: Db, rows: { article: ArticleRow; content: ArticleContent }[]): Promise<void> {
  const listing: { id: number; cover: number | null; reference: number }[] = [];
  const tags: { site_id: number; tag_slug: string; tag: string; item_type: string; item_id: number; published_at: string }[] = [];
  for (const { article: row, content: c } of rows) {
    const publishedAt = row.first_published_at ?? row.last_published_at ?? row.updated_at;
    await indexDocument(db, {
      siteId: row.site_id,
      itemType: ARTICLE_ITEM,
      itemId: row.id,
      language: c.language,
      sectionId: c.sectionId,
      kind: c.kind,
      url: `/bai-viet/${row.slug}`,
      title: c.title,
      summary: c.summary,
      bodyText: htmlToText(c.bodyHtml),
      publishedAt,
    });
    if (c.coverMediaId !== null || c.isReference) listing.push({ id: row.id, cover: c.coverMediaId, reference: c.isReference ? 1 : 0 });
    for (const [tag_slug, tag] of new Map(c.tags.map((t) => [slugify(t, 60), t] as const))) {
      if (tag_slug) tags.push({ site_id: row.site_id, tag_slug, tag, item_type: ARTICLE_ITEM, item_id: row.id, published_at: publishedAt });
    }
  }
  const siteId = rows[0]?.article.site_id;
  // The listing columns (defaults: no cover, not reference), as syncPublicIndex sets them.
  for (const l of listing) {
    await db.updateTable('search_documents').set({ cover_media_id: l.cover, is_reference: l.reference }).where('site_id', '=', siteId!).where('item_type', '=', ARTICLE_ITEM).where('item_id', '=', l.id).execute();
  }
  for (let k = 0; k < tags.length; k += 1000) await db.insertInto('published_tags').values(tags.slice(k, k + 1000)).execute();
}

/** Articles from..total-1 of a board, bulk-inserted in batches (one transaction per batch). */
async function bulkArticles(db: Db, board: Board, template: Template, seed: string, realCount: number, total: number, log: (m: string) => void, quiet = false): Promise<void> {
  const bulkStarted = Date.now();
  const taken = new Set((await db.selectFrom('articles').select('slug').where('site_id', '=', board.site.id).execute()).map((r) => r.slug));
  let nextId = Number((await db.selectFrom('articles').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m ?? 0) + 1;
  let nextRevisionId = Number((await db.selectFrom('article_revisions').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m ?? 0) + 1;
  let lastReport = Date.now();
  for (let from = realCount; from < total; from += BATCH) {
    const to = Math.min(total, from + BATCH);
    const rows: ReturnType<typeof bulkRows>[] = [];
    for (let i = from; i < to; i += 1) {
      const p = plan(board, seed, i, total);
      rows.push(bulkRows(board.site.id, template, nextId++, nextRevisionId++, uniqueSlugIn(taken, p.input.title), p));
    }
    await db.transaction().execute(async (trx) => {
      // Parameters per statement stay under SQLite's and PostgreSQL's limits.
      for (let k = 0; k < rows.length; k += 250) {
        const chunk = rows.slice(k, k + 250);
        await trx.insertInto('articles').values(chunk.map((r) => r.article)).execute();
        await trx.insertInto('article_revisions').values(chunk.map((r) => r.revision)).execute();
        await trx.insertInto('article_slugs').values(chunk.map((r) => r.slugRow)).execute();
      }
      await indexBulk(trx, rows);
    });
    if (!quiet && (Date.now() - lastReport > 5000 || to === total)) {
      lastReport = Date.now();
      const rate = (to - realCount) / ((Date.now() - bulkStarted) / 1000);
      log(`  ${to.toLocaleString('en')} / ${total.toLocaleString('en')} articles (${Math.round(rate).toLocaleString('en')}/s)`);
    }
  }
}

async function fixSequences(db: Db): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  // Explicit ids were inserted: move the identity sequences past them, then gather statistics as autovacuum would.
  for (const table of ['articles', 'article_revisions']) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(db);
  }
  await sql`analyze`.execute(db);
}

export async function generateDataset(o: GenerateOptions): Promise<DatasetInfo> {
  return (await generateMain(o)).info;
}

async function generateMain(o: GenerateOptions): Promise<{ info: DatasetInfo; board: Board; template: Template }> {
  const started = Date.now();
  const { db } = o;
  const engine = engineOf(db);
  if (engine === 'sqlite') {
    // This connection only, for a throwaway data set: a big page cache and no fsync at each
    // commit make the load faster; the database file is the same.
    await sql`pragma cache_size = -262144`.execute(db);
    await sql`pragma synchronous = off`.execute(db);
  }
  await migrateToLatest(db);
  const setupClock: Clock = { now: () => new Date(FIRST_DATE - 86_400_000) };
  const board = await makeBoard(db, setupClock, o.filesDir);
  const total = o.articles;

  // 1. A few articles through the real workflow.
  const realCount = Math.min(REAL_PUBLICATIONS, total);
  const realPlans: Planned[] = [];
  const realIds: number[] = [];
  for (let i = 0; i < realCount; i += 1) {
    const p = plan(board, o.seed, i, total);
    realPlans.push(p);
    realIds.push(await publishForReal(db, board, p, o.outboxDir));
  }
  const first = await db.selectFrom('articles').selectAll().where('id', '=', realIds[0]!).executeTakeFirstOrThrow();
  if (first.publication !== 'published' || first.live_revision_id === null) throw new Error('The real publication did not publish the article.');
  const firstRevision = await db.selectFrom('article_revisions').select(['kind', 'number', 'created_by_user_id']).where('id', '=', first.live_revision_id).executeTakeFirstOrThrow();
  const template = templateOf(first, firstRevision);
  await checkFidelity(db, board, template, realPlans, realIds);
  o.log(`${realCount} articles published through the review chain in ${((Date.now() - started) / 1000).toFixed(1)} s; bulk rows match them`);

  // 2. The rest in batches, one transaction per batch.
  await bulkArticles(db, board, template, o.seed, realCount, total, o.log);

  await fixSequences(db);

  const info: DatasetInfo = {
    articles: total,
    seed: o.seed,
    siteId: board.site.id,
    sections: board.sections.map(({ id, slug, name, parentId }) => ({ id, slug, name, parentId })),
    generatedAt: new Date().toISOString(),
    generationSeconds: Math.round((Date.now() - started) / 100) / 10,
    realPublications: realCount,
  };
  return { info, board, template };
}

export interface ProvinceSite {
  id: number;
  key: string;
  host: string;
}

/**
 * A province on one node: `sites` commune sites with `items` published articles each. The first
 * is the main data set (real publications, the fidelity check, cover images); the others get their
 * own board, sections and unit, and their articles through the same bulk path, with the workflow
 * columns of the first site's real publication (its author and reviser mapped to the site's own
 * members) and no cover images.
 */
export async function generateProvince(o: GenerateOptions & { sites: number }): Promise<{ info: DatasetInfo; sites: ProvinceSite[] }> {
  const started = Date.now();
  const main = await generateMain(o);
  const sites: ProvinceSite[] = [{ id: main.board.site.id, key: SITE_KEY, host: SITE_HOST }];
  const clock: Clock = { now: () => new Date(FIRST_DATE - 86_400_000) };
  const passwordHash = await hashPassword(`Bench-${randomToken(8)}-2026`);
  const personOf = (userId: number | null) => (Object.entries(main.board.people).find(([, id]) => id === userId)?.[0] ?? null) as Person | null;
  for (let i = 2; i <= o.sites; i += 1) {
    const key = `xa${String(i).padStart(3, '0')}`;
    const host = `${key}.${SITE_HOST}`;
    const board = await makeBoard(db(o), clock, o.filesDir, { key, host, name: `Trang thông tin điện tử xã số ${i}`, isDefault: false, images: false, passwordHash });
    const author = personOf(main.template.author_user_id);
    const reviser = personOf(main.template.revisionBy);
    const template: Template = { ...main.template, author_user_id: author ? board.people[author] : main.template.author_user_id, revisionBy: reviser ? board.people[reviser] : main.template.revisionBy };
    await bulkArticles(o.db, board, template, `${o.seed}:${key}`, 0, o.articles, o.log, true);
    sites.push({ id: board.site.id, key, host });
    if (i % 10 === 0 || i === o.sites) o.log(`  ${i} / ${o.sites} sites (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  await fixSequences(o.db);
  return { info: { ...main.info, generationSeconds: Math.round((Date.now() - started) / 100) / 10 }, sites };
}

const db = (o: { db: Db }) => o.db;

const DOC_TYPES = [
  { key: 'quyet-dinh', name: 'Quyết định', symbol: 'QĐ-UBND' },
  { key: 'cong-van', name: 'Công văn', symbol: 'UBND-VP' },
  { key: 'ke-hoach', name: 'Kế hoạch', symbol: 'KH-UBND' },
  { key: 'thong-bao', name: 'Thông báo', symbol: 'TB-UBND' },
  { key: 'nghi-quyet', name: 'Nghị quyết', symbol: 'NQ-HĐND' },
];
const DOC_FIELDS = ['Đất đai', 'Xây dựng', 'Giáo dục', 'Y tế', 'Nông nghiệp', 'Tài chính', 'Văn hóa', 'Giao thông'];
const DOC_ISSUERS = ['Ủy ban nhân dân xã Măng Đen', 'Hội đồng nhân dân xã Măng Đen', 'Ủy ban nhân dân tỉnh Kon Tum'];

/**
 * Adds published documents to the document library (/van-ban) of a data set that may already
 * exist, without touching its articles: documents from..to-1 of the seed, written as the
 * library's sync leaves a published document (an `articles` row of kind document and its
 * `legal_documents` and `legal_document_fields` rows, as src/modules/documents/library-fixture.ts
 * writes them), in batched transactions. They are not in the search index.
 */
export async function addDocuments(o: { db: Db; siteId: number; seed: string; from: number; to: number; log: (m: string) => void }): Promise<void> {
  const { db: d } = o;
  const author = (await d.selectFrom('users').select('id').where('email', '=', personEmail('publisher')).executeTakeFirstOrThrow()).id;
  if (engineOf(d) === 'sqlite') await sql`pragma synchronous = off`.execute(d);
  let nextId = Number((await d.selectFrom('articles').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m ?? 0) + 1;
  const started = Date.now();
  for (let from = o.from; from < o.to; from += BATCH) {
    const to = Math.min(o.to, from + BATCH);
    const articles: Record<string, unknown>[] = [];
    const docs: Record<string, unknown>[] = [];
    const fields: { site_id: number; article_id: number; field: string }[] = [];
    for (let i = from; i < to; i += 1) {
      const r = new Rng(`${o.seed}:document:${i}`);
      const type = r.pick(DOC_TYPES);
      const title = `${type.name} về ${generateText(r).title.replace(/^./, (c) => c.toLowerCase())}`.slice(0, 290);
      const issued = new Date(FIRST_DATE + ((LAST_DATE - FIRST_DATE) * i) / Math.max(1, o.to)).toISOString();
      const year = issued.slice(0, 4);
      const number = `${(i % 900) + 1}/${year}/${type.symbol}-${i}`;
      const slug = `${slugify(title, 60)}-vb${i}`;
      const issuer = r.pick(DOC_ISSUERS);
      const id = nextId++;
      articles.push({ id, site_id: o.siteId, kind: 'document', title, title_folded: fold(title), slug, reader_contribution: 0, is_reference: 0, has_pending_changes: 0, urgent_pending_approval: 0, takedown_notice: 0, author_user_id: author, created_at: issued, updated_at: issued, cover_media_id: null, cover_caption: null, cover_alt: null, section_id: null, source: null, author_name: null, unit_id: null, event_at: null, translation_of_id: null, step_index: null, step_entered_at: null, step_due_at: null, assignee_user_id: null, chain: null, publish_at: null, unpublish_at: null, urgent_published_by: null, live_revision_id: null, first_published_at: issued, last_published_at: issued, takedown_reason_code: null, takedown_reason: null, taken_down_at: null, schedule_alerted_at: null, details: null, document_key: null, deleted_at: null, deleted_by_user_id: null });
      docs.push({ article_id: id, site_id: o.siteId, slug, language: 'vi', number, number_folded: foldNumber(number), doc_type: type.key, issuer, issuer_folded: fold(issuer), level: issuer.includes('tỉnh') ? 'provincial' : 'local', signer: null, signer_folded: null, title, title_folded: fold(title), issued_on: issued.slice(0, 10), effective_on: issued.slice(0, 10), expires_on: null, status_override: null, replaced_on: null, partly_repealed_on: null, published_at: issued, attachment_ids: '[]' });
      fields.push({ site_id: o.siteId, article_id: id, field: r.pick(DOC_FIELDS) });
    }
    await d.transaction().execute(async (trx) => {
      for (let k = 0; k < articles.length; k += 250) {
        await trx.insertInto('articles').values(articles.slice(k, k + 250) as never).execute();
        await trx.insertInto('legal_documents').values(docs.slice(k, k + 250) as never).execute();
        await trx.insertInto('legal_document_fields').values(fields.slice(k, k + 250)).execute();
      }
    });
  }
  if (engineOf(d) === 'postgres') {
    await sql`select setval(pg_get_serial_sequence('articles', 'id'), (select max(id) from articles))`.execute(d);
    await sql`analyze`.execute(d);
  }
  o.log(`  ${(o.to - o.from).toLocaleString('en')} documents added in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
