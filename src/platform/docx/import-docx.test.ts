import assert from 'node:assert/strict';
import { test } from 'node:test';
import JSZip from 'jszip';
import { makeDocx, makePng } from '../../../test/support/docx.ts';
import { DomainError } from '../../core/errors.ts';
import { encodeLegacy } from '../../core/vietnamese/index.ts';
import { importDocx } from './index.ts';

const PNG = makePng(4, 3);

test('a full document: title out of the body, h2/h3, emphasis, list, table, image placeholder with alt', async () => {
  const docx = await makeDocx({
    blocks: [
      { kind: 'title', text: 'Hội nghị tổng kết công tác năm 2024' },
      { kind: 'heading', level: 1, text: 'Kết quả đạt được' },
      { kind: 'paragraph', content: [{ text: 'UBND tỉnh ' }, { text: 'đã hoàn thành', bold: true }, { text: ' kế hoạch ' }, { text: 'đề ra', italic: true }, { text: '.' }] },
      { kind: 'heading', level: 2, text: 'Chỉ tiêu chính' },
      { kind: 'bullets', items: ['Thu ngân sách vượt 5%', 'Giải ngân đầu tư công đạt 95%'] },
      { kind: 'table', rows: [['Chỉ tiêu', 'Kết quả'], ['Thu ngân sách', '105%']], headerRow: true },
      { kind: 'image', data: PNG, alt: 'Quang cảnh hội nghị' },
    ],
  });
  const result = await importDocx(docx);
  assert.equal(result.title, 'Hội nghị tổng kết công tác năm 2024');
  assert.equal(
    result.html,
    '<h2>Kết quả đạt được</h2>' +
      '<p>UBND tỉnh <strong>đã hoàn thành</strong> kế hoạch <em>đề ra</em>.</p>' +
      '<h3>Chỉ tiêu chính</h3>' +
      '<ul><li>Thu ngân sách vượt 5%</li><li>Giải ngân đầu tư công đạt 95%</li></ul>' +
      '<table><thead><tr><th scope="col"><p>Chỉ tiêu</p></th><th scope="col"><p>Kết quả</p></th></tr></thead>' +
      '<tbody><tr><td><p>Thu ngân sách</p></td><td><p>105%</p></td></tr></tbody></table>' +
      '<p><img alt="Quang cảnh hội nghị" src="docx-image:1" /></p>',
  );
  assert.equal(result.images.length, 1);
  const [image] = result.images;
  assert.equal(image?.placeholder, 'docx-image:1');
  assert.equal(image?.contentType, 'image/png');
  assert.equal(image?.altText, 'Quang cảnh hội nghị');
  assert.ok(image?.buffer.equals(PNG), 'the image bytes are the embedded PNG');
  assert.equal(result.converted, null);
  assert.deepEqual(result.warnings, []);
});

test('a TCVN3 paragraph (.VnTime) in a Unicode document is converted, the rest untouched', async () => {
  const legacy = encodeLegacy('Ban biên tập trang thông tin điện tử họp định kỳ hằng tháng', 'tcvn3');
  const docx = await makeDocx({
    title: 'Thông báo',
    paragraphs: ['Đây là đoạn văn bằng Unicode.', { text: legacy, font: '.VnTime' }],
  });
  const result = await importDocx(docx);
  assert.equal(result.converted, 'tcvn3');
  assert.equal(
    result.html,
    '<p>Đây là đoạn văn bằng Unicode.</p><p>Ban biên tập trang thông tin điện tử họp định kỳ hằng tháng</p>',
  );
});

test('a whole VNI document converts, its title included', async () => {
  const vni = (text: string) => encodeLegacy(text, 'vni');
  const docx = await makeDocx({
    title: vni('Quyết định về việc thành lập Ban biên tập'),
    paragraphs: [vni('Căn cứ Luật Tổ chức chính quyền địa phương'), vni('Xét đề nghị của Chánh Văn phòng')],
  });
  const result = await importDocx(docx);
  assert.equal(result.converted, 'vni');
  assert.equal(result.title, 'Quyết định về việc thành lập Ban biên tập');
  assert.equal(result.html, '<p>Căn cứ Luật Tổ chức chính quyền địa phương</p><p>Xét đề nghị của Chánh Văn phòng</p>');
});

