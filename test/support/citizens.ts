// Citizens' cases for tests, inserted directly (as the public forms would
// store them), so back-office tests do not depend on the forms.
import assert from 'node:assert/strict';
import type { Insertable } from 'kysely';
import { newTrackingCode, type CaseKind } from '../../src/core/citizens/index.ts';
import type { Db } from '../../src/platform/db/database.ts';
import type { CitizenCaseRow, CitizenCasesTable } from '../../src/platform/db/schema.ts';
import type { FileStore } from '../../src/platform/files/index.ts';
import type { Site } from '../../src/modules/sites/site.ts';
import { Agent, textOf } from './agent.ts';
import type { TestApp } from './app.ts';
import type { Board } from './editorial.ts';
import type { TestUser } from './factories.ts';

const SAMPLES: Record<CaseKind, { title: string; body: string }> = {
  question: { title: 'Thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ', body: 'Tôi muốn xây nhà 3 tầng trên đất ở của gia đình.\n\nXin hỏi cần những giấy tờ gì và nộp ở đâu?' },
  petition: { title: 'Kiến nghị đơn giản hóa thủ tục đăng ký kinh doanh hộ cá thể', body: 'Quy định yêu cầu nộp bản sao chứng thực nhiều giấy tờ đã có trong cơ sở dữ liệu quốc gia về dân cư.' },
  info_request: { title: 'Đề nghị cung cấp quy hoạch sử dụng đất xã năm 2026', body: 'Đề nghị cung cấp bản đồ và quyết định phê duyệt quy hoạch sử dụng đất của xã.' },
  correction_claim: { title: 'Thông tin sai về lịch tiếp công dân', body: 'Bài viết ghi lịch tiếp công dân vào thứ Bảy, thực tế là thứ Năm.' },
};

export type CaseOverrides = Partial<Omit<Insertable<CitizenCasesTable>, 'site_id' | 'kind'>>;

/** A case as a form would have stored it: received, with the requester's data, created now (or when given). */
export async function makeCase(db: Db, site: Site, kind: CaseKind, overrides: CaseOverrides = {}, now: Date = new Date()): Promise<CitizenCaseRow> {
  const stamp = now.toISOString();
  return db
    .insertInto('citizen_cases')
    .values({
      site_id: site.id,
      kind,
      tracking_code: newTrackingCode(kind),
      status: 'received',
      title: SAMPLES[kind].title,
      body: SAMPLES[kind].body,
      details: '{}',
      requester_name: 'Nguyễn Thị Hoa',
      requester_email: 'hoa.nguyen@example.vn',
      requester_phone: '0912 345 678',
      requester_address: 'Thôn Mới, xã Thanh Quân',
      consent_publish: kind === 'question' ? 1 : 0,
      channel: 'online',
      created_at: stamp,
      updated_at: stamp,
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An attachment of a case: bytes in the file store, a row beside the case. */
export async function addCaseFile(db: Db, files: FileStore, site: Site, caseId: number, file: { name: string; data: Buffer; mime: string; ext: string }): Promise<number> {
  const stored = await files.put(file.data);
  const row = await db
    .insertInto('citizen_case_files')
    .values({ site_id: site.id, case_id: caseId, sha256: stored.sha256, mime: file.mime, ext: file.ext, size: stored.size, original_name: file.name, created_at: new Date().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The back office of cases as its people use it: one signed-in agent per
 * person, actions posted with the case's current version as the page would,
 * and a case taken from intake through the default answer chain (unit head,
 * then editor-in-chief) to "approved, to send".
 */
export function caseDesk(t: TestApp, b: Board, responder: TestUser, field: string) {
  const agents = new Map<string, Agent>();
  async function as(email: string): Promise<Agent> {
    let agent = agents.get(email);
    if (!agent) {
      agent = new Agent(t.app, b.host);
      await agent.login(email);
      agents.set(email, agent);
    }
    return agent;
  }
  const row = (id: number) => t.db.selectFrom('citizen_cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  /** Posts an action's form with the case's current version, as the page would. */
  async function act(email: string, id: number, path: string, form: Record<string, string> = {}) {
    const agent = await as(email);
    return agent.post(`/admin/cases/${id}/${path}`, { lockVersion: String((await row(id)).lock_version), ...form });
  }
  async function ok(email: string, id: number, path: string, form: Record<string, string> = {}) {
    const res = await act(email, id, path, form);
    assert.equal(res.statusCode, 303, `${path}: ${textOf(res.body).slice(0, 600)}`);
    return res;
  }
  /** Intake → the unit → the answer through the default chain (unit head, then editor-in-chief). */
  async function answerThroughChain(id: number, answer: string) {
    await ok(b.people.secretariat.email, id, 'assign', { field, unitId: String(b.unitId) });
    await ok(responder.email, id, 'receipt');
    await ok(responder.email, id, 'answer', { answer, intent: 'submit' });
    await ok(b.people.unit_head.email, id, 'review', { decision: 'approve' });
    await ok(b.people.editor_in_chief.email, id, 'review', { decision: 'approve' });
  }
  /** Everyone signs in again (sessions time out when the clock moves over a weekend). */
  const signOutAll = () => agents.clear();
  return { as, row, act, ok, answerThroughChain, signOutAll };
}

export type CaseDesk = ReturnType<typeof caseDesk>;
