// A site that stops operating (a district abolished on 1 Jul 2025: archived,
// or merged into the commune or province that takes over its duties) hands its
// open cases over to a site that still operates, in the transaction that
// changes its status (sites/manage-sites.ts): nothing it still owes a citizen
// is left where nobody answers, and its own deadlines stop with it.
//
// A case moves with its events and files and keeps what the citizen was given:
// the tracking code (the old site's tracking page sends it on), the time it was
// received and its legal deadlines. Its routing starts again in the receiving
// site's intake (units, chains and people are per site); a draft answer stays
// as a starting point. The move is audited on both sites; the receiving board
// and the requesters are told after commit (docs/adr/0010).
import { CASE_KIND_NAMES, CLOSED_STATUSES, type CaseKind } from '../../core/citizens/index.ts';
import { DomainError } from '../../core/errors.ts';
import { isoNow, type Clock } from '../../core/time.ts';
import { engineOf, type Db } from '../../platform/db/database.ts';
import type { CitizenCaseRow } from '../../platform/db/schema.ts';
import type { Mailer } from '../../platform/mail.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { notify, resolveRecipients } from '../notifications/notify.ts';
import type { Site } from '../sites/site.ts';
import { mailRequester } from './case-mail.ts';

/** Ids per statement, well under both engines' limits on bound parameters. */
const CHUNK = 500;

function chunks<T>(list: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

/** How many cases of a site are not closed yet. */
export async function openCaseCount(db: Db, siteId: number): Promise<number> {
  const row = await db
    .selectFrom('citizen_cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('site_id', '=', siteId)
    .where('status', 'not in', [...CLOSED_STATUSES])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface HandedOver {
  from: Site;
  to: Site;
  /** The cases as they are on the receiving site. */
  cases: CitizenCaseRow[];
}

/**
 * Moves every open case of `from` to `to`, inside the caller's transaction
 * (the one that archives or merges `from`). `actor` is the actor of the status
 * change, on `from`'s audit chain.
 */
export async function handOverOpenCases(trx: Db, actor: AuditActor, from: Site, to: Site, clock: Clock): Promise<HandedOver> {
  const open = await trx
    .selectFrom('citizen_cases')
    .selectAll()
    .where('site_id', '=', from.id)
    .where('status', 'not in', [...CLOSED_STATUSES])
    .orderBy('id')
    .$if(engineOf(trx) === 'postgres', (q) => q.forUpdate())
    .execute();
  if (open.length === 0) return { from, to, cases: [] };
  // Codes are unique per site; two sites drawing the same ~40-bit code is rare, but a move must not break one.
  const taken: string[] = [];
  for (const part of chunks(open)) {
    const rows = await trx.selectFrom('citizen_cases').select('tracking_code').where('site_id', '=', to.id).where('tracking_code', 'in', part.map((c) => c.tracking_code)).execute();
    taken.push(...rows.map((r) => r.tracking_code));
  }
  if (taken.length > 0) {
    throw new DomainError({
      code: 'handover_code_taken',
      field: 'handoverSiteId',
      vi: `Trang tiếp nhận đã có ý kiến trùng mã tra cứu (${taken.join(', ')}); hãy chọn trang khác hoặc xử lý xong các ý kiến đó trước.`,
      en: `The receiving site already has cases with the same tracking codes (${taken.join(', ')}); choose another site or close those cases first.`,
    });
  }
  const now = isoNow(clock);
  for (const part of chunks(open.map((c) => c.id))) {
    await trx
      .updateTable('citizen_cases')
      .set((eb) => ({
        site_id: to.id,
        received_site_id: eb.fn.coalesce('received_site_id', eb.val(from.id)),
        // Routing, the unit's receipt and the answer chain belong to the old site's units and people.
        status: 'received',
        unit_id: null,
        assigned_at: null,
        assigned_by_user_id: null,
        receipt_due_at: null,
        receipt_recorded_at: null,
        receipt_recorded_by_user_id: null,
        review_state: 'draft',
        step_index: null,
        step_entered_at: null,
        step_due_at: null,
        assignee_user_id: null,
        approvals: '[]',
        chain: null,
        answer_author_user_id: null,
        // A correction claim's article stays on the old site, which the new one cannot correct.
        article_id: null,
        lock_version: eb('lock_version', '+', 1),
        updated_at: now,
      }))
      .where('site_id', '=', from.id)
      .where('id', 'in', part)
      .execute();
    await trx.updateTable('citizen_case_events').set({ site_id: to.id }).where('site_id', '=', from.id).where('case_id', 'in', part).execute();
    await trx.updateTable('citizen_case_files').set({ site_id: to.id }).where('site_id', '=', from.id).where('case_id', 'in', part).execute();
  }
  const note = `${from.name} → ${to.name}`;
  const receiving: AuditActor = { ...actor, siteId: to.id };
  for (const before of open) {
    await trx
      .insertInto('citizen_case_events')
      .values({ site_id: to.id, case_id: before.id, action: 'handover', from_status: before.status, to_status: 'received', note, actor_user_id: actor.userId, on_behalf_of_user_id: actor.onBehalfOfUserId, created_at: now })
      .execute();
    await appendAudit(trx, receiving, { action: 'citizen_case.handover', targetType: 'citizen_case', targetId: before.id, details: { code: before.tracking_code, from: before.status, to: 'received', fromSiteId: from.id } }, clock);
  }
  const codes = open.map((c) => c.tracking_code);
  await appendAudit(trx, actor, { action: 'site.handover', targetType: 'site', targetId: from.id, details: { toSiteId: to.id, count: codes.length, codes } }, clock);
  const cases: CitizenCaseRow[] = [];
  for (const part of chunks(open.map((c) => c.id))) {
    cases.push(...(await trx.selectFrom('citizen_cases').selectAll().where('site_id', '=', to.id).where('id', 'in', part).orderBy('id').execute()));
  }
  return { from, to, cases };
}

/**
 * After commit: the receiving board learns what waits in its intake, and each
 * requester with an e-mail address who now answers and where to follow it.
 * `linkBase` is the receiving site's origin.
 */
export async function announceHandover(deps: { db: Db; mailer: Mailer; clock: Clock }, handedOver: HandedOver, linkBase: string | null): Promise<string[]> {
  const { from, to, cases } = handedOver;
  if (cases.length === 0) return [];
  const board = await resolveRecipients(deps.db, to.id, [{ kind: 'permission', permission: 'interaction.moderate' }], deps.clock);
  const lines = cases.map((c) => `- ${c.tracking_code} — ${CASE_KIND_NAMES[c.kind as CaseKind]?.vi ?? c.kind}: ${c.title.length > 120 ? `${c.title.slice(0, 119)}…` : c.title}`);
  const { mailErrors } = await notify(
    deps.db,
    deps.mailer,
    {
      siteId: to.id,
      kind: 'citizen_case.handover',
      itemType: null,
      itemId: null,
      title: `${cases.length} ý kiến chuyển giao từ ${from.name}`,
      body: `${from.name} đã ngừng hoạt động. Các ý kiến chưa xử lý xong được chuyển giao cho trang này và đang chờ phân loại (giữ nguyên mã tra cứu và thời hạn trả lời):\n\n${lines.join('\n')}`,
      link: '/admin/cases',
    },
    board,
    { clock: deps.clock, linkBase },
  );
  for (const row of cases) {
    const problem = await mailRequester(deps.mailer, to, row, 'handed_over', { from: from.name }, linkBase);
    if (problem) mailErrors.push(problem);
  }
  return mailErrors;
}
