// The life of a report: the secretariat prepares a draft (number, subject,
// place, recipients, signer's position, the board's assessment and
// proposals), the head approves it, and approval freezes the figures computed
// at that moment into the row. An approved version never changes; a new
// version may be prepared (with a reason) and approved again, and every
// version is kept. Each step is audited in its own transaction.
import { DomainError, Problems } from '../../core/errors.ts';
import type { ReportKind } from '../../core/reports/section.ts';
import { isoNow, systemClock, vietnamDate, type Clock } from '../../core/time.ts';
import { engineOf, inTransaction, type Db } from '../../platform/db/database.ts';
import type { ReportRow } from '../../platform/db/schema.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import type { ReportFigures } from './compute.ts';

export interface ReportDraft {
  number: string;
  subject: string;
  place: string;
  /** One recipient a line. */
  recipients: string;
  signerTitle: string;
  assessment: string;
  proposals: string;
  /** Required when an approved version exists: why it is issued again. */
  reason: string | null;
}

function checkDraft(input: ReportDraft): void {
  const problems = new Problems();
  const need = (field: keyof ReportDraft, value: string, vi: string, en: string) => {
    if (value.trim() === '') problems.add({ code: 'required', field, vi: `Hãy nhập ${vi}.`, en: `Enter the ${en}.` });
  };
  need('number', input.number, 'số báo cáo', 'report number');
  need('subject', input.subject, 'trích yếu (nội dung báo cáo)', 'subject');
  need('place', input.place, 'địa danh', 'place');
  need('signerTitle', input.signerTitle, 'chức vụ người ký', "signer's position");
  need('recipients', input.recipients, 'nơi nhận', 'recipients');
  problems.throwIfAny();
}

async function latestVersion(trx: Db, siteId: number, kind: string, periodKey: string): Promise<ReportRow | undefined> {
  return trx
    .selectFrom('reports')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('kind', '=', kind)
    .where('period_key', '=', periodKey)
    .orderBy('version', 'desc')
    .limit(1)
    .$if(engineOf(trx) === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
}

/** Saves the draft of a period's report: the open draft if there is one, else a new version. Returns its id. */
export async function prepareReport(db: Db, actor: AuditActor, kind: ReportKind, periodKey: string, input: ReportDraft, clock: Clock = systemClock): Promise<number> {
  checkDraft(input);
  return inTransaction(db, async (trx) => {
    const latest = await latestVersion(trx, actor.siteId, kind, periodKey);
    const now = isoNow(clock);
    const fields = {
      number: input.number,
      subject: input.subject,
      place: input.place,
      recipients: input.recipients,
      signer_title: input.signerTitle,
      assessment: input.assessment,
      proposals: input.proposals,
      prepared_by_user_id: actor.userId,
      updated_at: now,
    };
    let id: number;
    let version: number;
    if (latest?.state === 'draft') {
      if (latest.version > 1 && !input.reason) throw reasonNeeded();
      await trx.updateTable('reports').set({ ...fields, reissue_reason: latest.version > 1 ? input.reason : null }).where('id', '=', latest.id).where('state', '=', 'draft').execute();
      id = latest.id;
      version = latest.version;
    } else {
      if (latest && !input.reason) throw reasonNeeded();
      version = (latest?.version ?? 0) + 1;
      const row = await trx
        .insertInto('reports')
        .values({ site_id: actor.siteId, kind, period_key: periodKey, version, state: 'draft', ...fields, reissue_reason: latest ? input.reason : null, signer_name: null, figures: null, approved_by_user_id: null, approved_at: null, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = row.id;
    }
    await appendAudit(trx, actor, { action: 'report.prepare', targetType: 'report', targetId: id, details: { kind, period: periodKey, version, number: input.number, ...(input.reason ? { reason: input.reason } : {}) } }, clock);
    return id;
  });
}

function reasonNeeded(): DomainError {
  return new DomainError({ code: 'reason_required', field: 'reason', vi: 'Báo cáo của kỳ này đã được phê duyệt; hãy ghi lý do ban hành phiên bản mới.', en: 'This report was approved already; give the reason for a new version.' });
}

/**
 * Approves a draft and freezes the figures given (computed by the caller just
 * before, for the same site, kind and period). The approver signs.
 */
export async function approveReport(db: Db, actor: AuditActor, reportId: number, approver: { id: number; name: string }, figures: ReportFigures, clock: Clock = systemClock): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('reports').selectAll().where('site_id', '=', actor.siteId).where('id', '=', reportId).$if(engineOf(trx) === 'postgres', (q) => q.forUpdate()).executeTakeFirst();
    if (!row) throw new DomainError({ code: 'not_found', vi: 'Không tìm thấy báo cáo.', en: 'Report not found.' }, 404);
    if (row.state !== 'draft') throw new DomainError({ code: 'already_approved', vi: 'Phiên bản này đã được phê duyệt; số liệu đã chốt không thay đổi.', en: 'This version is approved already; its figures are frozen.' }, 409);
    if (figures.kind !== row.kind || figures.period.key !== row.period_key) throw new Error('figures of another report');
    const failed = figures.sections.filter((s) => s.failed).map((s) => s.title);
    if (failed.length > 0) {
      throw new DomainError({ code: 'section_failed', vi: `Chưa thể phê duyệt: không tính được số liệu của phần ${failed.map((f) => `«${f.vi}»`).join(', ')}.`, en: `Cannot approve: the figures of ${failed.map((f) => `"${f.en}"`).join(', ')} could not be computed.` }, 409);
    }
    // Frozen figures of a period still running would be frozen short for good.
    if (figures.period.to >= vietnamDate(clock.now())) {
      throw new DomainError({ code: 'period_not_over', vi: `Chưa thể phê duyệt: kỳ báo cáo kết thúc ngày ${figures.period.to.split('-').reverse().join('/')}; số liệu chỉ được chốt khi kỳ đã qua.`, en: `Cannot approve yet: the period ends on ${figures.period.to}; figures are frozen only once it is over.` }, 409);
    }
    const now = isoNow(clock);
    const result = await trx
      .updateTable('reports')
      .set({ state: 'approved', figures: JSON.stringify(figures), signer_name: approver.name, approved_by_user_id: approver.id, approved_at: now, updated_at: now })
      .where('id', '=', row.id)
      .where('state', '=', 'draft')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new DomainError({ code: 'already_approved', vi: 'Phiên bản này vừa được phê duyệt.', en: 'This version was just approved.' }, 409);
    await appendAudit(trx, actor, { action: 'report.approve', targetType: 'report', targetId: row.id, details: { kind: row.kind, period: row.period_key, version: row.version, number: row.number, sections: figures.sections.map((s) => s.key) } }, clock);
  });
}