test('without a Title paragraph the first heading is the title', async () => {
  const docx = await makeDocx({
    headings: [{ level: 1, text: 'Tin hoạt động' }, { level: 2, text: 'Phần một' }],
    paragraphs: ['Nội dung.'],
  });
  const result = await importDocx(docx);
  assert.equal(result.title, 'Tin hoạt động');
  assert.equal(result.html, '<h3>Phần một</h3><p>Nội dung.</p>');
});

test('without headings a first short bold line is the title; a long first paragraph is not', async () => {
  const bold = await importDocx(
    await makeDocx({ paragraphs: [{ text: 'THÔNG BÁO KẾT QUẢ TUYỂN DỤNG', bold: true }, 'Nội dung thông báo.'] }),
  );
  assert.equal(bold.title, 'THÔNG BÁO KẾT QUẢ TUYỂN DỤNG');
  assert.equal(bold.html, '<p>Nội dung thông báo.</p>');

  const plain = await importDocx(await makeDocx({ paragraphs: ['Nội dung thường, không đậm.', { text: 'Đậm', bold: true }] }));
  assert.equal(plain.title, null);
  assert.equal(plain.html, '<p>Nội dung thường, không đậm.</p><p><strong>Đậm</strong></p>');

  const late = await importDocx(
    await makeDocx({ paragraphs: ['Một đoạn rất dài. '.repeat(15)], blocks: [{ kind: 'heading', level: 1, text: 'Mục 1' }] }),
  );
  assert.equal(late.title, null, 'a heading after the body text starts is a section, not the title');
  assert.match(late.html, /<h2>Mục 1<\/h2>$/);
});

test('images are numbered in document order; EMF drawings are dropped with a Vietnamese warning', async () => {
  const docx = await makeDocx({
    blocks: [
      { kind: 'image', data: makePng(2, 2), alt: 'Ảnh một' },
      { kind: 'image', data: Buffer.from('not really emf'), extension: 'emf', contentType: 'image/x-emf', alt: 'Sơ đồ' },
      { kind: 'image', data: makePng(3, 3) },
    ],
  });
  const result = await importDocx(docx);
  assert.deepEqual(
    result.images.map((i) => [i.placeholder, i.altText]),
    [
      ['docx-image:1', 'Ảnh một'],
      ['docx-image:2', null],
    ],
  );
  assert.equal(result.html, '<p><img alt="Ảnh một" src="docx-image:1" /></p><p><img src="docx-image:2" /></p>');
  assert.deepEqual(result.warnings, [
    'Đã bỏ ảnh định dạng EMF vì trình duyệt không hiển thị được; hãy chèn lại ảnh dưới dạng PNG hoặc JPEG.',
  ]);
});

test('Word\'s alt text (or its older title) is the picture\'s description; a caption right below it becomes its figcaption', async () => {
  const docx = await makeDocx({
    blocks: [
      { kind: 'image', data: makePng(4, 3), alt: 'Quang cảnh lễ khánh thành', caption: 'Hình 1. Lễ khánh thành cầu treo bản Mới' },
      { kind: 'paragraph', content: 'Đoạn văn giữa hai ảnh.' },
      { kind: 'image', data: makePng(5, 3), title: 'Bản đồ vị trí cầu' },
      { kind: 'paragraph', content: { text: 'Chú thích không nằm dưới ảnh' } },
    ],
  });
  const result = await importDocx(docx);
  assert.equal(
    result.html,
    '<figure><img alt="Quang cảnh lễ khánh thành" src="docx-image:1" /><figcaption>Hình 1. Lễ khánh thành cầu treo bản Mới</figcaption></figure>' +
      '<p>Đoạn văn giữa hai ảnh.</p><p><img alt="Bản đồ vị trí cầu" src="docx-image:2" /></p><p>Chú thích không nằm dưới ảnh</p>',
  );
  assert.deepEqual(
    result.images.map((i) => [i.altText, i.caption]),
    [
      ['Quang cảnh lễ khánh thành', 'Hình 1. Lễ khánh thành cầu treo bản Mới'],
      ['Bản đồ vị trí cầu', null],
    ],
  );
  const lone = await importDocx(await makeDocx({ blocks: [{ kind: 'paragraph', content: 'Mở đầu' }, { kind: 'xml', xml: '<w:p><w:pPr><w:pStyle w:val="Caption"/></w:pPr><w:r><w:t>Bảng 1. Số liệu</w:t></w:r></w:p>' }] }));
  assert.equal(lone.html, '<p>Mở đầu</p><p>Bảng 1. Số liệu</p>', 'a caption with no picture above stays a paragraph');
});

