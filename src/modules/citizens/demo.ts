// Demo content of citizens' voice for a demo site, made through the real use
// cases: the access-to-information list, a question answered through the
// whole chain and published, cases waiting in the intake queue and with the
// unit, and a draft open for comment with a moderated comment. The requesters
// are invented; no mail is sent.
import type { Role } from '../../core/permissions.ts';
import { addDays, systemClock, vietnamDate, type Clock } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Mailer } from '../../platform/mail.ts';
import type { AuditActor } from '../audit/store.ts';
import { findUserById } from '../accounts/users-store.ts';
import { loadGrants } from '../members/grants.ts';
import type { Site } from '../sites/site.ts';
import { createConsultation, publishConsultation } from '../consultations/manage-consultations.ts';
import { moderateComment, submitComment } from '../consultations/comments.ts';
import { actOnAnswer, saveAnswer, sendAnswer } from './answer-workflow.ts';
import { loadStarterDisclosure } from './disclosure.ts';
import { assignCase, recordReceipt, type CaseContext } from './manage-cases.ts';
import { receiveCase, type CaseSubmission } from './receive.ts';
import { caseViewer } from './store.ts';

/** Demo requesters' mail goes nowhere. */
const SILENT_MAILER: Mailer = { mode: 'outbox', send: async () => {} };

type People = Partial<Record<Role, number>>;

function actorOf(siteId: number, userId: number, label: string): AuditActor {
  return { siteId, userId, onBehalfOfUserId: null, label, ip: null, userAgent: 'trangtin demo' };
}

async function personOf(db: Db, site: Site, userId: number, clock: Clock) {
  const user = await findUserById(db, userId);
  if (!user) throw new Error(`demo user ${userId} missing`);
  const grants = await loadGrants(db, site, user, vietnamDate(clock.now()));
  return { actor: actorOf(site.id, userId, user.name), grants, viewer: await caseViewer(db, site.id, grants) };
}

function question(site: Site, n: number, title: string, body: string, consent = true): CaseSubmission {
  return {
    kind: 'question',
    title,
    body,
    field: 'Đất đai',
    details: {},
    requester: { name: `Người dân thử nghiệm ${n}`, email: `nguoidan${n}@example.invalid`, phone: null, address: `Thôn ${n}, ${site.name.replace(/^Trang thông tin điện tử\s*/i, '')}` },
    consentPublish: consent,
  };
}

