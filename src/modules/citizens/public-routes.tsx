// The public side of citizens' cases over HTTP: the four forms (each in
// Vietnamese and, when the site has English, English), the tracking page, the
// published questions and petitions with their open data. Forms work without
// JavaScript; robots are refused silently (nothing stored), people are told
// what to fix next to each field and keep what they typed.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { CASE_KIND_NAMES, normalizeTrackingCode, type CaseKind } from '../../core/citizens/index.ts';
import { documentCatalogue } from '../../core/documents/index.ts';
import { DomainError } from '../../core/errors.ts';
import { vietnamDate } from '../../core/time.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { FormReader } from '../../platform/http/form.ts';
import { checkFieldPart, multipartRefusal } from '../../platform/http/multipart.ts';
import { idParam } from '../../platform/http/request-info.ts';
import { namedRateLimit } from '../../platform/limits/rate-limit-store.ts';
import { formatMegabytes } from '../../platform/files/index.ts';
import { safeFileName, sniffUpload, type SniffedFile } from '../../platform/uploads/index.ts';
import { format, type Lang } from '../../ui/i18n.ts';
import { errorResponses } from '../api/schemas.ts';
import { ItemMetadata } from '../public/metadata.tsx';
import { servePage } from '../public/serve-page.ts';
import { countableRequest } from '../usage/countable.ts';
import { buildChrome, canonicalUrl, paths, publicLangFor } from '../public/site-view.ts';
import { SiteClosedError, type Site } from '../sites/site.ts';
import { sendSiteClosed, siteClosed } from '../public/closed-site.tsx';
import { ratingView } from '../ratings/rating-form.tsx';
import { CASE_ITEM_TYPES } from './public-index.ts';
import { DELIVERY_FORMS, MAX_COPIES, type CorrectionClaimDetails, type InfoRequestDetails, type PetitionDetails } from './case-details.ts';
import { ADDRESS_LIMIT, addressWindowStart, newStamp, PUBLIC_FORM_RATE_LIMIT, screenSubmission, stampedAt } from './protection.ts';
import { CaseFormPage, CaseSentPage, PublishedCasePage, PublishedListPage, TrackPage, FORM_PATH, formTitle, type CaseFormState, type FormLimits } from './public-pages.tsx';
import { citizenText } from './public-messages.ts';
import { sendCaseFile } from './file-download.ts';
import { caseFile } from './store.ts';
import { caseByTrackingCode, countFromAddress, handedOverTo, listPublishedCases, publicHistory, publishedCase, publishedItemAt, type PublishedCase } from './public-queries.ts';
import { earlierSameCase, receiveCase, type CaseSubmission, type ReceivedFile } from './receive.ts';
import { citizenDeadline } from './rules.ts';

/** Attachments: at most this many files of this size, PDF, Word or images (decided by content). */
export const MAX_CASE_FILES = 3;
export const MAX_CASE_FILE_BYTES = 10 * 1024 * 1024;
const CASE_FILE_TYPES = ['pdf', 'doc', 'docx', 'odt', 'jpg', 'png', 'gif', 'webp'];
/** Looking a case up by code: generous for people, far too slow to guess ~40-bit codes. */
const TRACK_RATE_LIMIT = { max: 30, timeWindow: '10 minutes' } as const;
const PAGE_SIZE = 20;

const publicAccess = { access: { kind: 'public' as const } };
// The per-IP limit is attached per form (below), shared by its Vietnamese and English addresses.
const formConfig = { ...publicAccess, csrf: 'origin' as const, multipart: true as const };

/** The field a "sent too fast" message goes under: the main text of each form. */
const MAIN_FIELD: Record<CaseKind, string> = { question: 'body', petition: 'body', info_request: 'purpose', correction_claim: 'wrong' };

export function caseFields(site: Pick<Site, 'settings'>): string[] {
  return documentCatalogue(site.settings as unknown as Record<string, unknown>).fields;
}

interface RawSubmission {
  fields: Record<string, string>;
  files: { data: Buffer; filename: string }[];
  /** Files beyond the limits, refused before their content is looked at. */
  fileProblem: 'too_many' | 'too_large' | null;
}

