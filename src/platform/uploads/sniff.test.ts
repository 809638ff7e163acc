import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { DomainError } from '../../core/errors.ts';
import { writeBmp } from '../images/test-fixtures.ts';
import { UPLOAD_LIMITS } from './formats.ts';
import { sniffUpload } from './sniff.ts';
import { compoundFile, odf, ooxml, zip } from './test-fixtures.ts';
import type { UploadPurpose } from './formats.ts';

const image = (format: 'jpeg' | 'png' | 'gif' | 'webp') =>
  sharp({ create: { width: 4, height: 4, channels: 3, background: 'green' } }).toFormat(format).toBuffer();
const bmp = () => writeBmp({ width: 2, height: 2, bitsPerPixel: 24, pixel: () => [1, 2, 3] });
const pdf = Buffer.from('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
const rtf = Buffer.from('{\\rtf1\\ansi\\ansicpg1258 Quy\\u1871?t \\u273?\\u7883?nh}');
const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200)]);
const html = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');
const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>');
const xmlSvg = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const csv = Buffer.from('Họ và tên,Đơn vị,Nhuận bút\nNguyễn Văn Á,Phòng Văn hoá,500000\n');

/** Asserts a refusal with unsupported_file (415), and returns the two messages for further checks. */
async function refused(data: Buffer, purpose: UploadPurpose, name: string): Promise<{ vi: string; en: string }> {
  let messages = { vi: '', en: '' };
  await assert.rejects(sniffUpload(data, purpose, name), (error: unknown) => {
    assert.ok(error instanceof DomainError, String(error));
    assert.equal(error.code, 'unsupported_file');
    assert.equal(error.status, 415);
    messages = { vi: error.messageIn('vi'), en: error.messageIn('en') };
    return true;
  });
  return messages;
}

describe('sniffUpload: photos', () => {
  it('recognises JPG, PNG, GIF, WebP and BMP by content', async () => {
    assert.deepEqual(await sniffUpload(await image('jpeg'), 'image', 'ảnh.jpg'), { mime: 'image/jpeg', ext: 'jpg', openFormat: true, kind: 'image' });
    assert.equal((await sniffUpload(await image('png'), 'image', 'a.png')).ext, 'png');
    assert.equal((await sniffUpload(await image('gif'), 'image', 'a.gif')).ext, 'gif');
    assert.equal((await sniffUpload(await image('webp'), 'image', 'a.webp')).ext, 'webp');
    assert.deepEqual(await sniffUpload(bmp(), 'image', 'a.bmp'), { mime: 'image/bmp', ext: 'bmp', openFormat: false, kind: 'image' });
  });

  it('ignores the name: a PNG called .jpg is a PNG, a nameless JPEG is a JPEG', async () => {
    assert.equal((await sniffUpload(await image('png'), 'image', 'anh-chup.jpg')).ext, 'png');
    assert.equal((await sniffUpload(await image('jpeg'), 'image', '')).ext, 'jpg');
  });

  it('refuses HTML and SVG disguised as photos, naming what they are and what is accepted', async () => {
    const page = await refused(html, 'image', 'anh.jpg');
    assert.match(page.vi, /^Tệp “anh\.jpg” thực chất là trang HTML\/SVG\/XML \(có thể chứa mã lệnh\), không được nhận\. Ảnh chỉ nhận: JPG, PNG, GIF, BMP, WebP\.$/);
    assert.match(page.en, /“anh\.jpg” is really an HTML\/SVG\/XML page .* Images must be one of: JPG, PNG, GIF, BMP, WebP\./);
    assert.match((await refused(svg, 'image', 'logo.jpg')).vi, /HTML\/SVG/);
    assert.match((await refused(svg, 'image', 'logo.svg')).vi, /HTML\/SVG/);
    assert.match((await refused(xmlSvg, 'image', 'logo.png')).vi, /XML\/SVG/);
  });

  it('refuses a program disguised as a photo', async () => {
    const { vi, en } = await refused(exe, 'image', 'hinh.jpg');
    assert.match(vi, /thực chất là tệp chương trình \(EXE\)/);
    assert.match(en, /is really a program \(EXE\)/);
  });

  it('refuses documents as photos, and suggests JPG/PNG for HEIC-like formats', async () => {
    const { vi } = await refused(pdf, 'image', 'scan.pdf');
    assert.match(vi, /^Tệp “scan\.pdf” là tệp PDF, không được nhận/);
    const tiff = await sharp({ create: { width: 2, height: 2, channels: 3, background: 'red' } }).tiff().toBuffer();
    assert.match((await refused(tiff, 'image', 'scan.tif')).vi, /Hãy lưu ảnh dưới dạng JPG hoặc PNG\./);
  });

  it('does not take text starting with "BM" for a bitmap', async () => {
    await refused(Buffer.from('BMW X5, 2020\n'), 'image', 'xe.bmp');
    assert.equal((await sniffUpload(Buffer.from('BMW X5,2020\nToyota,2019\n'), 'attachment', 'xe.csv')).ext, 'csv');
  });
});

