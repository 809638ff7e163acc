// Sample procedures for a demo site: three common commune or provincial
// procedures, created and published through the real use cases (revisions,
// audit rows, search index). Safe to call again: codes already on the site are left alone.
//
//   import { loadDemoProcedures } from '../procedures/demo.ts';
//   await loadDemoProcedures(db, site, { userId: people.publisher.id }, clock);
import { blankDetails, type ProcedureInput } from '../../core/procedures/index.ts';
import type { Grants } from '../../core/permissions.ts';
import { systemClock, type Clock } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { AuditActor } from '../audit/store.ts';
import type { Site } from '../sites/site.ts';
import { createProcedure, setPublished } from './manage-procedures.ts';
import { procedureFields } from './store.ts';

function samples(site: Site): ProcedureInput[] {
  const level = site.level === 'province' || site.level === 'department' ? 'province' : site.level === 'district' ? 'district' : 'commune';
  const agency = site.agencyName;
  const base = (overrides: Partial<ProcedureInput['details']>) => ({ ...blankDetails(), ...overrides });
  return [
    {
      code: '1.001193',
      name: 'Thủ tục đăng ký khai sinh',
      level,
      field: 'Tư pháp',
      agency,
      details: base({
        steps: ['Người yêu cầu nộp hồ sơ tại Bộ phận tiếp nhận và trả kết quả hoặc trên Cổng dịch vụ công', 'Công chức tư pháp - hộ tịch kiểm tra hồ sơ, ghi nội dung khai sinh vào Sổ hộ tịch', 'Trả Giấy khai sinh cho người yêu cầu'],
        methods: [{ method: 'direct', note: 'Giờ hành chính các ngày làm việc' }, { method: 'online', note: 'Qua Cổng dịch vụ công quốc gia' }],
        dossier: [{ name: 'Tờ khai đăng ký khai sinh theo mẫu', originals: 1, copies: 0, note: null }, { name: 'Giấy chứng sinh hoặc giấy tờ thay thế', originals: 1, copies: 0, note: null }],
        timeLimit: { text: 'Ngay trong ngày làm việc; nếu nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo', workingDays: null },
        subjects: ['Cá nhân'],
        result: 'Giấy khai sinh (bản chính)',
        fees: [{ name: 'Lệ phí đăng ký khai sinh đúng hạn', amount: 'Miễn' }],
        legalBasis: [{ text: 'Luật Hộ tịch số 60/2014/QH13', documentArticleId: null }],
        online: { level: 'full', url: 'https://dichvucong.gov.vn/' },
        handler: { name: 'Công chức Tư pháp - Hộ tịch', phone: null, email: null },
      }),
    },
    {
      code: '1.000894',
      name: 'Thủ tục chứng thực bản sao từ bản chính giấy tờ, văn bản',
      level,
      field: 'Tư pháp',
      agency,
      details: base({
        steps: ['Người yêu cầu xuất trình bản chính và bản sao cần chứng thực', 'Người thực hiện chứng thực kiểm tra, đối chiếu và chứng thực', 'Trả bản sao đã chứng thực'],
        methods: [{ method: 'direct', note: null }],
        dossier: [{ name: 'Bản chính giấy tờ, văn bản làm cơ sở chứng thực', originals: 1, copies: 0, note: null }, { name: 'Bản sao cần chứng thực', originals: 0, copies: 1, note: null }],
        timeLimit: { text: 'Trong ngày cơ quan tiếp nhận yêu cầu hoặc ngày làm việc tiếp theo nếu tiếp nhận sau 15 giờ', workingDays: null },
        subjects: ['Cá nhân, tổ chức'],
        result: 'Bản sao được chứng thực từ bản chính',
        fees: [{ name: 'Phí chứng thực', amount: '2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang, tối đa 200.000 đồng/bản' }],
        legalBasis: [{ text: 'Nghị định số 23/2015/NĐ-CP về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính', documentArticleId: null }],
        online: { level: 'none', url: null },
      }),
    },
    {
      code: '2.000908',
      name: 'Thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ',
      level,
      field: 'Xây dựng',
      agency,
      details: base({
        steps: ['Nộp hồ sơ đề nghị cấp giấy phép xây dựng', 'Cơ quan cấp phép kiểm tra hồ sơ, thẩm định và kiểm tra thực địa', 'Trả giấy phép xây dựng'],
        methods: [{ method: 'direct', note: null }, { method: 'postal', note: null }, { method: 'online', note: null }],
        dossier: [{ name: 'Đơn đề nghị cấp giấy phép xây dựng theo mẫu', originals: 1, copies: 0, note: null }, { name: 'Giấy tờ hợp pháp về đất đai', originals: 0, copies: 1, note: 'Bản sao có chứng thực' }, { name: 'Bản vẽ thiết kế xây dựng', originals: 2, copies: 0, note: null }],
        timeLimit: { text: '15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ', workingDays: null },
        subjects: ['Hộ gia đình, cá nhân'],
        result: 'Giấy phép xây dựng',
        fees: [{ name: 'Lệ phí cấp giấy phép xây dựng', amount: 'Theo nghị quyết của Hội đồng nhân dân tỉnh' }],
        legalBasis: [{ text: 'Luật Xây dựng số 50/2014/QH13, được sửa đổi, bổ sung bởi Luật số 62/2020/QH14', documentArticleId: null }],
        online: { level: 'partial', url: 'https://dichvucong.gov.vn/' },
      }),
    },
  ];
}

/** Creates and publishes the sample procedures on a site, as the given user (or the system). Returns how many were added. */
export async function loadDemoProcedures(db: Db, site: Site, by: { userId: number | null }, clock: Clock = systemClock): Promise<number> {
  const actor: AuditActor = { siteId: site.id, userId: by.userId, onBehalfOfUserId: null, label: 'demo', ip: null, userAgent: null };
  // The demo loader acts as the installation: it may create and publish on any active site.
  const grants: Grants = { userId: by.userId ?? 0, platformAdmin: true, ownRoles: [], delegated: [], siteWritable: true, scopes: null };
  const fields = procedureFields(site);
  let added = 0;
  for (const sample of samples(site)) {
    const exists = await db.selectFrom('procedures').select('id').where('site_id', '=', site.id).where('code', '=', sample.code).executeTakeFirst();
    if (exists) continue;
    const row = await createProcedure(db, actor, grants, sample, fields, clock);
    await setPublished(db, actor, grants, row.id, true, clock);
    added += 1;
  }
  return added;
}
