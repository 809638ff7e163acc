// Between the article editor form and the article: reading what was typed
// into an ArticleInput, and filling the form from a saved article.
import type { FastifyRequest } from 'fastify';
import { localDateTime, toLocalDate } from '../../core/calendar/index.ts';
import type { FormValues } from '../../platform/http/form.ts';
import { FormReader } from '../../platform/http/form.ts';
import { DOCUMENT_LEVELS, DOCUMENT_RELATIONS, EFFECT_STATUSES, type DocumentDetails, type DocumentRelationRef } from '../../core/documents/index.ts';
import { applyPictureTexts, pictureField, type PictureText } from '../../core/content/index.ts';
import { format } from '../../ui/i18n.ts';
import { ARTICLE_KINDS, type ArticleContent } from './article.ts';
import { articleText } from './messages.ts';
import type { ArticleInput } from './save-article.ts';
import { readProvisionForm, type ProvisionFields } from '../provision/record.ts';
import { sectionKind } from '../../core/entries/index.ts';
import { entryFormValues, readEntryForm } from '../entries/form.ts';

const VIETNAM_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hour12: false });

export function formValuesOf(c: ArticleContent): FormValues {
  const eventAt = c.eventAt ? new Date(c.eventAt) : null;
  return {
    kind: c.kind,
    title: c.title,
    summary: c.summary,
    bodyHtml: c.bodyHtml,
    sectionId: c.sectionId ? String(c.sectionId) : '',
    tags: c.tags.join(', '),
    language: c.language,
    translationOfId: c.translationOfId ? String(c.translationOfId) : '',
    isReference: c.isReference ? 'on' : '',
    source: c.source ?? '',
    authorName: c.authorName ?? '',
    readerContribution: c.readerContribution ? 'on' : '',
    unitId: c.unitId ? String(c.unitId) : '',
    eventDate: eventAt ? toLocalDate(eventAt) : '',
    eventTime: eventAt ? VIETNAM_TIME.format(eventAt) : '',
    coverMediaId: c.coverMediaId ? String(c.coverMediaId) : '',
    coverAlt: c.coverAlt ?? '',
    coverCaption: c.coverCaption ?? '',
    attachmentIds: c.attachmentIds.map(String),
    relatedIds: c.relatedIds.join(', '),
    slug: c.slug,
    ...(c.document ? documentFormValues(c.document) : {}),
    ...(c.entry ? { entryKind: c.entry.kind, ...entryFormFor(c.entry.kind, c.entry.values) } : {}),
  };
}

function entryFormFor(key: string, values: Record<string, unknown>): FormValues {
  const kind = sectionKind(key);
  return kind ? entryFormValues(kind, values) : {};
}

/** Blank relation rows the editor offers below the existing ones (the form works without JavaScript). */
export const SPARE_RELATION_ROWS = 2;

function documentFormValues(d: DocumentDetails): FormValues {
  const values: FormValues = {
    docNumber: d.number,
    docType: d.docType,
    docIssuer: d.issuer,
    docFields: d.fields,
    docLevel: d.level,
    docSigner: d.signer ?? '',
    docIssuedOn: d.issuedOn,
    docEffectiveOn: d.effectiveOn ?? '',
    docExpiresOn: d.expiresOn ?? '',
    docStatusOverride: d.statusOverride ?? '',
    docStatusNote: d.statusNote ?? '',
    docRelationCount: String(d.relations.length + SPARE_RELATION_ROWS),
  };
  d.relations.forEach((r, i) => {
    values[`docRelation-${i}`] = r.relation;
    values[`docRelTarget-${i}`] = String(r.toArticleId);
  });
  return values;
}

/** A relation row whose target was typed as a document number: the route looks it up on this site. */
export interface RelationLookup {
  index: number;
  relation: DocumentRelationRef['relation'];
  number: string;
}

/**
 * The "Thông tin văn bản" fieldset. A relation's target is typed as the
 * document's id or its number ("15/2023/QĐ-UBND"); numbers are returned as
 * lookups for the route to resolve on the site.
 */