describe('sniffUpload: attachments', () => {
  it('accepts PDF and OpenDocument as open formats', async () => {
    assert.deepEqual(await sniffUpload(pdf, 'attachment', 'qd.pdf'), { mime: 'application/pdf', ext: 'pdf', openFormat: true, kind: 'document' });
    assert.deepEqual(await sniffUpload(odf('odt'), 'attachment', 'a.odt'), { mime: 'application/vnd.oasis.opendocument.text', ext: 'odt', openFormat: true, kind: 'document' });
    assert.deepEqual(await sniffUpload(odf('ods'), 'attachment', 'a.ods'), { mime: 'application/vnd.oasis.opendocument.spreadsheet', ext: 'ods', openFormat: true, kind: 'spreadsheet' });
    assert.deepEqual(await sniffUpload(odf('odp'), 'attachment', 'a.odp'), { mime: 'application/vnd.oasis.opendocument.presentation', ext: 'odp', openFormat: true, kind: 'presentation' });
  });

  it('tells OOXML apart inside the ZIP container and marks it not open', async () => {
    assert.deepEqual(await sniffUpload(ooxml('docx'), 'attachment', 'a.docx'), {
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ext: 'docx',
      openFormat: false,
      kind: 'document',
    });
    assert.deepEqual(await sniffUpload(ooxml('xlsx'), 'attachment', 'a.xlsx'), {
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ext: 'xlsx',
      openFormat: false,
      kind: 'spreadsheet',
    });
    assert.equal((await sniffUpload(ooxml('pptx'), 'attachment', 'a.pptx')).kind, 'presentation');
    // By content: a Word file renamed .zip or .pdf is still a Word file.
    assert.equal((await sniffUpload(ooxml('docx'), 'attachment', 'a.zip')).ext, 'docx');
    assert.equal((await sniffUpload(odf('ods'), 'attachment', 'a.xlsx')).ext, 'ods');
  });

  it('refuses macro-enabled Office files', async () => {
    assert.match((await refused(ooxml('docm'), 'attachment', 'a.docx')).vi, /macro/);
    assert.match((await refused(ooxml('xlsm'), 'attachment', 'a.xlsm')).en, /macros/);
  });

  it('accepts legacy .doc/.xls/.ppt by the streams inside the OLE container', async () => {
    assert.deepEqual(await sniffUpload(compoundFile(['WordDocument', '1Table']), 'attachment', 'cv.doc'), {
      mime: 'application/msword',
      ext: 'doc',
      openFormat: false,
      kind: 'document',
    });
    assert.deepEqual(await sniffUpload(compoundFile(['Workbook']), 'attachment', 'bang.xls'), {
      mime: 'application/vnd.ms-excel',
      ext: 'xls',
      openFormat: false,
      kind: 'spreadsheet',
    });
    assert.equal((await sniffUpload(compoundFile(['Book']), 'attachment', 'cu.xls')).ext, 'xls');
    assert.equal((await sniffUpload(compoundFile(['Current User', 'PowerPoint Document']), 'attachment', 'a.ppt')).kind, 'presentation');
    // The content decides, the name only breaks ties between embedded objects.
    assert.equal((await sniffUpload(compoundFile(['WordDocument']), 'attachment', 'a.xls')).ext, 'doc');
    assert.equal((await sniffUpload(compoundFile(['Workbook', 'WordDocument']), 'attachment', 'a.xls')).ext, 'xls');
    assert.equal((await sniffUpload(compoundFile(['Workbook', 'WordDocument']), 'attachment', 'a.doc')).ext, 'doc');
  });

  it('refuses other OLE files named .doc (an installer, an Outlook message, a locked file)', async () => {
    assert.match((await refused(compoundFile(['\u0005SummaryInformation', '__properties_version1.0']), 'attachment', 'thu.doc')).vi, /không phải Word, Excel hay PowerPoint/);
    assert.match((await refused(compoundFile(['EncryptionInfo', 'EncryptedPackage']), 'attachment', 'a.docx')).vi, /mật khẩu/);
  });

  it('accepts RTF (not open) and ZIP archives', async () => {
    assert.deepEqual(await sniffUpload(rtf, 'attachment', 'a.rtf'), { mime: 'application/rtf', ext: 'rtf', openFormat: false, kind: 'document' });
    assert.equal((await sniffUpload(zip([['a.pdf', pdf]]), 'attachment', 'hoso.zip')).kind, 'archive');
  });

  it('accepts photos as attachments', async () => {
    assert.equal((await sniffUpload(await image('jpeg'), 'attachment', 'a.jpg')).kind, 'image');
  });

  it('accepts UTF-8 .csv and .txt, with or without a BOM', async () => {
    assert.deepEqual(await sniffUpload(csv, 'attachment', 'nhuan-but.csv'), { mime: 'text/csv', ext: 'csv', openFormat: true, kind: 'spreadsheet' });
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv]);
    assert.equal((await sniffUpload(withBom, 'attachment', 'a.CSV')).ext, 'csv');
    assert.deepEqual(await sniffUpload(Buffer.from('Thông báo\r\nlịch tiếp công dân\tthứ Hai'), 'attachment', 'tb.txt'), {
      mime: 'text/plain',
      ext: 'txt',
      openFormat: true,
      kind: 'document',
    });
  });

  it('refuses text that is not UTF-8, asking for UTF-8', async () => {
    // "Nguyễn" in Windows-1258: "Nguy" + ê (0xEA) + combining tilde (0xDE) + "n".
    const cp1258 = Buffer.from([0x4e, 0x67, 0x75, 0x79, 0xea, 0xde, 0x6e, 0x2c, 0x31, 0x0a]);
    const { vi, en } = await refused(cp1258, 'attachment', 'ds.csv');
    assert.match(vi, /không ở mã Unicode UTF-8.*Hãy lưu lại tệp với bảng mã Unicode UTF-8\./);
    assert.match(en, /UTF-8/);
  });

  it('refuses binary bytes and markup named .txt/.csv, and text under other names', async () => {
    await refused(Buffer.from('a,b\n1,\u0000\n'), 'attachment', 'a.csv');
    await refused(Buffer.from([0x61, 0x01, 0x02, 0x62]), 'attachment', 'a.txt');
    assert.match((await refused(html, 'attachment', 'a.txt')).vi, /HTML/);
    assert.match((await refused(Buffer.from('Xem <a href=x><img src=x onerror=alert(1)></a>'), 'attachment', 'a.txt')).vi, /HTML/);
    assert.match((await refused(svg, 'attachment', 'a.csv')).vi, /HTML\/SVG/);
    assert.match((await refused(html, 'attachment', 'a.html')).vi, /HTML/);
    assert.match((await refused(Buffer.from('echo xin chao'), 'attachment', 'a.sh')).vi, /văn bản thuần/);
    await refused(csv, 'image', 'a.csv');
  });

  it('lists what attachments may be, open formats first', async () => {
    const { vi } = await refused(exe, 'attachment', 'setup.exe');
    assert.match(vi, /Tệp đính kèm chỉ nhận: PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, DOC, XLS, PPT, RTF, TXT, CSV, ZIP, 7Z, RAR, JPG, PNG, GIF, BMP, WebP\./);
  });
});