/** Reads a form posted as multipart (with files) or urlencoded (without). */
async function readSubmission(request: FastifyRequest): Promise<RawSubmission> {
  const out: RawSubmission = { fields: {}, files: [], fileProblem: null };
  if (!request.isMultipart()) {
    const body = (request.body ?? {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out.fields[k] = v;
    return out;
  }
  try {
    // One file more than allowed is read and dropped, so the form can say "too many" and keep every field.
    // throwFileSizeLimit (honoured by @fastify/multipart, missing from its types): a too large file is marked, the fields after it are still read.
    const options = { limits: { fileSize: MAX_CASE_FILE_BYTES, files: MAX_CASE_FILES + 1, fields: 60, parts: 70 }, throwFileSizeLimit: false } as Parameters<FastifyRequest['parts']>[0];
    for await (const part of request.parts(options)) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (part.file.truncated) out.fileProblem = 'too_large';
        else if (data.length > 0 || part.filename) {
          if (out.files.length >= MAX_CASE_FILES) out.fileProblem ??= 'too_many';
          else out.files.push({ data, filename: part.filename });
        }
      } else {
        checkFieldPart(part);
        if (typeof part.value === 'string') out.fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') out.fileProblem = 'too_many';
    else if (code === 'FST_REQ_FILE_TOO_LARGE') out.fileProblem = 'too_large';
    else throw multipartRefusal(error); // cut short or malformed: nothing of it is kept
  }
  return out;
}

/** What each uploaded file really is; every refused file is named. */
async function checkFiles(raw: RawSubmission, lang: Lang): Promise<{ files: ReceivedFile[]; problem: string | null }> {
  const t = citizenText(lang);
  if (raw.fileProblem === 'too_many') return { files: [], problem: format(t.tooManyFiles, { max: MAX_CASE_FILES }) };
  if (raw.fileProblem === 'too_large') return { files: [], problem: format(t.fileTooLarge, { size: formatMegabytes(MAX_CASE_FILE_BYTES, lang) }) };
  const files: ReceivedFile[] = [];
  const problems: string[] = [];
  for (const f of raw.files) {
    const name = safeFileName(f.filename);
    let sniffed: SniffedFile | null = null;
    try {
      sniffed = await sniffUpload(f.data, 'attachment', f.filename);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'empty_file') {
        problems.push(error.messageIn(lang));
        continue;
      }
    }
    if (!sniffed || !CASE_FILE_TYPES.includes(sniffed.ext)) problems.push(format(t.fileType, { name }));
    else files.push({ data: f.data, sniffed, originalName: safeFileName(f.filename, sniffed.ext) });
  }
  return { files, problem: problems.length > 0 ? problems.join(' ') : null };
}

/** The path on this site a pasted address points at, or null when it is another site's. */
function pathOnSite(request: FastifyRequest, typed: string): string | null {
  const origin = request.siteOrigin;
  let url: URL;
  try {
    url = new URL(typed, `${origin}/`);
  } catch {
    return null;
  }
  const hosts = [request.site.primaryHost ?? '', ...request.site.hosts].map((h) => h.toLowerCase().split(':')[0]);
  if (!['http:', 'https:'].includes(url.protocol) || !hosts.includes(url.hostname.toLowerCase())) return null;
  return url.pathname;
}

interface Parsed {
  submission: CaseSubmission | null;
  form: FormReader;
  email: string | null;
  phone: string | null;
}

/**
 * The requester's address, typed in a box of two lines (so the browser can fill a whole postal
 * address) and kept on one line: the personal-data check looks for it in what is published.
 */
function addressOf(form: FormReader, label: string, required = false): string | null {
  const value = form.text('address', { label, required, max: 300 });
  return value === null ? null : value.replace(/,?[ \t]*(?:\r?\n[ \t]*)+/g, ', ');
}

/** Reads and checks one kind's form; every problem is recorded against its field. */
async function parseForm(deps: AppDeps, request: FastifyRequest, kind: CaseKind, fields: Record<string, string>, lang: Lang): Promise<Parsed> {
  const t = citizenText(lang);
  const form = new FormReader(fields, lang);
  const name = form.text('name', { label: t.name, required: true, max: 120 });
  const email = form.email('email', { label: t.email });
  const phone = form.phone('phone', { label: t.phone });
  if (!email && !phone && !form.errors.email && !form.errors.phone) form.fail('email', t.emailOrPhoneMissing);
  const siteFields = caseFields(request.site);
  const field = form.choice('field', siteFields, { label: t.field });
  const requester = { name, email, phone, address: null as string | null, idNumber: null as string | null, organisation: null as string | null };
  const base = { kind, field, requester, consentPublish: false, lang };

  if (kind === 'question' || kind === 'petition') {
    requester.organisation = form.text('organisation', { label: t.organisation, max: 200 });
    requester.address = addressOf(form, t.address);
    const title = form.text('title', { label: kind === 'question' ? t.questionTitle : t.petitionSubject, required: true, max: 300 });
    const body = form.text('body', { label: kind === 'question' ? t.question : t.petitionBody, required: true, max: 10000 });
    let details: PetitionDetails | Record<string, never> = {};
    if (kind === 'petition') {
      const regulation = form.text('regulation', { label: t.regulation, required: true, max: 500 });
      const proposal = form.text('proposal', { label: t.proposal, required: true, max: 5000 });
      details = { regulation: regulation ?? '', proposal: proposal ?? '' };
    }
    const consentPublish = form.checkbox('consent');
    return { form, email, phone, submission: form.ok ? { ...base, title: title!, body: body!, details, consentPublish } : null };
  }

  if (kind === 'info_request') {
    const idNumber = form.text('idNumber', { label: t.idNumber, required: true, max: 20 });
    if (idNumber && !/^[A-Za-z0-9]{6,20}$/.test(idNumber.replace(/\s+/g, ''))) form.fail('idNumber', t.idNumberInvalid);
    requester.idNumber = idNumber ? idNumber.replace(/\s+/g, '').toUpperCase() : null;
    const idIssued = form.text('idIssued', { label: t.idIssued, max: 200 });
    requester.address = addressOf(form, t.residence, true);
    const docName = form.text('docName', { label: t.docName, max: 500 });
    const docNumber = form.text('docNumber', { label: t.docNumber, max: 80 });
    const docDate = form.date('docDate', { label: t.docDate });
    const docIssuer = form.text('docIssuer', { label: t.docIssuer, max: 300 });
    const description = form.text('description', { label: t.description, max: 5000 });
    if (!docName && !description && !form.errors.docName && !form.errors.description) form.fail('docName', t.infoWantedMissing);
    const purpose = form.text('purpose', { label: t.purpose, required: true, max: 2000 });
    const copies = form.integer('copies', { label: t.copies, required: true, minValue: 1, maxValue: MAX_COPIES });
    const delivery = form.choice('delivery', DELIVERY_FORMS, { label: t.deliveryForm, required: true });
    let deliveryAddress = form.text('deliveryAddress', { label: t.deliveryAddress, max: 300 });
    if (delivery === 'post' && !deliveryAddress) form.fail('deliveryAddress', t.deliveryAddressMissing);
    if (delivery === 'email') {
      if (!deliveryAddress) deliveryAddress = email;
      if (!deliveryAddress && !form.errors.email) form.fail('deliveryAddress', t.deliveryEmailMissing);
      else if (deliveryAddress && !/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(deliveryAddress)) form.fail('deliveryAddress', t.deliveryEmailInvalid);
    }
    const details: InfoRequestDetails = { idIssued, docName, docNumber, docDate, docIssuer, description, purpose: purpose ?? '', copies: copies ?? 1, delivery: delivery ?? 'office', deliveryAddress };
    const wanted = (docName ?? description ?? '').replace(/\s+/g, ' ');
    const title = `${CASE_KIND_NAMES.info_request[lang]}: ${wanted.length > 200 ? `${wanted.slice(0, 199)}…` : wanted}`;
    const body = [docName, docNumber, docDate, docIssuer, description].filter(Boolean).join('\n');
    return { form, email, phone, submission: form.ok ? { ...base, title, body, details } : null };
  }

  // A correction claim: the page concerned must be one of this site's.
  requester.address = addressOf(form, t.address);
  const url = form.text('url', { label: t.itemUrl, required: true, max: 500 });
  const path = url ? pathOnSite(request, url) : null;
  if (url && !path) form.fail('url', format(t.itemUrlInvalid, { origin: request.siteOrigin }));
  const wrong = form.text('wrong', { label: t.wrong, required: true, max: 5000 });
  const correction = form.text('correction', { label: t.correction, required: true, max: 5000 });
  if (!form.ok || !path) return { form, email, phone, submission: null };
  const item = await publishedItemAt(deps.database.db, request.site.id, path);
  const details: CorrectionClaimDetails = { url: path, itemTitle: item?.title ?? null, wrong: wrong!, correction: correction! };
  const about = item?.title ?? path;
  return {
    form,
    email,
    phone,
    submission: { ...base, title: `${CASE_KIND_NAMES.correction_claim[lang]}: ${about.length > 200 ? `${about.slice(0, 199)}…` : about}`, body: wrong!, details, articleId: item?.itemType === 'article' ? item.itemId : null },
  };
}

export function registerCitizenForms(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const origin = (request: FastifyRequest) => request.siteOrigin;
  const chrome = (request: FastifyRequest, lang: Lang, other: string | null) => buildChrome(deps, request, { lang, otherLangHref: other });

  async function limits(request: FastifyRequest, lang: Lang): Promise<FormLimits> {
    const retention = await citizenDeadline(db, request.site.id, 'retention.personal_data', deps.clock.now());
    return { maxFiles: MAX_CASE_FILES, maxSizeText: formatMegabytes(MAX_CASE_FILE_BYTES, lang), retentionDays: retention.amount, origin: origin(request) };
  }

  const otherLang = (kind: CaseKind, lang: Lang) => FORM_PATH[kind](lang === 'vi' ? 'en' : 'vi');

  async function formPage(request: FastifyRequest, reply: FastifyReply, kind: CaseKind, lang: Lang, state: CaseFormState | null, status = 200) {
    const c = await chrome(request, lang, otherLang(kind, lang));
    const html = await (
      <CaseFormPage chrome={c} kind={kind} state={state ?? { values: { copies: '1', delivery: 'email' }, errors: {}, stamp: newStamp(deps.keys.preview, deps.clock) }} fields={caseFields(request.site)} limits={await limits(request, lang)} />
    );
    return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  }

  async function sentPage(request: FastifyRequest, reply: FastifyReply, kind: CaseKind, lang: Lang, sent: { code: string; due: string; email: string | null } | null) {
    const c = await chrome(request, lang, null);
    const html = await (<CaseSentPage chrome={c} kind={kind} sent={sent} />);
    return reply.code(200).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  }

  async function submit(request: FastifyRequest, reply: FastifyReply, kind: CaseKind, lang: Lang) {
    const t = citizenText(lang);
    const raw = await readSubmission(request);
    const verdict = screenSubmission(deps.keys.preview, raw.fields, deps.clock);
    if (verdict === 'robot') {
      // Say nothing useful to a robot, and store nothing.
      request.log.info({ kind, reason: raw.fields.website ? 'honeypot' : 'stamp' }, 'citizen form refused as automated');
      return sentPage(request, reply, kind, lang, null);
    }
    const parsed = await parseForm(deps, request, kind, raw.fields, lang);
    const { form } = parsed;
    if (verdict === 'too_fast') form.fail(MAIN_FIELD[kind], t.tooFast);
    const checked = kind === 'info_request' ? { files: [], problem: null } : await checkFiles(raw, lang);
    if (checked.problem) form.fail('tep', checked.problem);
    const again = (status: number) =>
      formPage(request, reply, kind, lang, { values: form.values, errors: form.errors, stamp: newStamp(deps.keys.preview, deps.clock), filesDropped: raw.files.length > 0 || raw.fileProblem !== null }, status);
    if (!form.ok || !parsed.submission) return again(400);
    // Sent again (a reload of the confirmation, the back button): the same confirmation, not a second case.
    const since = stampedAt(raw.fields.stamp);
    const earlier = since ? await earlierSameCase(db, request.site.id, parsed.submission, since) : undefined;
    if (earlier) return sentPage(request, reply, kind, lang, { code: earlier.trackingCode, due: earlier.dueAt, email: parsed.email });
    const recent = await countFromAddress(db, request.site.id, parsed.email, parsed.phone, addressWindowStart(deps.clock));
    if (recent >= ADDRESS_LIMIT.max) {
      form.fail(parsed.email ? 'email' : 'phone', format(t.addressLimit, { max: ADDRESS_LIMIT.max }));
      return again(429);
    }
    let received;
    try {
      received = await receiveCase({ db, files: deps.files, mailer: deps.mailer, clock: deps.clock }, request.site, { ...parsed.submission, files: checked.files }, { linkBase: origin(request) });
    } catch (error) {
      // The site was archived while the form was being filled in.
      if (error instanceof SiteClosedError) return closedForm(request, reply, kind, lang);
      throw error;
    }
    if (received.mailErrors.length > 0) request.log.warn({ errors: received.mailErrors }, 'case receipt not e-mailed');
    return sentPage(request, reply, kind, lang, { code: received.trackingCode, due: received.dueAt, email: parsed.email });
  }

  /** A form of a site that no longer operates: where to send it instead (200 for a GET, 410 for a POST). */
  const closedForm = (request: FastifyRequest, reply: FastifyReply, kind: CaseKind, lang: Lang) => sendSiteClosed(deps, request, reply, { lang, title: formTitle(kind, lang), path: FORM_PATH[kind] });

  // ---- The four forms, in each language -----------------------------------------------------
  for (const kind of ['question', 'petition', 'info_request', 'correction_claim'] as const) {
    // One per-IP count per form: a limit in each route's config would count each language's address apart.
    const limited = namedRateLimit(app, `citizens.${kind}`, PUBLIC_FORM_RATE_LIMIT);
    for (const wanted of ['vi', 'en'] as const) {
      const path = FORM_PATH[kind](wanted);
      app.get(path, { config: publicAccess }, async (request, reply) => {
        const lang = publicLangFor(request.site, wanted);
        if (lang !== wanted) return notFound(request, reply);
        return siteClosed(request) ? closedForm(request, reply, kind, lang) : formPage(request, reply, kind, lang, null);
      });
      app.post(path, { config: formConfig, onRequest: limited }, async (request, reply) => {
        const lang = publicLangFor(request.site, wanted);
        if (lang !== wanted) return notFound(request, reply);
        return siteClosed(request) ? closedForm(request, reply, kind, lang) : submit(request, reply, kind, lang);
      });
    }
  }

  // ---- Tracking by code ---------------------------------------------------------------------------
  for (const wanted of ['vi', 'en'] as const) {
    app.get(paths.track(wanted), { config: { ...publicAccess, rateLimit: TRACK_RATE_LIMIT } }, async (request, reply) => {
      const lang = publicLangFor(request.site, wanted);
      if (lang !== wanted) return notFound(request, reply);
      const t = citizenText(lang);
      const typed = String((request.query as { ma?: unknown }).ma ?? '')
        .normalize('NFC')
        .trim()
        .slice(0, 40);
      let problem: string | null = null;
      let found = null;
      let history: { status: string; at: string }[] = [];
      if (typed) {
        const code = normalizeTrackingCode(typed);
        found = code ? await caseByTrackingCode(db, request.site.id, code) : null;
        // A case this site handed over when it stopped operating: its code is followed where it now is.
        const movedTo = code && !found ? await handedOverTo(db, request.site.id, code) : null;
        const holder = movedTo ? await deps.sites.byIdOrNull(movedTo) : null;
        if (holder?.primaryHost) return reply.redirect(`${deps.addresses.originOf(holder)}${paths.track(publicLangFor(holder, lang))}?ma=${encodeURIComponent(code!)}`, 303);
        if (!code) problem = t.codeInvalid;
        else if (!found) problem = format(t.codeNotFound, { code });
        else history = await publicHistory(db, request.site.id, found.id);
      }
      const c = await chrome(request, lang, paths.track(lang === 'vi' ? 'en' : 'vi'));
      const html = await (<TrackPage chrome={c} typed={typed} problem={problem} found={found} history={history} />);
      return reply
        .code(problem && !found && normalizeTrackingCode(typed) ? 404 : 200)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('x-robots-tag', 'noindex')
        .send(html);
    });
  }

  // A file sent with an answer: for whoever holds the code (the requester got it with the receipt), once the answer is sent.
  app.get('/tra-cuu-y-kien/tep/:fileId', { config: { ...publicAccess, rateLimit: TRACK_RATE_LIMIT } }, async (request, reply) => {
    const fileId = idParam((request.params as { fileId: string }).fileId);
    const code = normalizeTrackingCode(String((request.query as { ma?: unknown }).ma ?? '').slice(0, 40));
    const found = code && fileId ? await caseByTrackingCode(db, request.site.id, code) : null;
    const file = found?.answerFiles.find((f) => f.id === fileId) ? await caseFile(db, request.site.id, found.id, fileId!) : undefined;
    const stream = file ? deps.files.open(file.sha256) : null;
    if (!file || !stream) return notFound(request, reply);
    if (countableRequest(request)) deps.usage.download(request.site.id, 'case_file', file.id);
    return sendCaseFile(reply, file, stream);
  });

  // ---- Published questions and petitions ----------------------------------------------------------
  const listPage = (kind: 'question' | 'petition', wanted: Lang) => async (request: FastifyRequest, reply: FastifyReply) => {
    const lang = publicLangFor(request.site, wanted);
    if (lang !== wanted) return notFound(request, reply);
    const base = kind === 'question' ? paths.questions(lang) : paths.petitions(lang);
    return servePage(deps, request, reply, async () => {
      const q = request.query as Record<string, string | undefined>;
      const fields = caseFields(request.site);
      const filters = { field: fields.includes((q['linh-vuc'] ?? '').normalize('NFC')) ? (q['linh-vuc'] ?? '').normalize('NFC') : '', q: (q.q ?? '').normalize('NFC').trim().slice(0, 200) };
      const page = Math.max(1, Math.min(100_000, Number.parseInt(q.trang ?? '1', 10) || 1));
      const { rows, total } = await listPublishedCases(db, request.site.id, kind, { field: filters.field || null, q: filters.q }, PAGE_SIZE, (page - 1) * PAGE_SIZE);
      const c = await chrome(request, lang, kind === 'question' ? paths.questions(lang === 'vi' ? 'en' : 'vi') : paths.petitions(lang === 'vi' ? 'en' : 'vi'));
      return (await (
        <PublishedListPage chrome={{ ...c, current: 'questions' }} kind={kind} canonical={canonicalUrl(request, base)} rows={rows} total={total} page={page} pages={Math.max(1, Math.ceil(total / PAGE_SIZE))} fields={fields} filters={filters} base={base} />
      )) as string;
    });
  };
  app.get(paths.questions('vi'), { config: publicAccess }, listPage('question', 'vi'));
  app.get(paths.questions('en'), { config: publicAccess }, listPage('question', 'en'));
  app.get(paths.petitions('vi'), { config: publicAccess }, listPage('petition', 'vi'));
  app.get(paths.petitions('en'), { config: publicAccess }, listPage('petition', 'en'));

  const detailPage = (kind: 'question' | 'petition') => async (request: FastifyRequest, reply: FastifyReply) => {
    const id = idParam((request.params as { id: string }).id);
    if (!id) return notFound(request, reply);
    return servePage(deps, request, reply, async (sink) => {
      const item = await publishedCase(db, request.site.id, kind, id);
      if (!item) return null;
      sink.mark({ itemType: CASE_ITEM_TYPES[kind], itemId: id, sectionId: null });
      const c = await chrome(request, 'vi', null);
      const path = kind === 'question' ? paths.question(id) : paths.petition(id);
      const title = item.title || CASE_KIND_NAMES[kind].vi;
      const head = ItemMetadata({
        title,
        description: item.question.slice(0, 200),
        creator: item.unitName ?? c.agencyName,
        publisher: c.agencyName,
        date: vietnamDate(new Date(item.publishedAt)),
        language: 'vi',
        identifier: canonicalUrl(request, path),
        siteName: c.siteName,
        subject: item.field ?? title,
      });
      const rating = ratingView(request, { itemType: CASE_ITEM_TYPES[kind], itemId: id });
      return (await (<PublishedCasePage chrome={{ ...c, current: 'questions' }} item={item} canonical={canonicalUrl(request, path)} rating={rating} head={head} />)) as string;
    });
  };
  app.get('/hoi-dap/:id', { config: publicAccess }, detailPage('question'));
  app.get('/phan-anh-kien-nghi/:id', { config: publicAccess }, detailPage('petition'));

  registerOpenCases(app, deps);
}

// ---- Open data ------------------------------------------------------------------------------------

const NullableStr = Type.Union([Type.String(), Type.Null()]);

export const OpenCase = Type.Object(
  {
    id: Type.Integer(),
    title: Type.String({ description: 'The title as published by the agency.' }),
    question: Type.String({ description: 'The question or petition as published, with personal data removed.' }),
    answer: Type.String({ description: 'The answer, or the handling result of a petition.' }),
    field: NullableStr,
    unit: Type.Union([Type.String(), Type.Null()], { description: 'The unit that answered.' }),
    receivedOn: Type.String({ description: 'Date received (Vietnam time), YYYY-MM-DD.' }),
    answeredAt: NullableStr,
    publishedAt: Type.String(),
    url: Type.String({ description: 'The public page.' }),
  },
  { $id: 'OpenCase' },
);

function openCase(base: string, r: PublishedCase): Static<typeof OpenCase> {
  return {
    id: r.id,
    title: r.title,
    question: r.question,
    answer: r.answer,
    field: r.field,
    unit: r.unitName,
    receivedOn: vietnamDate(new Date(r.receivedAt)),
    answeredAt: r.answeredAt,
    publishedAt: r.publishedAt,
    url: `${base}${r.kind === 'question' ? paths.question(r.id) : paths.petition(r.id)}`,
  };
}

function registerOpenCases(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  app.addSchema(OpenCase);
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  for (const [kind, path, what] of [
    ['question', '/api/v1/open/questions', 'Published questions and their answers'],
    ['petition', '/api/v1/open/petitions', 'Published feedback and petitions with their handling results'],
  ] as const) {
    api.get(
      path,
      {
        config: publicAccess,
        schema: {
          tags: ['open data'],
          summary: `${what} (open data, no token needed; no personal data)`,
          security: [],
          querystring: Type.Object({
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
            perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            field: Type.Optional(Type.String({ maxLength: 200, description: 'A field (lĩnh vực) of the site, as written.' })),
            q: Type.Optional(Type.String({ maxLength: 200, description: 'Words of the title, question or answer; diacritics ignored.' })),
          }),
          response: { 200: Type.Object({ data: Type.Array(Type.Ref('OpenCase')), page: Type.Integer(), perPage: Type.Integer(), total: Type.Integer() }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const page = request.query.page ?? 1;
        const perPage = request.query.perPage ?? 50;
        const field = request.query.field?.normalize('NFC') ?? null;
        const { rows, total } = await listPublishedCases(db, request.site.id, kind, { field, q: request.query.q?.normalize('NFC') ?? null }, perPage, (page - 1) * perPage);
        const base = request.siteOrigin;
        reply.header('cache-control', 'public, max-age=300');
        return { data: rows.map((r) => openCase(base, r)), page, perPage, total };
      },
    );
  }
}