function readDocumentForm(form: FormReader, raw: Record<string, unknown>, lang: 'vi' | 'en'): { details: DocumentDetails; lookups: RelationLookup[] } {
  const L = (vi: string, en: string) => (lang === 'en' ? en : vi);
  const fieldsRaw = raw.docFields;
  const relations: DocumentRelationRef[] = [];
  const lookups: RelationLookup[] = [];
  const rows = Math.min(40, Math.max(0, Number(raw.docRelationCount) || 0));
  for (let i = 0; i < rows; i++) {
    const relation = form.choice(`docRelation-${i}`, DOCUMENT_RELATIONS, { label: L('Quan hệ', 'Relation') });
    const target = form.text(`docRelTarget-${i}`, { label: L('Văn bản liên quan', 'Related document'), max: 80 });
    if (!target) continue;
    if (!relation) {
      form.fail(`docRelation-${i}`, L('Chọn loại quan hệ cho văn bản liên quan.', 'Choose the kind of relation.'));
      continue;
    }
    if (/^\d{1,10}$/.test(target)) relations.push({ relation, toArticleId: Number(target) });
    else lookups.push({ index: i, relation, number: target });
  }
  form.values.docRelationCount = String(rows);
  const details: DocumentDetails = {
    number: form.text('docNumber', { label: L('Số, ký hiệu', 'Number'), max: 80 }) ?? '',
    docType: form.text('docType', { label: L('Loại văn bản', 'Type'), max: 60 }) ?? '',
    issuer: form.text('docIssuer', { label: L('Cơ quan ban hành', 'Issuing body'), max: 300 }) ?? '',
    fields: form.choices('docFields', Array.isArray(fieldsRaw) ? (fieldsRaw as string[]) : typeof fieldsRaw === 'string' ? [fieldsRaw] : [], { label: L('Lĩnh vực', 'Fields') }),
    level: form.choice('docLevel', DOCUMENT_LEVELS, { label: L('Cấp ban hành', 'Level') }) ?? ('' as DocumentDetails['level']),
    signer: form.text('docSigner', { label: L('Người ký', 'Signer'), max: 200 }),
    issuedOn: form.date('docIssuedOn', { label: L('Ngày ban hành', 'Date of issue') }) ?? '',
    effectiveOn: form.date('docEffectiveOn', { label: L('Ngày có hiệu lực', 'Date of effect') }),
    expiresOn: form.date('docExpiresOn', { label: L('Ngày hết hiệu lực', 'Expiry date') }),
    statusOverride: form.choice('docStatusOverride', EFFECT_STATUSES, { label: L('Tình trạng hiệu lực', 'Effect status') }),
    statusNote: form.text('docStatusNote', { label: L('Lý do', 'Reason'), max: 500 }),
    relations,
  };
  return { details, lookups };
}

/** At most this many rows of "Ảnh trong nội dung" are read; no article has nearly as many pictures. */
const MAX_PICTURE_ROWS = 500;

/** The description and caption typed for each picture of the body, with the address the row was made for. */
function readPictureTexts(form: FormReader, raw: Record<string, unknown>, lang: 'vi' | 'en'): PictureText[] {
  const t = articleText(lang);
  const rows = Math.min(MAX_PICTURE_ROWS, Math.max(0, Number(raw.pictureCount) || 0));
  const texts: PictureText[] = [];
  for (let number = 1; number <= rows; number++) {
    const src = raw[pictureField(number, 'src')];
    if (typeof src !== 'string') continue;
    const alt = form.text(pictureField(number, 'alt'), { label: format(t.pictureAlt, { number }), max: 300 });
    const caption = form.text(pictureField(number, 'caption'), { label: format(t.pictureCaption, { number }), max: 500 });
    texts.push({ number, src, alt: alt ?? '', caption: caption ?? '' });
  }
  return texts;
}

function idList(text: string | null): number[] | null {
  if (!text) return [];
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.some((p) => !/^\d{1,10}$/.test(p))) return null;
  return parts.map(Number);
}