describe('sniffUpload: Word import', () => {
  it('accepts only a real .docx', async () => {
    assert.equal((await sniffUpload(ooxml('docx'), 'docx', 'bai-viet.docx')).ext, 'docx');
    assert.equal((await sniffUpload(ooxml('docx'), 'docx', 'bai-viet.doc')).ext, 'docx');
  });

  it('asks for .doc, .odt, .rtf and PDF to be saved as .docx', async () => {
    for (const [data, name] of [[compoundFile(['WordDocument']), 'bai.doc'], [odf('odt'), 'bai.odt'], [rtf, 'bai.rtf'], [pdf, 'bai.pdf']] as const) {
      const { vi, en } = await refused(data, 'docx', name);
      assert.match(vi, /Nhập từ Word chỉ nhận: DOCX\. Hãy mở tệp bằng Word \(hoặc LibreOffice\) và lưu lại dưới dạng “Word Document \(\.docx\)”\./, name);
      assert.match(en, /save it as “Word Document \(\.docx\)”/);
    }
  });

  it('refuses spreadsheets, macro documents and images', async () => {
    await refused(ooxml('xlsx'), 'docx', 'a.docx');
    await refused(ooxml('docm'), 'docx', 'a.docm');
    await refused(await image('jpeg'), 'docx', 'a.docx');
  });
});

describe('sniffUpload: edge cases', () => {
  it('refuses an empty file with its own code', async () => {
    await assert.rejects(sniffUpload(Buffer.alloc(0), 'attachment', 'a.pdf'), (error: DomainError) => {
      assert.equal(error.code, 'empty_file');
      assert.match(error.messageIn('vi'), /“a\.pdf” rỗng/);
      return true;
    });
  });

  it('shows a cleaned name in messages', async () => {
    const { vi } = await refused(html, 'image', 'C:\\Users\\cb\\ảnh\u202Egpj.exe');
    assert.match(vi, /^Tệp “ảnhgpj\.exe” /);
  });

  it('has the agreed size limits', () => {
    assert.deepEqual(UPLOAD_LIMITS, { image: 20 * 1024 * 1024, attachment: 50 * 1024 * 1024, docx: 30 * 1024 * 1024, video: 300 * 1024 * 1024, subtitle: 1024 * 1024 });
  });
});
