// What the public side reads about citizens' cases. Every query here selects
// its columns by name and never a requester_* column: the tracking page, the
// published answers and the open data must not carry anyone's name, e-mail,
// phone, address or identity number. Published cases show only the public_*
// columns, which passed the personal-data check of publication-check.ts.
import type { CaseKind } from '../../core/citizens/index.ts';
import { fold } from '../../core/vietnamese/index.ts';
import type { Db } from '../../platform/db/database.ts';
import { paths } from '../public/site-view.ts';
import { answerFiles } from './store.ts';

/** How many cases of this site came from this e-mail address or phone number since `since` (ISO). */
export async function countFromAddress(db: Db, siteId: number, email: string | null, phone: string | null, since: string): Promise<number> {
  if (!email && !phone) return 0;
  const row = await db
    .selectFrom('citizen_cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('site_id', '=', siteId)
    .where('created_at', '>=', since)
    .where((eb) => eb.or([...(email ? [eb('requester_email', '=', email.toLowerCase())] : []), ...(phone ? [eb('requester_phone', '=', phone)] : [])]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface TrackedCase {
  id: number;
  kind: CaseKind;
  trackingCode: string;
  title: string;
  status: string;
  receivedAt: string;
  dueAt: string | null;
  unitName: string | null;
  answer: string | null;
  answeredAt: string | null;
  outcomeReason: string | null;
  forwardedTo: string | null;
  mergedIntoCode: string | null;
  publicUrl: string | null;
  /** Files sent with the answer, once it is sent. */
  answerFiles: { id: number; name: string; size: number }[];
}

/** A case by its (canonical) tracking code, without any personal data. */
export async function caseByTrackingCode(db: Db, siteId: number, code: string): Promise<TrackedCase | null> {
  const row = await db
    .selectFrom('citizen_cases as c')
    .leftJoin('units as u', (j) => j.onRef('u.id', '=', 'c.unit_id').onRef('u.site_id', '=', 'c.site_id'))
    .leftJoin('citizen_cases as m', (j) => j.onRef('m.id', '=', 'c.merged_into_id').onRef('m.site_id', '=', 'c.site_id'))
    .select([
      'c.id',
      'c.kind',
      'c.tracking_code',
      'c.title',
      'c.status',
      'c.created_at',
      'c.due_at',
      'c.answer',
      'c.answered_at',
      'c.outcome_reason',
      'c.forwarded_to',
      'c.published_at',
      'c.unpublished_at',
      'u.name as unit_name',
      'm.tracking_code as merged_code',
    ])
    .where('c.site_id', '=', siteId)
    .where('c.tracking_code', '=', code)
    .executeTakeFirst();
  if (!row) return null;
  const published = row.published_at !== null && row.unpublished_at === null && (row.kind === 'question' || row.kind === 'petition');
  const answered = row.status === 'answered';
  const files = answered ? await answerFiles(db, siteId, row.id) : [];
  return {
    id: row.id,
    kind: row.kind as CaseKind,
    trackingCode: row.tracking_code,
    title: row.title,
    status: row.status,
    receivedAt: row.created_at,
    dueAt: row.due_at,
    unitName: row.unit_name ?? null,
    answer: answered ? row.answer : null,
    answeredAt: row.answered_at,
    outcomeReason: row.outcome_reason,
    forwardedTo: row.forwarded_to,
    mergedIntoCode: row.merged_code ?? null,
    publicUrl: published ? (row.kind === 'question' ? paths.question(row.id) : paths.petition(row.id)) : null,
    answerFiles: files.map((f) => ({ id: f.id, name: f.original_name, size: f.size })),
  };
}

/** The public history of a case: status changes only, never the notes written in the back office. */
export async function publicHistory(db: Db, siteId: number, caseId: number): Promise<{ status: string; at: string }[]> {
  const rows = await db
    .selectFrom('citizen_case_events')
    .select(['to_status', 'created_at'])
    .where('site_id', '=', siteId)
    .where('case_id', '=', caseId)
    .where('to_status', 'is not', null)
    .orderBy('id')
    .execute();
  const out: { status: string; at: string }[] = [];
  for (const r of rows) {
    // Consecutive events that leave the status unchanged say nothing new to the requester.
    if (out.length > 0 && out[out.length - 1]!.status === r.to_status) continue;
    out.push({ status: r.to_status!, at: r.created_at });
  }
  return out;
}

export interface PublishedCase {
  id: number;
  kind: CaseKind;
  title: string;
  question: string;
  answer: string;
  field: string | null;
  unitName: string | null;
  receivedAt: string;
  answeredAt: string | null;
  publishedAt: string;
  /** When the board last changed what is public after publishing it (the page says so); null if never. */
  updatedAt?: string | null;
}

type PublishedRow = {
  id: number;
  kind: string;
  public_title: string | null;
  public_body: string | null;
  public_answer: string | null;
  field: string | null;
  unit_name: string | null;
  created_at: string;
  answered_at: string | null;
  published_at: string | null;
};

function published(db: Db, siteId: number, kind: CaseKind) {
  return db
    .selectFrom('citizen_cases as c')
    .leftJoin('units as u', (j) => j.onRef('u.id', '=', 'c.unit_id').onRef('u.site_id', '=', 'c.site_id'))
    .where('c.site_id', '=', siteId)
    .where('c.kind', '=', kind)
    .where('c.published_at', 'is not', null)
    .where('c.unpublished_at', 'is', null);
}

const COLUMNS = ['c.id', 'c.kind', 'c.public_title', 'c.public_body', 'c.public_answer', 'c.field', 'u.name as unit_name', 'c.created_at', 'c.answered_at', 'c.published_at'] as const;

function toPublished(r: PublishedRow): PublishedCase {
  return {
    id: r.id,
    kind: r.kind as CaseKind,
    // The board writes the published title; without it the list still must not show what the requester typed.
    title: r.public_title ?? '',
    question: r.public_body ?? '',
    answer: r.public_answer ?? '',
    field: r.field,
    unitName: r.unit_name,
    receivedAt: r.created_at,
    answeredAt: r.answered_at,
    publishedAt: r.published_at!,
  };
}

/** How many published cases a keyword search reads at most (folded in code, the same on both engines). */
const SEARCH_CAP = 5000;

/** A page of the site's published questions or petitions, newest first, by field and words (diacritics ignored). */
export async function listPublishedCases(db: Db, siteId: number, kind: CaseKind, f: { field?: string | null; q?: string | null }, limit: number, offset: number): Promise<{ rows: PublishedCase[]; total: number }> {
  let base = published(db, siteId, kind);
  if (f.field) base = base.where('c.field', '=', f.field);
  const words = fold(f.q ?? '').split(' ').filter(Boolean).slice(0, 8);
  if (words.length === 0) {
    const [rows, count] = await Promise.all([
      base.select([...COLUMNS]).orderBy('c.published_at', 'desc').orderBy('c.id', 'desc').limit(limit).offset(offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows: rows.map(toPublished), total: Number(count.n) };
  }
  const all = await base.select([...COLUMNS]).orderBy('c.published_at', 'desc').orderBy('c.id', 'desc').limit(SEARCH_CAP).execute();
  const matching = all.filter((r) => {
    const text = fold(`${r.public_title ?? ''} ${r.public_body ?? ''} ${r.public_answer ?? ''} ${r.field ?? ''}`);
    return words.every((w) => text.includes(w));
  });
  return { rows: matching.slice(offset, offset + limit).map(toPublished), total: matching.length };
}

export async function publishedCase(db: Db, siteId: number, kind: CaseKind, id: number): Promise<PublishedCase | null> {
  const row = await published(db, siteId, kind).select([...COLUMNS]).where('c.id', '=', id).executeTakeFirst();
  if (!row) return null;
  // A published text edited later ('publication' in the case's history) is marked with its date, never changed silently.
  const edit = await db
    .selectFrom('citizen_case_events')
    .select((eb) => eb.fn.max('created_at').as('at'))
    .where('site_id', '=', siteId)
    .where('case_id', '=', id)
    .where('action', '=', 'publication')
    .where('created_at', '>', row.published_at!)
    .executeTakeFirst();
  return { ...toPublished(row), updatedAt: (edit?.at as string | null | undefined) ?? null };
}

/** A published item of this site at a path (a correction claim's page concerned). */
export async function publishedItemAt(db: Db, siteId: number, path: string): Promise<{ itemType: string; itemId: number; title: string } | null> {
  const row = await db.selectFrom('search_documents').select(['item_type', 'item_id', 'title']).where('site_id', '=', siteId).where('url', '=', path).executeTakeFirst();
  return row ? { itemType: row.item_type, itemId: row.item_id, title: row.title } : null;
}

/** The site now holding a case this site received and handed over when it stopped operating. */
export async function handedOverTo(db: Db, receivedSiteId: number, code: string): Promise<number | null> {
  const row = await db.selectFrom('citizen_cases').select('site_id').where('received_site_id', '=', receivedSiteId).where('tracking_code', '=', code).executeTakeFirst();
  return row?.site_id ?? null;
}