/** Reads the editor form; problems of shape are in `form.errors`. */
export function readArticleForm(request: FastifyRequest): { form: FormReader; input: ArticleInput | null; lockVersion: number; lookups: RelationLookup[]; provision?: ProvisionFields; addRowsTo?: string | null } {
  const t = articleText(request.lang);
  const form = new FormReader(request.body, request.lang);
  const raw = request.body as Record<string, unknown>;
  const typedBody = typeof raw.bodyHtml === 'string' ? raw.bodyHtml.normalize('NFC') : '';
  // The "Ảnh trong nội dung" fields are written into the body's pictures.
  const bodyHtml = applyPictureTexts(typedBody, readPictureTexts(form, raw, request.lang));
  form.values.bodyHtml = bodyHtml;
  const title = form.text('title', { label: t.title, required: true, max: 300 });
  const summary = form.text('summary', { label: t.summary, max: 1000 });
  const kind = form.choice('kind', ARTICLE_KINDS, { label: t.kind, required: true });
  const sectionId = form.id('sectionId', { label: t.section });
  const tags = form.text('tags', { label: t.tags, max: 1000 });
  const language = form.choice('language', ['vi', 'en'] as const, { label: t.language, required: true });
  const translationOfId = form.id('translationOfId', { label: t.translationOf });
  const isReference = form.checkbox('isReference');
  const source = form.text('source', { label: t.source, max: 500 });
  const authorName = form.text('authorName', { label: t.authorName, max: 200 });
  const readerContribution = form.checkbox('readerContribution');
  const unitId = form.id('unitId', { label: t.unit });
  const eventDate = form.date('eventDate', { label: t.eventDate });
  const eventTime = form.text('eventTime', { label: t.eventTime, max: 5 });
  if (eventTime && !/^([01]\d|2[0-3]):[0-5]\d$/.test(eventTime)) form.fail('eventTime', `${t.eventTime}: HH:MM (07:30)`);
  const coverMediaId = form.id('coverMediaId', { label: t.cover });
  const coverAlt = form.text('coverAlt', { label: t.coverAlt, max: 300 });
  const coverCaption = form.text('coverCaption', { label: t.coverCaption, max: 500 });
  const attachmentValues = form.choices('attachmentIds', Array.isArray(raw.attachmentIds) ? (raw.attachmentIds as string[]) : typeof raw.attachmentIds === 'string' ? [raw.attachmentIds] : [], { label: t.attachments });
  const relatedText = form.text('relatedIds', { label: t.related, max: 200 });
  const relatedIds = idList(relatedText);
  if (relatedIds === null) form.fail('relatedIds', `${t.related}: 12, 15, 20`);
  const slug = form.text('slug', { label: t.slug, max: 120 });
  const doc = kind === 'document' ? readDocumentForm(form, raw, request.lang) : null;
  const entry = kind === 'entry' ? readEntryPart(form, raw) : null;
  // The provision fieldset (modules/provision/record.ts) is applied only when the form carried it.
  const provision = raw.provisionFields === '1' ? readProvisionForm(form, request.lang) : undefined;
  if (provision) form.values.provisionFields = '1';
  const lock = Number(raw.lockVersion);
  if (!form.ok || !title || !kind || !language) return { form, input: null, lockVersion: lock, lookups: [], addRowsTo: entry?.addRowsTo ?? null };
  return {
    form,
    addRowsTo: entry?.addRowsTo ?? null,
    ...(provision ? { provision } : {}),
    lockVersion: Number.isInteger(lock) ? lock : -1,
    lookups: doc?.lookups ?? [],
    input: {
      document: doc?.details ?? null,
      ...(entry ? { entry: entry.entry } : {}),
      kind,
      title,
      summary: summary ?? '',
      bodyHtml,
      coverMediaId,
      coverCaption,
      coverAlt,
      sectionId,
      tags: (tags ?? '').split(',').map((s) => s.trim()).filter(Boolean),
      source,
      authorName,
      readerContribution,
      unitId,
      eventAt: eventDate ? localDateTime(eventDate, eventTime ?? '00:00').toISOString() : null,
      language,
      translationOfId,
      isReference,
      relatedIds: relatedIds ?? [],
      attachmentIds: attachmentValues.map(Number).filter((n) => Number.isInteger(n) && n > 0),
      slug,
    },
  };
}

/**
 * The declared fields of an entry (modules/entries/form.ts): their values go
 * to the save, which checks them; what was typed goes back into the form.
 */
function readEntryPart(form: FormReader, raw: Record<string, unknown>): { entry: { kind: string; values: Record<string, unknown> }; addRowsTo: string | null } | null {
  const key = typeof raw.entryKind === 'string' ? raw.entryKind : '';
  form.values.entryKind = key;
  const kind = sectionKind(key);
  // An unknown kind is refused by the save (entryInputProblems), with its message.
  if (!kind) return { entry: { kind: key, values: {} }, addRowsTo: null };
  const { values, typed, addRowsTo } = readEntryForm(kind, raw);
  Object.assign(form.values, typed);
  return { entry: { kind: key, values }, addRowsTo };
}

/** 'YYYY-MM-DDTHH:MM' typed in Vietnam time → UTC ISO; null when empty; 'invalid' when unreadable. */
export function localDateTimeInput(value: string | null): string | null | 'invalid' {
  if (!value) return null;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(value.trim());
  if (!m) return 'invalid';
  try {
    return localDateTime(m[1]!, m[2]!).toISOString();
  } catch {
    return 'invalid';
  }
}
