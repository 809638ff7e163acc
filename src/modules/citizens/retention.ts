// Retention of citizens' personal data (issue 6, protection): once a case has
// been closed, a consultation has ended, or a contact message has been dealt
// with for longer than the site's dated rule `retention.personal_data`, the
// names, e-mail addresses, phone numbers, addresses and identity numbers are
// erased, and the attachments a citizen sent are deleted. What was asked, what
// was answered and the figures stay: only who asked goes.
import { CLOSED_STATUSES } from '../../core/citizens/index.ts';
import { isoNow, systemClock, type Clock } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { FileStore } from '../../platform/files/index.ts';
import { siteCalendar } from '../articles/workflow-context.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import type { Site } from '../sites/site.ts';
import { removeIfUnused } from './answer-files.ts';
import { citizenDeadline } from './rules.ts';
import { eraseForumContacts } from '../forum/retention.ts';

/** Keys of a case's `details` JSON that hold personal data (delivery address, representative, contact). */
const PERSONAL_DETAIL_KEY = /name|address|phone|email|e_mail|identity|id_number|cccd|passport|fax|representative|delivery_to/i;
/** What an erased name reads as in the back office. */
export const ERASED = '[đã xóa]';

export interface ErasureCounts {
  cases: number;
  files: number;
  comments: number;
  contactMessages: number;
  forumPosts: number;
}

function systemActor(siteId: number): AuditActor {
  return { siteId, userId: null, onBehalfOfUserId: null, label: 'Hệ thống (lưu trữ dữ liệu cá nhân)', ip: null, userAgent: 'trangtin-retention' };
}

/** The details without their personal keys (nested objects are cleaned too). */
export function withoutPersonalDetails(details: unknown): unknown {
  if (Array.isArray(details)) return details.map(withoutPersonalDetails);
  if (typeof details !== 'object' || details === null) return details;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) if (!PERSONAL_DETAIL_KEY.test(key)) kept[key] = withoutPersonalDetails(value);
  return kept;
}

/**
 * Erases the personal data whose retention period has ended on this site. Safe
 * to run again (erased rows are stamped and skipped) and on several nodes.
 */
export async function erasePersonalData(db: Db, files: FileStore, site: Pick<Site, 'id' | 'settings'>, clock: Clock = systemClock): Promise<ErasureCounts> {
  const now = clock.now();
  const rule = await citizenDeadline(db, site.id, 'retention.personal_data', now);
  const calendar = siteCalendar(site);
  // The period has ended for something finished at `at` when its deadline is behind us.
  const expired = (at: string | null) => at !== null && calendar.deadline(new Date(at), rule).getTime() <= now.getTime();
  // No period on any calendar is shorter than its amount of plain days (or hours): rows newer than that are not read.
  const floorMs = rule.amount * (rule.unit === 'working_hours' ? 3600_000 : 86_400_000);
  const notBefore = new Date(now.getTime() - floorMs).toISOString();
  const stamp = isoNow(clock);
  const counts: ErasureCounts = { cases: 0, files: 0, comments: 0, contactMessages: 0, forumPosts: 0 };
  const orphaned = new Set<string>();

  await db.transaction().execute(async (trx) => {
    const cases = await trx
      .selectFrom('citizen_cases')
      .select(['id', 'closed_at', 'details'])
      .where('site_id', '=', site.id)
      .where('personal_data_erased_at', 'is', null)
      .where('status', 'in', [...CLOSED_STATUSES])
      .where('closed_at', '<=', notBefore)
      .execute();
    const caseIds = cases.filter((c) => expired(c.closed_at)).map((c) => c.id);
    for (const c of cases.filter((x) => caseIds.includes(x.id))) {
      await trx
        .updateTable('citizen_cases')
        .set({
          requester_name: ERASED,
          requester_email: null,
          requester_phone: null,
          requester_address: null,
          requester_id_number: null,
          requester_organisation: null,
          details: JSON.stringify(withoutPersonalDetails(JSON.parse(c.details || '{}'))),
          personal_data_erased_at: stamp,
        })
        .where('id', '=', c.id)
        .where('site_id', '=', site.id)
        .execute();
    }
    counts.cases = caseIds.length;
    if (caseIds.length > 0) {
      const fileRows = await trx.selectFrom('citizen_case_files').select(['id', 'sha256']).where('site_id', '=', site.id).where('case_id', 'in', caseIds).execute();
      if (fileRows.length > 0) {
        await trx.deleteFrom('citizen_case_files').where('site_id', '=', site.id).where('case_id', 'in', caseIds).execute();
        for (const f of fileRows) orphaned.add(f.sha256);
      }
      counts.files = fileRows.length;
    }

    // Comments on drafts: from the end of the consultation (concluded, else its closing day).
    const consultations = await trx.selectFrom('consultations').select(['id', 'closes_on', 'concluded_at']).where('site_id', '=', site.id).execute();
    const ended = consultations.filter((c) => expired(c.concluded_at ?? `${c.closes_on}T16:59:59.999Z`)).map((c) => c.id);
    if (ended.length > 0) {
      const erased = await trx
        .updateTable('consultation_comments')
        .set({ name: ERASED, email: null, organisation: null, personal_data_erased_at: stamp })
        .where('site_id', '=', site.id)
        .where('consultation_id', 'in', ended)
        .where('personal_data_erased_at', 'is', null)
        .executeTakeFirst();
      counts.comments = Number(erased.numUpdatedRows);
    }

    // Contact messages: from when they were dealt with (or received, if never marked).
    const messages = await trx
      .selectFrom('contact_messages')
      .select(['id', 'created_at', 'handled_at'])
      .where('site_id', '=', site.id)
      .where('personal_data_erased_at', 'is', null)
      .where('created_at', '<=', notBefore)
      .execute();
    const messageIds = messages.filter((m) => expired(m.handled_at ?? m.created_at)).map((m) => m.id);
    if (messageIds.length > 0) {
      await trx.updateTable('contact_messages').set({ name: ERASED, email: null, phone: null, personal_data_erased_at: stamp }).where('site_id', '=', site.id).where('id', 'in', messageIds).execute();
    }
    counts.contactMessages = messageIds.length;

    // Forum posters' e-mail or phone: from the post's moderation (or its sending); the display name was public anyway.
    counts.forumPosts = await eraseForumContacts(trx, site.id, notBefore, expired, stamp);

    if (counts.cases + counts.comments + counts.contactMessages + counts.forumPosts > 0) {
      await appendAudit(trx, systemActor(site.id), { action: 'personal_data.erase', targetType: 'site', targetId: site.id, details: { ...counts, rule } }, clock);
    }
  });

  // Bytes go after commit, and only when no case (of any site) and no media item still uses them.
  for (const sha256 of orphaned) await removeIfUnused(db, files, sha256);
  return counts;
}
