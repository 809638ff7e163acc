// A month's sheet downloaded as XLSX, PDF and CSV (on SQLite and PostgreSQL)
// and read back: the XLSX with exceljs, the PDF with pdftotext, the CSV as
// bytes. Each export carries the accountants' form (agency, title, month,
// columns, "Tổng cộng", "Bằng chữ: …", the signature blocks) and the same
// total; the words are right for 0, 1,000,005, 21,000,000 and 1,000,000,000 VND.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { Agent } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeSite, makeUser } from '../../../test/support/factories.ts';
import { inTransaction } from '../../platform/db/database.ts';
import type { Site } from '../sites/site.ts';
import { updateSiteRow } from '../sites/store.ts';
import { writeLines, type NewLine } from './ledger.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'bang-ke-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const nfc = (s: string) => s.normalize('NFC');

/** Each payee's lines in May 2026 add up to one of the totals the issue names. */
const CASES = [
  { name: 'Người Tổng Không', amounts: [500_000, -500_000], total: 0, formatted: '0', words: 'Bằng chữ: Không đồng.' },
  { name: 'Người Một Triệu Lẻ', amounts: [1_000_000, 5], total: 1_000_005, formatted: '1.000.005', words: 'Bằng chữ: Một triệu không trăm linh năm đồng.' },
  { name: 'Người Hai Mốt Triệu', amounts: [20_000_000, 1_000_000], total: 21_000_000, formatted: '21.000.000', words: 'Bằng chữ: Hai mươi mốt triệu đồng.' },
  { name: 'Người Một Tỷ', amounts: [999_999_999, 1], total: 1_000_000_000, formatted: '1.000.000.000', words: 'Bằng chữ: Một tỷ đồng.' },
];

