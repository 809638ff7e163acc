// A site with announcements for the page checks (HTML checker, axe-core, XSS):
// a current one with every field, an expired one, and one whose title, summary
// and values carry markup an attacker would try. Its addresses are returned
// as the page types of a declared section.
import type { TestApp } from './app.ts';
import { makeBoard, type Board } from './editorial.ts';
import { publishEntry } from './entries.ts';

export const XSS = `"><script>alert(1)</script><img src=x onerror=alert(2)>`;

export interface EntryPages {
  board: Board;
  /** Label → address of every page type of a declared section. */
  pages: Record<string, string>;
}

export async function seedEntryPages(t: TestApp, key: string): Promise<EntryPages> {
  const board = await makeBoard(t, key, { hosts: [`${key}.test`, `${key}.localhost`] });
  const current = await publishEntry(board, 'announcement', { category: 'recruitment', validity: { from: '2026-11-20', to: '2026-12-31' }, issuedBy: [board.unitId], contact: 'Phòng Nội vụ, điện thoại 0260 3862 123' }, { title: 'Thông báo tuyển dụng viên chức năm 2026', summary: 'Tuyển 15 chỉ tiêu viên chức sự nghiệp giáo dục.', bodyHtml: '<p>Hồ sơ nộp tại Phòng Nội vụ từ ngày 20/11 đến 31/12/2026.</p>' });
  t.clock.advance(60_000);
  const expired = await publishEntry(board, 'announcement', { category: 'auction', validity: { from: '2026-11-01', to: '2026-11-10' } }, { title: 'Thông báo đấu giá quyền sử dụng đất', bodyHtml: '<p>Đấu giá 12 lô đất ở.</p>' });
  t.clock.advance(60_000);
  const hostile = await publishEntry(board, 'announcement', { category: 'other', validity: { from: '2026-11-20', to: null }, contact: XSS }, { title: `Thông báo ${XSS}`, summary: XSS, bodyHtml: `<p>Nội dung ${XSS.replace(/</g, '&lt;')}</p>` });
  return {
    board,
    pages: {
      list: '/thong-bao',
      'list filtered': '/thong-bao?category=recruitment&validity-tu=2026-11-01&sap-xep=ten',
      'list with a bad filter': `/thong-bao?category=${encodeURIComponent(XSS)}&validity-tu=31%2F02%2F2026`,
      archive: '/thong-bao?luu-tru=1',
      entry: `/thong-bao/${current.slug}`,
      'expired entry': `/thong-bao/${expired.slug}`,
      'hostile entry': `/thong-bao/${hostile.slug}`,
      home: '/',
      search: '/tim-kiem?q=tuyen+dung&loai=announcement',
      'sitemap page': '/so-do-trang',
    },
  };
}
