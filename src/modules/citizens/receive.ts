// Receiving a citizen's case (a question, a petition, an information request or
// a correction claim): the case row with its tracking code and legal deadline,
// its attachments and a 'receive' event, in one transaction; then, after
// commit, a back-office notification to the secretariat (no personal data in
// its title) and an e-mailed receipt to the requester with the tracking code.
// Used by the public forms and by the demo data.
import { answerDeadlineKey, CASE_KIND_NAMES, newTrackingCode, type CaseKind } from '../../core/citizens/index.ts';
import { formatDateTime, isoNow, type Clock } from '../../core/time.ts';
import { normalizeInput } from '../../core/vietnamese/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { FileStore } from '../../platform/files/index.ts';
import type { Mailer } from '../../platform/mail.ts';
import type { SniffedFile } from '../../platform/uploads/index.ts';
import type { Lang } from '../../ui/i18n.ts';
import { notify, resolveRecipients } from '../notifications/notify.ts';
import { paths } from '../public/site-view.ts';
import type { Site } from '../sites/site.ts';
import { demandSiteReceives } from '../sites/store.ts';
import { dueAt } from './rules.ts';

export interface ReceiveDeps {
  db: Db;
  /** Needed only when the submission carries files (demo and API cases may not). */
  files: FileStore | null;
  mailer: Mailer;
  clock: Clock;
}

export interface ReceivedFile {
  data: Buffer;
  /** What the content is (sniffUpload), never what the name or the browser said. */
  sniffed: SniffedFile;
  /** Already made safe for display (safeFileName). */
  originalName: string;
}

export interface CaseSubmission {
  kind: CaseKind;
  title: string;
  body: string;
  field: string | null;
  /** The kind-specific part (case-details.ts). */
  details: object;
  requester: {
    name: string | null;
    email: string | null;
    phone: string | null;
    address: string | null;
    idNumber?: string | null;
    organisation?: string | null;
  };
  consentPublish: boolean;
  channel?: 'online' | 'direct' | 'post' | 'api';
  /** A correction claim's published article, when the page concerned is one. */
  articleId?: number | null;
  files?: ReceivedFile[];
  /** The language of the receipt e-mail. */
  lang?: Lang;
}

export interface ReceivedCase {
  id: number;
  trackingCode: string;
  dueAt: string;
  /** Problems sending the receipt (the case is stored all the same). */
  mailErrors: string[];
}

const MAX_CODE_TRIES = 8;

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed|duplicate key/i.test(e?.message ?? '');
}

const clean = (value: string | null | undefined): string | null => {
  if (value === null || value === undefined) return null;
  const v = normalizeInput(value);
  return v === '' ? null : v;
};

/**
 * The case the same person sent with the same words since `since` (when the form was opened): a
 * reloaded confirmation page, or the form sent again from the back button, re-sends it. The web
 * form confirms that case again instead of filing a second one.
 */
export async function earlierSameCase(db: Db, siteId: number, input: CaseSubmission, since: string): Promise<{ trackingCode: string; dueAt: string } | undefined> {
  const r = input.requester;
  const email = clean(r.email)?.toLowerCase() ?? null;
  const phone = clean(r.phone);
  const found = await db
    .selectFrom('citizen_cases')
    .select(['tracking_code', 'due_at'])
    .where('site_id', '=', siteId)
    .where('kind', '=', input.kind)
    .where('created_at', '>=', since)
    .where('title', '=', normalizeInput(input.title))
    .where('body', '=', normalizeInput(input.body))
    .where((eb) => (email ? eb('requester_email', '=', email) : phone ? eb('requester_phone', '=', phone) : eb('requester_name', '=', clean(r.name) ?? '')))
    .orderBy('id')
    .executeTakeFirst();
  return found ? { trackingCode: found.tracking_code, dueAt: found.due_at ?? '' } : undefined;
}