test('text that looks like markup stays text; numbered lists become <ol>', async () => {
  const docx = await makeDocx({
    paragraphs: ['<script>alert(1)</script> & "quotes"'],
    blocks: [{ kind: 'numbered', items: ['Bước 1', 'Bước 2'] }],
  });
  const result = await importDocx(docx);
  assert.equal(result.html, '<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; "quotes"</p><ol><li>Bước 1</li><li>Bước 2</li></ol>');
});

const refusal = (error: unknown): boolean => {
  assert.ok(error instanceof DomainError);
  assert.equal(error.code, 'docx_unsupported');
  assert.match(error.messageIn('vi'), /\.docx \(Word 2007 trở lên\)/);
  assert.match(error.messageIn('vi'), /\.doc cũ/);
  assert.match(error.messageIn('en'), /save it as \.docx \(Word 2007 or later\)/);
  return true;
};

test('a buffer that is not a .docx is refused with a message saying to save as .docx', async () => {
  // An old .doc starts with the OLE2 signature.
  const doc = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
  await assert.rejects(importDocx(doc), refusal);
  await assert.rejects(importDocx(Buffer.from('%PDF-1.7 not a docx')), refusal);
  await assert.rejects(importDocx(Buffer.alloc(0)), refusal);
});

test('a zip without word/document.xml (an .xlsx, an .odt) is refused the same way', async () => {
  const zip = new JSZip();
  zip.file('xl/workbook.xml', '<workbook/>');
  await assert.rejects(importDocx(await zip.generateAsync({ type: 'nodebuffer' })), refusal);
});

test('a damaged .docx is refused as unreadable', async () => {
  const zip = new JSZip();
  zip.file('word/document.xml', '<w:document><w:body><w:p>not closed');
  zip.file('[Content_Types].xml', '<Types/>');
  await assert.rejects(importDocx(await zip.generateAsync({ type: 'nodebuffer' })), (error: unknown) => {
    assert.ok(error instanceof DomainError);
    assert.equal(error.code, 'docx_unreadable');
    return true;
  });
});

test('a .docx that declares a huge unpacked size is refused before it is unpacked', async () => {
  const docx = await makeDocx({ paragraphs: ['Nội dung.'] });
  // Overwrite the declared uncompressed size of word/document.xml in the central directory.
  const name = Buffer.from('word/document.xml');
  const at = docx.lastIndexOf(name) - 46;
  assert.equal(docx.readUInt32LE(at), 0x02014b50);
  docx.writeUInt32LE(0x7fffffff, at + 24);
  await assert.rejects(importDocx(docx), (error: unknown) => {
    assert.ok(error instanceof DomainError);
    assert.equal(error.code, 'docx_too_large');
    return true;
  });
});

test('links inside the document (table of contents, bookmarks) keep their text without a warning', async () => {
  const docx = await makeDocx({
    blocks: [
      {
        kind: 'xml',
        xml: '<w:p><w:hyperlink w:anchor="_Toc1" w:history="1"><w:r><w:t>1. Mục đích</w:t></w:r></w:hyperlink></w:p>',
      },
      { kind: 'paragraph', content: 'Nội dung.' },
    ],
  });
  const result = await importDocx(docx);
  assert.equal(result.html, '<p>1. Mục đích</p><p>Nội dung.</p>');
  assert.deepEqual(result.warnings, []);
});

test('a main part named word/document2.xml (as Office 365 sometimes saves it) is read', async () => {
  const zip = await JSZip.loadAsync(await makeDocx({ title: 'Tiêu đề', paragraphs: ['Nội dung.'] }));
  const edit = async (path: string, change: (xml: string) => string) => zip.file(path, change(await zip.file(path)!.async('string')));
  zip.file('word/document2.xml', await zip.file('word/document.xml')!.async('string'));
  zip.remove('word/document.xml');
  await edit('_rels/.rels', (xml) => xml.replace('word/document.xml', 'word/document2.xml'));
  await edit('[Content_Types].xml', (xml) => xml.replace('/word/document.xml', '/word/document2.xml'));
  const result = await importDocx(await zip.generateAsync({ type: 'nodebuffer' }));
  assert.equal(result.title, 'Tiêu đề');
  assert.equal(result.html, '<p>Nội dung.</p>');
});