export async function loadDemoCitizens(db: Db, site: Site, people: People, unitId: number | null, clock: Clock = systemClock): Promise<void> {
  const { secretariat, responder, unit_head: unitHead, editor_in_chief: head } = people;
  if (!secretariat || !responder || !unitHead || !head || unitId === null) return;
  const ctx: CaseContext = { db, mailer: SILENT_MAILER, clock, linkBase: null };
  const receive = (input: CaseSubmission) => receiveCase({ db, files: null, mailer: SILENT_MAILER, clock }, site, input);
  const board = await personOf(db, site, secretariat, clock);
  const unitStaff = await personOf(db, site, responder, clock);

  await loadStarterDisclosure(db, board.actor, clock);

  // A question taken through the whole loop and published.
  const answered = await receive(
    question(site, 1, 'Thủ tục cấp giấy chứng nhận quyền sử dụng đất lần đầu', 'Gia đình tôi có thửa đất ở ổn định từ năm 1995, không tranh chấp. Xin hỏi cần chuẩn bị hồ sơ gì và nộp ở đâu để được cấp giấy chứng nhận lần đầu?'),
  );
  let row = await assignCase(ctx, board.actor, site, board.viewer, answered.id, null, { field: 'Đất đai', unitId, note: null });
  row = await recordReceipt(ctx, unitStaff.actor, site, unitStaff.viewer, row.id, row.lock_version);
  row = await saveAnswer(
    ctx,
    unitStaff.actor,
    unitStaff.viewer,
    row.id,
    row.lock_version,
    'Hồ sơ gồm: đơn đăng ký theo Mẫu số 04/ĐK; giấy tờ về quyền sử dụng đất (nếu có); chứng từ thực hiện nghĩa vụ tài chính (nếu có).\n\nÔng (bà) nộp hồ sơ tại Bộ phận tiếp nhận và trả kết quả của Ủy ban nhân dân cấp xã hoặc qua Cổng dịch vụ công quốc gia.',
  );
  row = await actOnAnswer(ctx, unitStaff.actor, unitStaff.grants, site, unitStaff.viewer, row.id, row.lock_version, 'submit', null);
  for (const approverId of [unitHead, head]) {
    const approver = await personOf(db, site, approverId, clock);
    row = await actOnAnswer(ctx, approver.actor, approver.grants, site, approver.viewer, row.id, row.lock_version, 'approve', null);
  }
  await sendAnswer(ctx, board.actor, site, board.viewer, row.id, row.lock_version, { publish: true, publicTitle: row.title, publicBody: row.body });

  // Waiting: one in the secretariat's intake, one with the unit.
  await receive(question(site, 2, 'Thời gian làm việc của Bộ phận một cửa vào thứ Bảy', 'Xin hỏi Bộ phận một cửa có làm việc vào sáng thứ Bảy không?'));
  const petition = await receive({
    kind: 'petition',
    title: 'Đề nghị niêm yết công khai mức phí đo đạc địa chính',
    body: 'Khi nộp hồ sơ, người dân không được biết trước mức phí đo đạc. Đề nghị niêm yết công khai tại nơi tiếp nhận hồ sơ.',
    field: 'Đất đai',
    details: { regulation: 'Quy định về phí đo đạc, lập bản đồ địa chính', proposal: 'Niêm yết mức phí tại Bộ phận một cửa và trên trang thông tin điện tử.' },
    requester: { name: 'Người dân thử nghiệm 3', email: null, phone: '0900000003', address: null },
    consentPublish: true,
  });
  await assignCase(ctx, board.actor, site, board.viewer, petition.id, null, { field: 'Đất đai', unitId, note: 'Đề nghị đơn vị xem xét, trả lời.' });

  await loadDemoConsultation(db, site, board, clock);
}

/** A draft open for comment from three days ago for a month, with one approved and one pending comment. */
async function loadDemoConsultation(db: Db, site: Site, board: Awaited<ReturnType<typeof personOf>>, clock: Clock): Promise<void> {
  const today = vietnamDate(clock.now());
  const draft = await createConsultation(db, board.actor, board.grants, site, {
    title: 'Dự thảo Quy chế quản lý chợ trên địa bàn',
    docType: 'quyet-dinh',
    draftingAgency: 'Phòng Kinh tế',
    summary: 'Dự thảo quy định việc quản lý, khai thác chợ; quyền và nghĩa vụ của thương nhân kinh doanh tại chợ.',
    bodyHtml: '<h2>Chương I. Quy định chung</h2><p><strong>Điều 1. Phạm vi điều chỉnh</strong></p><p>Quy chế này quy định việc quản lý, khai thác chợ trên địa bàn.</p><p><strong>Điều 2. Đối tượng áp dụng</strong></p><p>Ban quản lý chợ, thương nhân và người đến mua bán tại chợ.</p>',
    parts: ['Điều 1', 'Điều 2'],
    attachmentIds: [],
    contact: 'Phòng Kinh tế — điện thoại 0260 3000 000',
    opensOn: addDays(today, -3),
    closesOn: addDays(today, 27),
  }, clock);
  await publishConsultation(db, board.actor, board.grants, draft.id, clock);
  const published = await db.selectFrom('consultations').selectAll().where('id', '=', draft.id).executeTakeFirstOrThrow();
  const comment = (n: number, part: string, body: string) =>
    submitComment(db, SILENT_MAILER, published, { part, name: `Người góp ý ${n}`, email: `gopy${n}@example.invalid`, organisation: null, body }, { clock });
  const first = await comment(1, 'Điều 2', 'Đề nghị bổ sung người quản lý chợ tạm vào đối tượng áp dụng.');
  await comment(2, 'Điều 1', 'Đề nghị làm rõ chợ nào thuộc phạm vi (chợ hạng 1, 2, 3).');
  await moderateComment(db, board.actor, board.grants, draft.id, first, 'approve', null, clock);
}
