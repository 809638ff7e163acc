// How an entry's values read on the public pages, for every field type a
// declaration may use (the announcement kind uses few of them): money in
// đồng with Vietnamese thousands, dates dd/mm/yyyy, choices by label,
// references by name or as links, files with type and size, pictures with
// their description, rows as a table with header cells; and internal fields
// never shown, nor exported.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FieldDecl, SectionKind } from '../../../core/entries/index.ts';
import type { MediaItem } from '../../media/media.ts';
import type { PublicChrome } from '../../public/layout.tsx';
import { exportedFields, openValue } from './open-data.ts';
import { EntryPage } from './pages.tsx';
import { emptyLookup, FieldValue, valueText } from './values.tsx';

const f = (type: FieldDecl['type'], extra: Partial<FieldDecl> = {}): FieldDecl => ({ key: type, type, label: { vi: `Trường ${type}`, en: type }, ...extra });
const media = (id: number, extra: Partial<MediaItem>): MediaItem => ({ id, sha256: 'a'.repeat(64), kind: 'file', mime: 'application/pdf', ext: 'pdf', size: 2_621_440, width: null, height: null, originalName: 'ke-hoach.pdf', alt: null, caption: null, openFormat: true, private: false, variants: [], createdAt: '2026-11-01T00:00:00Z', url: `/media/${'a'.repeat(64)}/original.pdf`, ...extra });

const lookup = emptyLookup();
lookup.units.set(3, 'Phòng Tài chính – Kế hoạch');
lookup.people.set(9, 'Nguyễn Văn An');
lookup.documents.set(21, { url: '/van-ban/quyet-dinh-15-2026', title: 'Quyết định 15/2026/QĐ-UBND' });
lookup.entries.set(30, { url: '/thong-bao/thong-bao-a', title: 'Thông báo A' });
lookup.media.set(40, media(40, {}));
lookup.media.set(41, media(41, { kind: 'image', mime: 'image/jpeg', ext: 'jpg', originalName: 'cau.jpg', width: 800, height: 600, url: '/media/b/original.jpg' }));

const html = async (field: FieldDecl, value: unknown) => String(await FieldValue({ field, value, lookup, lang: 'vi' }));

test('each field type reads as a person expects', async () => {
  assert.equal(valueText(f('money'), 1_250_000_000, lookup, 'vi'), '1.250.000.000 đồng');
  assert.equal(valueText(f('number'), 1234.5, lookup, 'vi'), '1.234,5');
  assert.equal(valueText(f('date'), '2026-12-05', lookup, 'vi'), '05/12/2026');
  assert.equal(valueText(f('datetime'), '2026-12-05T01:30:00.000Z', lookup, 'vi'), '05/12/2026 08:30');
  assert.equal(valueText(f('time'), '07:30', lookup, 'vi'), '07:30');
  assert.equal(valueText(f('daterange'), { from: '2026-12-01', to: '2026-12-31' }, lookup, 'vi'), 'Từ 01/12/2026 đến 31/12/2026');
  const choices = f('choices', { choices: [{ value: 'a', label: { vi: 'Nhóm A', en: 'Group A' } }, { value: 'b', label: { vi: 'Nhóm B', en: 'Group B' } }] });
  assert.equal(valueText(choices, ['a', 'b'], lookup, 'vi'), 'Nhóm A; Nhóm B');
  assert.equal(valueText(f('units'), [3], lookup, 'vi'), 'Phòng Tài chính – Kế hoạch');
  assert.equal(valueText(f('people'), [9], lookup, 'vi'), 'Nguyễn Văn An');
  assert.match(await html(f('money'), 1_250_000_000), /1\.250\.000\.000 đồng/);
  assert.match(await html(f('daterange'), { from: '2026-12-01', to: null }), /<time datetime="2026-12-01">01\/12\/2026<\/time> – <span>chưa xác định<\/span>/);
  // A document that is not published (22) is not named.
  assert.equal(await html(f('documents'), [21, 22]), '<a href="/van-ban/quyet-dinh-15-2026">Quyết định 15/2026/QĐ-UBND</a>');
  assert.match(await html(f('entries'), [30]), /<a href="\/thong-bao\/thong-bao-a">Thông báo A<\/a>/);
  assert.match(await html(f('files'), [40]), /<a href="\/media\/a+\/original.pdf" download="ke-hoach.pdf">ke-hoach.pdf<\/a> <span class="muted">\(PDF, 2,5 MB\)<\/span>/);
  const picture = await html(f('pictures'), [{ mediaId: 41, alt: 'Cầu treo bản Mới', caption: 'Cầu sau khi hoàn thành' }]);
  assert.match(picture, /<img src="\/media\/b\/original.jpg" alt="Cầu treo bản Mới" width="800" height="600"/);
  assert.match(picture, /<figcaption>Cầu sau khi hoàn thành<\/figcaption>/);
  assert.match(await html(f('link'), 'https://dichvucong.gov.vn'), /href="https:\/\/dichvucong.gov.vn" rel="noopener nofollow"/);
  assert.match(await html(f('phone'), '0260 3862 123'), /href="tel:02603862123"/);
});

