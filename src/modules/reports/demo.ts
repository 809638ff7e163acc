// The demo sites' last reports, so /admin/reports shows real ones on first
// start: the report of the month before last, prepared by the secretariat and
// approved (frozen) by the head on the 5th of the next month, and last
// month's report prepared as a draft waiting for approval.
import type { Role } from '../../core/permissions.ts';
import { monthPeriod } from '../../core/reports/section.ts';
import { addDays, startOfVietnamDate, vietnamDate, type Clock } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { AuditActor } from '../audit/store.ts';
import { roleLabel, type Site } from '../sites/site.ts';
import { computeReport } from './compute.ts';
import { defaultSubject } from './document.ts';
import { approveReport, prepareReport } from './manage-reports.ts';
import { placeFromAddress } from './place.ts';

const monthBefore = (month: string) => addDays(`${month}-01`, -1).slice(0, 7);

export async function loadDemoReports(db: Db, site: Site, byRole: Partial<Record<Role, number>>, names: Partial<Record<Role, string>>, actor: AuditActor, clock: Clock, place: string | null = null): Promise<void> {
  const now = clock.now();
  const last = monthBefore(vietnamDate(now).slice(0, 7));
  const beforeLast = monthBefore(last);
  const secretariat = { ...actor, userId: byRole.secretariat ?? null };
  const head = { id: byRole.editor_in_chief!, name: names.editor_in_chief ?? '' };
  const words = (month: string, number: string) => {
    const period = monthPeriod(month)!;
    return {
      number,
      subject: defaultSubject(site, { kind: 'monthly', period }),
      place: place ?? placeFromAddress(site) ?? 'Việt Nam',
      recipients: `${roleLabel(site, 'owner', 'vi')} (để báo cáo)\nCác thành viên ${roleLabel(site, 'board', 'vi')}`,
      signerTitle: roleLabel(site, 'editor_in_chief', 'vi'),
      assessment: 'Trong tháng, các đơn vị cơ bản thực hiện việc cung cấp thông tin theo quy chế; một số đơn vị còn chậm, chưa đủ số lượng tin bài theo chỉ tiêu.',
      proposals: 'Đề nghị lãnh đạo nhắc nhở các đơn vị chưa bảo đảm thời hạn và chỉ tiêu cung cấp thông tin.',
      reason: null,
    };
  };
  // Approved on the 5th of the following month at 10:00, Vietnam time (or now, if that is still to come).
  const approvedAt = new Date(Math.min(now.getTime(), startOfVietnamDate(`${last}-05`).getTime() + 3 * 3600_000));
  const then: Clock = { now: () => approvedAt };
  const id = await prepareReport(db, secretariat, 'monthly', beforeLast, words(beforeLast, `${Number(beforeLast.slice(5))}/BC-BBT`), then);
  const frozen = await computeReport(db, site, 'monthly', monthPeriod(beforeLast)!, approvedAt);
  await approveReport(db, { ...actor, userId: head.id }, id, head, frozen, then);
  await prepareReport(db, secretariat, 'monthly', last, words(last, `${Number(last.slice(5))}/BC-BBT`), clock);
}