/** Stores a case and acknowledges it. `linkBase` (the site's origin) makes the links in the e-mails absolute. */
export async function receiveCase(
  deps: ReceiveDeps,
  site: Pick<Site, 'id' | 'settings' | 'name' | 'agencyName'>,
  input: CaseSubmission,
  opts: { linkBase?: string | null; newCode?: (kind: CaseKind) => string } = {},
): Promise<ReceivedCase> {
  const { db, clock } = deps;
  const now = clock.now();
  const nowIso = isoNow(clock);
  const due = (await dueAt(db, site, answerDeadlineKey(input.kind), now)).toISOString();
  // Bytes first: the store is content-addressed, so a failed transaction leaves at most an unreferenced copy.
  const stored: { sha256: string; size: number; file: ReceivedFile }[] = [];
  for (const f of input.files ?? []) {
    if (!deps.files) throw new Error('receiveCase: files given without a file store');
    stored.push({ ...(await deps.files.put(f.data)), file: f });
  }
  const makeCode = opts.newCode ?? ((kind: CaseKind) => newTrackingCode(kind));
  const r = input.requester;

  let id = 0;
  let trackingCode = '';
  for (let attempt = 1; ; attempt++) {
    trackingCode = makeCode(input.kind);
    try {
      id = await db.transaction().execute(async (trx) => {
        await demandSiteReceives(trx, site.id);
        const row = await trx
          .insertInto('citizen_cases')
          .values({
            site_id: site.id,
            kind: input.kind,
            tracking_code: trackingCode,
            status: 'received',
            field: clean(input.field),
            title: normalizeInput(input.title),
            body: normalizeInput(input.body),
            details: JSON.stringify(input.details ?? {}),
            requester_name: clean(r.name),
            requester_email: clean(r.email)?.toLowerCase() ?? null,
            requester_phone: clean(r.phone),
            requester_address: clean(r.address),
            requester_id_number: clean(r.idNumber),
            requester_organisation: clean(r.organisation),
            consent_publish: input.consentPublish ? 1 : 0,
            channel: input.channel ?? 'online',
            due_at: due,
            article_id: input.articleId ?? null,
            created_at: nowIso,
            updated_at: nowIso,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (const s of stored) {
          await trx
            .insertInto('citizen_case_files')
            .values({ site_id: site.id, case_id: row.id, sha256: s.sha256, mime: s.file.sniffed.mime, ext: s.file.sniffed.ext, size: s.size, original_name: s.file.originalName, created_at: nowIso })
            .execute();
        }
        await trx
          .insertInto('citizen_case_events')
          .values({ site_id: site.id, case_id: row.id, action: 'receive', from_status: null, to_status: 'received', note: null, actor_user_id: null, on_behalf_of_user_id: null, created_at: nowIso })
          .execute();
        return row.id;
      });
      break;
    } catch (error) {
      // Two cases drawing the same code is rare (~40 bits); draw again.
      if (!isUniqueViolation(error) || attempt >= MAX_CODE_TRIES) throw error;
    }
  }

  // After commit: tell the secretariat, then the requester.
  const kindName = CASE_KIND_NAMES[input.kind];
  const recipients = await resolveRecipients(db, site.id, [{ kind: 'permission', permission: 'interaction.moderate' }], clock);
  await notify(
    db,
    deps.mailer,
    {
      siteId: site.id,
      kind: 'case.received',
      itemType: 'citizen_case',
      itemId: id,
      title: `${kindName.vi} mới: ${trackingCode}`,
      body: `${kindName.vi} mới gửi qua trang thông tin điện tử, mã ${trackingCode}.\nLĩnh vực: ${clean(input.field) ?? '—'}\nHạn trả lời: ${formatDateTime(due)}\n\nTiêu đề: ${normalizeInput(input.title)}`,
      link: `/admin/cases/${id}`,
    },
    recipients,
    { clock, linkBase: opts.linkBase ?? null },
  );
  const mailErrors: string[] = [];
  const email = clean(r.email);
  if (email) {
    await deps.mailer.send(receiptMail(site, input, email, trackingCode, due, nowIso, opts.linkBase ?? '')).catch((err: Error) => mailErrors.push(err.message));
  }
  return { id, trackingCode, dueAt: due, mailErrors };
}

function receiptMail(site: Pick<Site, 'name' | 'agencyName'>, input: CaseSubmission, to: string, code: string, due: string, at: string, base: string) {
  const lang = input.lang ?? 'vi';
  const kind = CASE_KIND_NAMES[input.kind][lang];
  const track = `${base}${paths.track(lang)}?ma=${code}`;
  const name = clean(input.requester.name);
  if (lang === 'en') {
    return {
      to,
      subject: `${kind} received — tracking code ${code}`,
      text: [
        `${name ? `Dear ${name}` : 'Hello'},`,
        '',
        `${site.agencyName} received your ${kind.toLowerCase()} on ${formatDateTime(at)} (Vietnam time).`,
        '',
        `Title: ${normalizeInput(input.title)}`,
        `Tracking code: ${code}`,
        `To be answered by: ${formatDateTime(due)}`,
        input.kind === 'info_request' ? 'If the request is complex, you will be told within 3 working days when it will be answered (at most 15 working days, extendable once by 15).' : '',
        '',
        `Follow its progress at: ${track}`,
        '',
        `${site.name} — this message was sent automatically; please do not reply to it.`,
      ]
        .filter((l, i, all) => l !== '' || all[i - 1] !== '')
        .join('\n'),
    };
  }
  return {
    to,
    subject: `Đã tiếp nhận ${kind.toLowerCase()} — mã tra cứu ${code}`,
    text: [
      `Kính gửi ${name ?? 'Ông/Bà'},`,
      '',
      `${site.agencyName} đã tiếp nhận ${kind.toLowerCase()} của Ông/Bà lúc ${formatDateTime(at)}.`,
      '',
      `Tiêu đề: ${normalizeInput(input.title)}`,
      `Mã tra cứu: ${code}`,
      `Hạn trả lời theo quy định: ${formatDateTime(due)}`,
      input.kind === 'info_request' ? 'Trường hợp yêu cầu phức tạp, cơ quan sẽ thông báo thời hạn cung cấp trong 3 ngày làm việc (tối đa 15 ngày làm việc, có thể gia hạn một lần không quá 15 ngày làm việc).' : '',
      '',
      `Theo dõi tình trạng xử lý tại: ${track}`,
      '',
      `${site.name} — thư gửi tự động, xin đừng trả lời thư này.`,
    ]
      .filter((l, i, all) => l !== '' || all[i - 1] !== '')
      .join('\n'),
  };
}