test('rows are an accessible table: a caption, column header cells, each cell labelled on phones', async () => {
  const rows = f('rows', { fields: [f('time', { key: 'at', label: { vi: 'Thời gian', en: 'Time' } }), f('text', { key: 'what', label: { vi: 'Nội dung', en: 'What' } }), f('text', { key: 'secret', label: { vi: 'Ghi chú nội bộ', en: 'Note' }, internal: true })] });
  const table = await html(rows, [{ at: '07:30', what: 'Họp giao ban', secret: 'không công khai' }]);
  assert.match(table, /<caption class="visually-hidden">Trường rows<\/caption>/);
  assert.match(table, /<th scope="col">Thời gian<\/th><th scope="col">Nội dung<\/th><\/tr>/);
  assert.match(table, /<td data-label="Thời gian"><span>07:30<\/span><\/td>/);
  assert.doesNotMatch(table, /không công khai|Ghi chú nội bộ/);
});

test('internal fields are neither on the entry page nor in open data', async () => {
  const kind: SectionKind = {
    key: 'test_project',
    label: { vi: 'Dự án', en: 'Project' },
    plural: { vi: 'Dự án', en: 'Projects' },
    description: { vi: 'Dự án đầu tư.', en: 'Projects.' },
    path: 'du-an-thu',
    fields: [f('money', { key: 'total', label: { vi: 'Tổng mức đầu tư', en: 'Total' } }), f('text', { key: 'note', label: { vi: 'Ghi chú nội bộ', en: 'Internal note' }, internal: true })],
    defaultSort: { field: 'published', direction: 'desc' },
  };
  assert.deepEqual(exportedFields(kind).map((x) => x.key), ['total']);
  assert.equal(openValue(kind.fields[0]!, 1_250_000_000, lookup, 'http://x'), 1_250_000_000);
  const chrome = { lang: 'vi', siteName: 'Trang', agencyName: 'UBND', homeHref: '/', logo: null, bannerUrl: null, themeCssUrl: null, nav: [], moreSections: false, otherLang: null, homeCurrent: false, searchAction: '/tim-kiem', query: '', sizeLinks: [], size: 'vua', status: 'active', statusNotice: null, mergedInto: null, contact: {}, licence: null, channels: [], links: [], saveData: false, counter: null, contactHref: '/lien-he', sitemapHref: '/so-do-trang', rssHref: '/rss.xml' } satisfies PublicChrome;
  const page = String(
    await EntryPage({
      chrome,
      canonical: 'http://x/du-an-thu/a',
      kind,
      sectionTitle: 'Dự án',
      base: '/du-an-thu',
      content: { kind: 'entry', title: 'Dự án cầu treo', summary: '', bodyHtml: '', coverMediaId: null, coverCaption: null, coverAlt: null, sectionId: null, tags: [], source: null, authorName: null, readerContribution: false, unitId: null, eventAt: null, language: 'vi', translationOfId: null, isReference: false, relatedIds: [], attachmentIds: [], slug: 'a', document: null, entry: { kind: 'test_project', values: { total: 1_250_000_000, note: 'Nhà thầu chậm tiến độ' } } },
      lookup,
      attachments: [],
      publishedAt: '2026-11-20T02:00:00Z',
      updatedAt: '2026-11-22T02:00:00Z',
      corrections: [{ note: 'Sửa tổng mức đầu tư', published_at: '2026-11-22T02:00:00Z' }],
      today: '2026-11-23',
      rating: null,
      views: [],
      head: '',
    }),
  );
  assert.match(page, /<th scope="row">Tổng mức đầu tư<\/th><td><span>1\.250\.000\.000 đồng<\/span><\/td>/);
  assert.doesNotMatch(page, /Nhà thầu chậm tiến độ|Ghi chú nội bộ/);
  assert.match(page, /Đăng lúc: 20\/11\/2026 09:00/);
  assert.match(page, /Cập nhật lúc: 22\/11\/2026 09:00/);
  assert.match(page, /Đính chính[\s\S]*Sửa tổng mức đầu tư/);
});
