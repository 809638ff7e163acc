// The PDF of a report read back with pdftotext: the administrative layout's
// words, the figures as formatted, Vietnamese intact (NFC), a long table's
// column heads repeated on the next page, page numbers from page 2, and the
// fonts embedded.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { ReportDocument } from './document.ts';
import { reportPdf } from './pdf.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pdf-bao-cao-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const nfc = (s: string) => s.normalize('NFC');

const rows = Array.from({ length: 90 }, (_, i) => ({ unit: `Ủy ban nhân dân xã số ${i + 1}`, items: 1000 + i, share: (i % 10) / 10, late: i % 4 === 0 ? 12.5 : 0 }));
const doc: ReportDocument = {
  state: 'approved',
  id: 1,
  version: 2,
  kind: 'monthly',
  agency: 'Ủy ban nhân dân tỉnh Thanh Hóa',
  issuer: 'Ban biên tập',
  number: '12/BC-BBT',
  place: 'Thanh Hóa',
  date: '2026-12-05',
  subject: 'Kết quả cung cấp thông tin tháng 11 năm 2026',
  figures: {
    kind: 'monthly',
    period: { kind: 'month', key: '2026-11', from: '2026-11-01', to: '2026-11-30' },
    computedAt: '2026-12-05T03:00:00Z',
    sections: [
      {
        key: 'provision',
        title: { vi: 'Cung cấp thông tin của các đơn vị', en: 'Provision' },
        figures: {
          summary: [{ vi: 'Có 23 đơn vị chưa đạt chỉ tiêu; trễ hạn bình quân 12,5 giờ làm việc.', en: '' }],
          charts: [],
          tables: [
            {
              key: 'units',
              title: { vi: 'Số tin bài theo đơn vị', en: '' },
              columns: [
                { key: 'unit', label: { vi: 'Đơn vị cung cấp', en: '' }, kind: 'text' },
                { key: 'items', label: { vi: 'Số tin bài', en: '' }, kind: 'int' },
                { key: 'share', label: { vi: 'Tỉ lệ đúng hạn', en: '' }, kind: 'percent' },
                { key: 'late', label: { vi: 'Trễ bình quân', en: '' }, kind: 'working_hours' },
              ],
              rows,
              totals: { unit: 'Tổng cộng', items: 94005, share: 0.45, late: 3.1 },
            },
          ],
        },
      },
    ],
  },
  assessment: 'Nhìn chung các đơn vị đã chủ động cung cấp thông tin.',
  proposals: 'Đề nghị biểu dương các đơn vị thực hiện tốt.',
  signerTitle: 'Trưởng Ban biên tập',
  signerName: 'Nguyễn Thị Hồng Hạnh',
  recipients: ['Thường trực UBND tỉnh', 'Sở Thông tin và Truyền thông'],
  reissueReason: 'Bổ sung số liệu của xã Thanh Kỳ',
};

test('the PDF reads back with its words, its figures and its layout', async () => {
  const file = path.join(dir, 'bao-cao.pdf');
  writeFileSync(file, await reportPdf(doc));
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())![1]);
  assert.ok(pages >= 3, `${pages} pages`);
  const text = nfc(execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8'));
  for (const words of [
    'ỦY BAN NHÂN DÂN TỈNH THANH HÓA', 'BAN BIÊN TẬP', 'Số: 12/BC-BBT', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
    'Thanh Hóa, ngày 05 tháng 12 năm 2026', 'BÁO CÁO', 'Kết quả cung cấp thông tin tháng 11 năm 2026', '(Phiên bản 2: Bổ sung số liệu của xã Thanh Kỳ)',
    '1. Cung cấp thông tin của các đơn vị', 'trễ hạn bình quân 12,5 giờ làm việc', 'Ủy ban nhân dân xã số 90', '1.089', '94.005', '45 %', '3,1 giờ làm việc',
    '2. Đánh giá chung', '3. Đề xuất, kiến nghị', 'Nơi nhận:', '- Sở Thông tin và Truyền thông;', '- Lưu: VT.', 'TRƯỞNG BAN BIÊN TẬP', 'Nguyễn Thị Hồng Hạnh',
  ]) {
    assert.ok(text.includes(nfc(words)), `«${words}» in the PDF`);
  }
  // The table runs onto page 2, whose first lines are the page number and the repeated column heads.
  const second = nfc(execFileSync('pdftotext', ['-layout', '-f', '2', '-l', '2', file, '-']).toString('utf8')).split('\n').map((l) => l.trim()).filter(Boolean);
  assert.equal(second[0], '2', 'page number at the top of page 2');
  assert.match(second[1]!, /^Đơn vị cung cấp\s+Số tin bài\s+Tỉ lệ đúng hạn\s+Trễ bình quân$/);
  assert.match(execFileSync('pdffonts', [file]).toString(), /NotoSans-Bold\s+CID TrueType\s+Identity-H\s+yes yes yes/);
});

test('a draft says so, and leaves the number and the signature to be filled', async () => {
  const file = path.join(dir, 'du-thao.pdf');
  writeFileSync(file, await reportPdf({ ...doc, state: 'draft', number: '', signerName: null, reissueReason: null }));
  const text = nfc(execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8'));
  assert.ok(text.includes('(DỰ THẢO – số liệu chưa chốt)'));
  assert.ok(text.includes('Số: ……/BC-……'));
  assert.ok(text.includes('(chưa phê duyệt)'));
});
