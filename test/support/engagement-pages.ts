// A site with polls and a business promotion for the page checks (HTML
// checker, axe-core): a running poll, a multiple-choice one, a closed one with
// results, and a current promotion with its banner and confirmation letter.
// Its addresses are returned by page type.
import { createPoll, openPoll } from '../../src/modules/polls/manage-polls.ts';
import { uploadMedia } from '../../src/modules/media/media.ts';
import type { TestApp } from './app.ts';
import { makePng } from './docx.ts';
import { makeBoard, type Board } from './editorial.ts';
import { publishEntry } from './entries.ts';
import { systemActor } from './factories.ts';

export interface EngagementPages {
  board: Board;
  running: number;
  pages: Record<string, string>;
}

const LETTER = Buffer.from('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');

export async function seedEngagementPages(t: TestApp, key: string): Promise<EngagementPages> {
  const board = await makeBoard(t, key, { hosts: [`${key}.test`, `${key}.localhost`] });
  const actor = { ...systemActor(board.site.id), userId: board.people.editor_in_chief.id };
  const now = t.clock.now().getTime();
  const iso = (days: number) => new Date(now + days * 86_400_000).toISOString();
  const options = (labels: string[]) => labels.map((label) => ({ label, labelEn: null }));
  const running = await createPoll(t.db, actor, { question: 'Bạn đánh giá thế nào về dịch vụ công trực tuyến của huyện?', questionEn: null, description: 'Ý kiến của bạn giúp huyện cải thiện dịch vụ.\nBình chọn ẩn danh.', options: options(['Rất hài lòng', 'Hài lòng', 'Chưa hài lòng']), multiple: false, maxChoices: 1, opensAt: iso(-2), closesAt: iso(20), resultsBeforeClose: true }, t.clock);
  await openPoll(t.db, actor, running, t.clock);
  const multiple = await createPoll(t.db, actor, { question: 'Bạn quan tâm những lĩnh vực nào?', questionEn: null, description: null, options: options(['Y tế', 'Giáo dục', 'Giao thông', 'Môi trường']), multiple: true, maxChoices: 2, opensAt: iso(-1), closesAt: iso(10), resultsBeforeClose: false }, t.clock);
  await openPoll(t.db, actor, multiple, t.clock);
  const closed = await createPoll(t.db, actor, { question: 'Bạn thường đọc tin trên thiết bị nào?', questionEn: null, description: null, options: options(['Điện thoại', 'Máy tính']), multiple: false, maxChoices: 1, opensAt: iso(-40), closesAt: iso(-10), resultsBeforeClose: false }, t.clock);
  await t.db.updateTable('polls').set({ status: 'closed', ballots: 7 }).where('id', '=', closed).execute();
  const closedOptions = await t.db.selectFrom('poll_options').select('id').where('poll_id', '=', closed).orderBy('position').execute();
  await t.db.updateTable('poll_options').set({ votes: 5 }).where('id', '=', closedOptions[0]!.id).execute();
  await t.db.updateTable('poll_options').set({ votes: 2 }).where('id', '=', closedOptions[1]!.id).execute();
  const media = { ...systemActor(board.site.id), userId: board.people.contributor.id };
  const banner = await uploadMedia(t.db, t.deps.files, media, { data: makePng(300, 100, [20, 90, 40]), originalName: 'banner.png', purpose: 'image', alt: 'Biểu trưng Hợp tác xã Chè xanh' });
  const letter = await uploadMedia(t.db, t.deps.files, media, { data: LETTER, originalName: 'xac-nhan.pdf', purpose: 'attachment' });
  const today = new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);
  const day = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const promotion = await publishEntry(
    board,
    'promotion',
    {
      businessName: 'Hợp tác xã Chè xanh Thanh Mai',
      banner: { mediaId: banner.id, alt: 'Biểu trưng Hợp tác xã Chè xanh Thanh Mai', caption: 'Chè xanh Thanh Mai' },
      website: 'https://hoptacxachexanhthanhmaihuyennhuxuantinhthanhhoa.example.vn/gioi-thieu-san-pham-che-xanh-huu-co',
      introduction: 'Trồng và chế biến chè xanh theo hướng hữu cơ.',
      validity: { from: day(-3), to: day(30) },
      confirmation: letter.id,
      confirmationNumber: '15/2026/CV-HTX',
      confirmationDate: day(-5),
      confirmationSigner: 'Giám đốc Trần Văn Minh',
    },
    { title: 'Giới thiệu Hợp tác xã Chè xanh Thanh Mai', bodyHtml: '<p>Sản phẩm đạt chứng nhận OCOP 3 sao.</p>' },
  );
  return {
    board,
    running,
    pages: {
      'poll list': '/binh-chon',
      'running poll': `/binh-chon/${running}`,
      'multiple-choice poll': `/binh-chon/${multiple}`,
      'closed poll': `/binh-chon/${closed}`,
      'promotion list': '/quang-ba',
      promotion: `/quang-ba/${promotion.slug}`,
      home: '/',
    },
  };
}
