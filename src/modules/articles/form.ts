// Between the article editor form and the article: reading what was typed
// into an ArticleInput, and filling the form from a saved article.
import type { FastifyRequest } from 'fastify';
import { localDateTime, toLocalDate } from '../../core/calendar/index.ts';
import type { FormValues } from '../../platform/http/form.ts';
import { FormReader } from '../../platform/http/form.ts';
import { ARTICLE_KINDS, type ArticleContent } from './article.ts';
import { articleText } from './messages.ts';
import type { ArticleInput } from './save-article.ts';

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
  };
}

function idList(text: string | null): number[] | null {
  if (!text) return [];
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.some((p) => !/^\d{1,10}$/.test(p))) return null;
  return parts.map(Number);
}

/** Reads the editor form; problems of shape are in `form.errors`. */
export function readArticleForm(request: FastifyRequest): { form: FormReader; input: ArticleInput | null; lockVersion: number } {
  const t = articleText(request.lang);
  const form = new FormReader(request.body, request.lang);
  const raw = request.body as Record<string, unknown>;
  const bodyHtml = typeof raw.bodyHtml === 'string' ? raw.bodyHtml.normalize('NFC') : '';
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
  const lock = Number(raw.lockVersion);
  if (!form.ok || !title || !kind || !language) return { form, input: null, lockVersion: lock };
  return {
    form,
    lockVersion: Number.isInteger(lock) ? lock : -1,
    input: {
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