forEachEngine('royalty sheet exports', (engine) => {
  let t: TestApp;
  let site: Site;
  let head: Agent;
  const payees = new Map<string, number>();

  before(async () => {
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-12-06T03:00:00Z')) });
    site = await makeSite(t.db, 'bangke', { agencyName: 'Ủy ban nhân dân xã Như Xuân' });
    const user = await makeUser(t.db, site, ['editor_in_chief']);
    const now = new Date().toISOString();
    for (const c of CASES) {
      const row = await t.db
        .insertInto('royalty_payees')
        .values({ site_id: site.id, user_id: null, full_name: c.name, pen_names: '[]', unit_id: null, position: null, note: null, active: 1, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      payees.set(c.name, row.id);
      const lines: NewLine[] = c.amounts.map((amount, i) => ({ period: '2026-05', payeeId: row.id, kind: i === 0 ? 'remuneration' : 'editing', description: `Khoản ${i + 1} của ${c.name}`, amount }));
      await inTransaction(t.db, (trx) => writeLines(trx, site.id, null, lines));
    }
    t.refreshSites();
    head = new Agent(t.app, 'bangke.test');
    await head.login(user.email);
  });
  after(async () => t.close());

  async function download(url: string, type: RegExp, fileName: string): Promise<Buffer> {
    const res = await head.get(url);
    assert.equal(res.statusCode, 200, url);
    assert.match(String(res.headers['content-type']), type);
    assert.match(String(res.headers['content-disposition']), new RegExp(`filename="${fileName}"`));
    return res.rawPayload;
  }

  for (const c of CASES) {
    test(`${c.formatted} đồng: XLSX, PDF and CSV carry the same total and "${c.words}"`, async () => {
      const q = `?nguoi=${payees.get(c.name)}`;
      const base = `bang-ke-nhuan-but-2026-05-nguoi-${payees.get(c.name)}`;

      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await download(`/admin/royalties/periods/2026-05.xlsx${q}`, /spreadsheetml/, `${base}.xlsx`)) as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      const rows: string[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : nfc(String(v))))));
      const flat = rows.map((r) => r.join('|'));
      assert.match(flat[0]!, /ỦY BAN NHÂN DÂN XÃ NHƯ XUÂN/);
      assert.ok(flat.some((r) => r.includes('BẢNG KÊ CHI NHUẬN BÚT, THÙ LAO')));
      assert.ok(flat.some((r) => r.includes('Tháng 5/2026')));
      assert.ok(rows.some((r) => r.join('|') === 'STT|Họ và tên|Nội dung|Ngày đăng|Thể loại|Hệ số|Số tiền (đồng)|Ký nhận'));
      const total = rows.find((r) => r[1] === 'Tổng cộng')!;
      assert.equal(Number(total[6]), c.total);
      const lineAmounts = rows.filter((r) => /^\d+$/.test(r[0] ?? '')).map((r) => Number(r[6]));
      assert.deepEqual(lineAmounts, c.amounts);
      assert.ok(flat.some((r) => r.includes(c.words)), flat.join('\n'));
      assert.ok(flat.some((r) => /Người lập biểu.*Kế toán.*Trưởng Ban biên tập/.test(r)));
      assert.ok(flat.some((r) => r.includes('(Ký, ghi rõ họ tên)')));
      assert.ok(flat.some((r) => r.includes('ngày 06 tháng 12 năm 2026')));

      const pdf = await download(`/admin/royalties/periods/2026-05.pdf${q}`, /application\/pdf/, `${base}.pdf`);
      const file = path.join(dir, `${engine.name}-${c.total}.pdf`);
      writeFileSync(file, pdf);
      const text = nfc(execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8'));
      assert.match(text, /ỦY BAN NHÂN DÂN XÃ NHƯ XUÂN/);
      assert.match(text, /BẢNG KÊ CHI NHUẬN BÚT, THÙ LAO/);
      assert.match(text, /Tháng 5\/2026/);
      assert.match(text, new RegExp(`Tổng cộng\\s+${c.formatted.replace(/\./g, '\\.')}\\s`));
      assert.ok(text.includes(c.words), text);
      assert.match(text, /Người lập biểu\s+Kế toán\s+Trưởng Ban biên tập/);
      assert.match(text, /Ký nhận/);

      const csv = await download(`/admin/royalties/periods/2026-05.csv${q}`, /text\/csv/, `${base}.csv`);
      assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const lines = nfc(csv.subarray(3).toString('utf8')).trim().split(/\r?\n/);
      assert.equal(lines[0], 'STT,Họ và tên,Nội dung,Ngày đăng,Thể loại,Hệ số,Số tiền (đồng),Ký nhận');
      assert.ok(lines.includes(`,Tổng cộng,,,,,${c.total},`), lines.join('\n'));
      assert.ok(lines.some((l) => l.includes(c.words)));
    });
  }

  test('each download is audited', async () => {
    const rows = await t.db.selectFrom('audit_log').select(['action', 'target_id']).where('site_id', '=', site.id).where('action', '=', 'royalty.export').execute();
    assert.equal(rows.length, CASES.length * 3);
    assert.ok(rows.every((r) => r.target_id === '2026-05'));
  });

  test('per unit, the whole month adds the four payees', async () => {
    const csv = nfc((await download('/admin/royalties/periods/2026-05.csv?theo=don-vi', /text\/csv/, 'bang-ke-nhuan-but-2026-05-theo-don-vi.csv')).toString('utf8'));
    assert.ok(csv.includes(`,Tổng cộng,,,,,${CASES.reduce((s, c) => s + c.total, 0)},`));
    assert.ok(csv.includes('Bằng chữ: Một tỷ không trăm hai mươi hai triệu không trăm linh năm đồng.'), csv);
  });

  test('the sheet is dated at the board’s place: the unit of its level in its address, else dots to fill by hand', async () => {
    const text = async () => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await download('/admin/royalties/periods/2026-05.xlsx', /spreadsheetml/, 'bang-ke-nhuan-but-2026-05.xlsx')) as unknown as ArrayBuffer);
      const cells: string[] = [];
      workbook.worksheets[0]!.eachRow((row) => cells.push(...(row.values as unknown[]).map((v) => nfc(String(v ?? '')))));
      return cells.join('|');
    };
    assert.match(await text(), /……………, ngày 06 tháng 12 năm 2026/);
    await updateSiteRow(t.db, site.id, { contact: JSON.stringify({ ...site.contact, address: 'Khu phố 1, thị trấn Yên Cát, tỉnh Thanh Hóa' }) });
    t.refreshSites();
    try {
      assert.match(await text(), /Yên Cát, ngày 06 tháng 12 năm 2026/, 'a commune-level agency: its commune');
    } finally {
      await updateSiteRow(t.db, site.id, { contact: JSON.stringify(site.contact) });
      t.refreshSites();
    }
  });
});
