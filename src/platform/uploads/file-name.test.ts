import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extensionOf, safeFileName } from './file-name.ts';

describe('safeFileName', () => {
  it('keeps Vietnamese letters, spaces and ordinary punctuation', () => {
    assert.equal(safeFileName('Quyết định 15-QĐ (bản chính).pdf'), 'Quyết định 15-QĐ (bản chính).pdf');
    assert.equal(safeFileName('Tờ trình_số 3, năm 2024.docx'), 'Tờ trình_số 3, năm 2024.docx');
  });

  it('composes to NFC', () => {
    const decomposed = 'Nghe\u0323\u0302 quye\u0302\u0301t.odt'; // as macOS sends it
    assert.equal(safeFileName(decomposed), 'Nghệ quyết.odt');
    assert.equal(safeFileName(decomposed), safeFileName(decomposed).normalize('NFC'));
  });

  it('drops directories, Windows and Unix alike', () => {
    assert.equal(safeFileName('C:\\Users\\van-thu\\Desktop\\Công văn.pdf'), 'Công văn.pdf');
    assert.equal(safeFileName('../../etc/passwd'), 'passwd');
    assert.equal(safeFileName('/var/www/'), 'www');
    assert.equal(safeFileName('..'), 'tep-tin');
  });

  it('removes control characters and bidirectional tricks', () => {
    assert.equal(safeFileName('báo\u0000cáo\n\t.pdf'), 'báocáo.pdf');
    // U+202E would show "photo\u202Egpj.exe" as "photoexe.jpg".
    assert.equal(safeFileName('photo\u202Egpj.exe'), 'photogpj.exe');
    assert.equal(safeFileName('a\u200Bb\uFEFF.txt'), 'ab.txt');
  });

  it('replaces characters Windows forbids and headers trip on', () => {
    assert.equal(safeFileName('Báo cáo: "quý 1" <mới>?*|;.xlsx'), 'Báo cáo_ _quý 1_ _mới_____.xlsx');
  });

  it('never starts with a dot nor ends with dots or spaces', () => {
    assert.equal(safeFileName('.htaccess'), 'tep-tin.htaccess');
    assert.equal(safeFileName('...ẩn.txt'), 'ẩn.txt');
    assert.equal(safeFileName('tài liệu. . .'), 'tài liệu');
    assert.equal(safeFileName('  hai   khoảng   trắng  .pdf'), 'hai khoảng trắng.pdf');
  });

  it('defuses Windows device names', () => {
    assert.equal(safeFileName('CON.txt'), '_CON.txt');
    assert.equal(safeFileName('nul'), '_nul');
    assert.equal(safeFileName('console.txt'), 'console.txt');
  });

  it('is never empty', () => {
    for (const name of ['', '   ', '\u0000\u0001', '/', '\\\\', '.', '\u202E']) assert.equal(safeFileName(name), 'tep-tin', JSON.stringify(name));
    assert.equal(safeFileName('.pdf'), 'tep-tin.pdf');
  });

  it('limits the length to 150 UTF-8 bytes, keeping the extension and whole characters', () => {
    const long = `${'Nghị quyết về việc phê duyệt '.repeat(20)}.docx`;
    const safe = safeFileName(long);
    assert.ok(Buffer.byteLength(safe) <= 150, `${Buffer.byteLength(safe)} bytes`);
    assert.ok(safe.endsWith('.docx'));
    assert.ok(safe.startsWith('Nghị quyết về việc'));
    assert.ok(!safe.includes('\uFFFD'));
    const emoji = `${'😀'.repeat(100)}.png`;
    assert.equal(safeFileName(emoji), `${'😀'.repeat(36)}.png`);
  });

  it('with the sniffed extension, makes the name tell the truth', () => {
    assert.equal(safeFileName('ảnh.jpg', 'png'), 'ảnh.png');
    assert.equal(safeFileName('ảnh.JPEG', 'jpg'), 'ảnh.JPEG');
    assert.equal(safeFileName('Báo cáo.PDF', 'pdf'), 'Báo cáo.PDF');
    assert.equal(safeFileName('Báo cáo', 'pdf'), 'Báo cáo.pdf');
    assert.equal(safeFileName('Báo cáo v1.2', 'pdf'), 'Báo cáo v1.2.pdf');
    assert.equal(safeFileName('', 'docx'), 'tep-tin.docx');
    assert.equal(safeFileName('hoso.zip', 'docx'), 'hoso.docx');
  });
});

describe('extensionOf', () => {
  it('is the lower-case extension of the last path part', () => {
    assert.equal(extensionOf('a/b/Bảng.XLS'), 'xls');
    assert.equal(extensionOf('README'), '');
    assert.equal(extensionOf('archive.tar.gz'), 'gz');
    assert.equal(extensionOf('thư mục.v2/tệp'), '');
  });
});
