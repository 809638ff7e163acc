// Demo polls and business promotion (issue 16): on every demo site a running
// poll with some votes and a closed one with its results; on Thanh Chương
// (001) and the Provincial Office (002) a promotion valid now with its written
// confirmation letter (a generated PDF, internal) and, on Thanh Chương, one
// whose period has ended (kept in the back office, gone from the public site).
// Names are fictional; every item says it is a sample.
import { randomBytes } from 'node:crypto';
import type Sharp from 'sharp';
import { lazyModule } from '../../platform/lazy.ts';

const sharp = lazyModule<typeof Sharp>('sharp');
import { addDays, vietnamDate, type Clock } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { FileStore } from '../../platform/files/index.ts';
import { blankArticle } from '../articles/save-article.ts';
import type { AuditActor } from '../audit/store.ts';
import { uploadMedia } from '../media/media.ts';
import { createPoll, openPoll } from '../polls/manage-polls.ts';
import { notoPdf, PDF_FONTS } from '../reports/pdf.ts';
import type { Site } from '../sites/site.ts';
import { writeAndPublish, type DemoPeople } from './demo-content.ts';

const SAMPLE = 'Bài mẫu của bản trình diễn trangtin';

/** An instant `days` from now at `hour` o'clock Vietnam time. */
function at(clock: Clock, days: number, hour: number): string {
  return new Date(`${addDays(vietnamDate(clock.now()), days)}T${String(hour).padStart(2, '0')}:00:00+07:00`).toISOString();
}

/** Counters as if these ballots had been cast (random ballot hashes: nobody's). */
async function addVotes(db: Db, siteId: number, pollId: number, votes: number[]): Promise<void> {
  const options = await db.selectFrom('poll_options').select('id').where('poll_id', '=', pollId).orderBy('position').execute();
  for (const [i, o] of options.entries()) await db.updateTable('poll_options').set({ votes: votes[i] ?? 0 }).where('id', '=', o.id).execute();
  const ballots = votes.reduce((a, b) => a + b, 0);
  await db.updateTable('polls').set({ ballots }).where('id', '=', pollId).execute();
  for (let i = 0; i < ballots; i += 200) {
    await db
      .insertInto('poll_ballots')
      .values(Array.from({ length: Math.min(200, ballots - i) }, () => ({ site_id: siteId, poll_id: pollId, ballot_hash: randomBytes(32).toString('hex') })))
      .execute();
  }
}

async function demoPolls(db: Db, site: Site, actor: AuditActor, clock: Clock): Promise<void> {
  const place = site.name.replace(/^Trang thông tin điện tử\s*/i, '') || site.name;
  const running = await createPoll(
    db,
    actor,
    {
      question: 'Bạn đánh giá thế nào về việc giải quyết thủ tục hành chính trực tuyến tại địa phương?',
      questionEn: 'How do you rate online administrative procedures here?',
      description: `Cuộc bình chọn mẫu của bản trình diễn trangtin (${place}). Ý kiến của bạn giúp cơ quan cải thiện dịch vụ công.`,
      options: [
        { label: 'Rất hài lòng', labelEn: 'Very satisfied' },
        { label: 'Hài lòng', labelEn: 'Satisfied' },
        { label: 'Chưa hài lòng', labelEn: 'Not satisfied' },
        { label: 'Chưa sử dụng dịch vụ', labelEn: 'Have not used it' },
      ],
      multiple: false,
      maxChoices: 1,
      opensAt: at(clock, -5, 8),
      closesAt: at(clock, 25, 17),
      resultsBeforeClose: true,
    },
    clock,
  );
  await openPoll(db, actor, running, clock);
  await addVotes(db, site.id, running, [48, 71, 19, 12]);

  const closed = await createPoll(
    db,
    actor,
    {
      question: 'Bạn quan tâm nhất đến những nội dung nào trên trang thông tin điện tử?',
      questionEn: 'What do you read most on this site?',
      description: 'Cuộc bình chọn mẫu đã kết thúc; được chọn tối đa hai nội dung.',
      options: [
        { label: 'Văn bản chỉ đạo, điều hành', labelEn: 'Directives' },
        { label: 'Thủ tục hành chính', labelEn: 'Administrative procedures' },
        { label: 'Tin tức, sự kiện', labelEn: 'News' },
        { label: 'Thông báo tuyển dụng, đấu giá', labelEn: 'Recruitment and auctions' },
      ],
      multiple: true,
      maxChoices: 2,
      opensAt: at(clock, -60, 8),
      closesAt: at(clock, -30, 17),
      resultsBeforeClose: false,
    },
    clock,
  );
  // Its period is over: recorded as the board would have left it (opened, then past its closing time).
  await db.updateTable('polls').set({ status: 'closed', closed_at: at(clock, -30, 17) }).where('id', '=', closed).execute();
  await addVotes(db, site.id, closed, [64, 102, 88, 41]);
}

/** A banner drawn from plain shapes (no real logo), as PNG. */
async function drawBanner(colours: [string, string]): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="200" viewBox="0 0 600 200"><rect width="600" height="200" fill="${colours[0]}"/><circle cx="100" cy="100" r="70" fill="${colours[1]}"/><path d="M70 120 Q100 40 130 120Z" fill="#ffffff"/><rect x="200" y="70" width="340" height="22" rx="6" fill="#ffffff"/><rect x="200" y="110" width="260" height="16" rx="6" fill="#ffffff" opacity="0.8"/></svg>`;
  return sharp()(Buffer.from(svg)).png().toBuffer();
}

/** The business's confirmation letter (001 Đ11) as a one-page PDF with Vietnamese text. */
async function confirmationLetter(lines: { business: string; number: string; date: string; signer: string; content: string }): Promise<Buffer> {
  const { doc, done } = notoPdf({ size: 'A4', margin: 60, info: { Title: `Văn bản xác nhận ${lines.number}`, Author: lines.business } });
  doc.font(PDF_FONTS.bold).fontSize(12).text(lines.business.toUpperCase(), { align: 'left' });
  doc.font(PDF_FONTS.regular).fontSize(11).text(`Số: ${lines.number}`);
  doc.moveDown();
  doc.font(PDF_FONTS.bold).fontSize(13).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { align: 'center' });
  doc.font(PDF_FONTS.regular).fontSize(11).text('Độc lập - Tự do - Hạnh phúc', { align: 'center' });
  doc.moveDown();
  doc.font(PDF_FONTS.bold).fontSize(14).text('VĂN BẢN XÁC NHẬN NỘI DUNG QUẢNG BÁ', { align: 'center' });
  doc.moveDown();
  doc.font(PDF_FONTS.regular).fontSize(11).text(`${lines.business} xác nhận nội dung giới thiệu doanh nghiệp đăng trên trang thông tin điện tử như sau: ${lines.content}`, { align: 'justify' });
  doc.moveDown();
  doc.text('Doanh nghiệp chịu trách nhiệm về tính chính xác của nội dung đã xác nhận (Quy chế, Điều 11).');
  doc.moveDown();
  doc.text(`Ngày ${lines.date}`, { align: 'right' });
  doc.font(PDF_FONTS.bold).text(lines.signer, { align: 'right' });
  doc.moveDown();
  doc.font(PDF_FONTS.regular).fontSize(9).text('Văn bản mẫu của bản trình diễn trangtin; doanh nghiệp, số liệu là giả định.');
  doc.end();
  return done;
}

interface DemoPromotion {
  title: string;
  business: string;
  introduction: string;
  website: string;
  from: number;
  to: number;
  colours: [string, string];
  alt: string;
}

async function demoPromotion(db: Db, site: Site, people: DemoPeople, actor: AuditActor, files: FileStore, p: DemoPromotion, n: number, clock: Clock): Promise<void> {
  const today = vietnamDate(clock.now());
  const banner = await uploadMedia(db, files, actor, { data: await drawBanner(p.colours), originalName: `banner-${site.key}-${n}.png`, purpose: 'image', alt: p.alt }, clock);
  const number = `${String(10 + n).padStart(2, '0')}/2026/CV-XN`;
  const confirmedOn = addDays(today, p.from - 7);
  const signer = 'Giám đốc Trần Văn Minh (giả định)';
  const letter = await uploadMedia(db, files, actor, { data: await confirmationLetter({ business: p.business, number, date: confirmedOn.split('-').reverse().join('/'), signer, content: p.introduction }), originalName: `van-ban-xac-nhan-${n}.pdf`, purpose: 'attachment', private: true }, clock);
  await writeAndPublish(
    db,
    site,
    people,
    {
      ...blankArticle(p.title),
      kind: 'entry',
      source: SAMPLE,
      authorName: people.authorName,
      unitId: people.unitId,
      summary: '',
      bodyHtml: `<p>${p.introduction}</p><p>Nội dung mẫu của bản trình diễn trangtin; doanh nghiệp là giả định.</p>`,
      entry: {
        kind: 'promotion',
        values: {
          businessName: p.business,
          banner: { mediaId: banner.id, alt: p.alt, caption: null },
          website: p.website,
          introduction: p.introduction,
          validity: { from: addDays(today, p.from), to: addDays(today, p.to) },
          confirmation: letter.id,
          confirmationNumber: number,
          confirmationDate: confirmedOn,
          confirmationSigner: signer,
          contractNote: 'Hợp đồng dịch vụ quảng bá số 0' + n + '/HĐ-QB (mẫu); phí 2.000.000 đồng/tháng, nộp vào nguồn chi nhuận bút (Quy chế, Điều 6.2).',
        },
      },
    },
    clock,
  );
}

const PROMOTIONS: Record<string, DemoPromotion[]> = {
  thanhchuong: [
    {
      title: 'Giới thiệu Hợp tác xã Chè xanh Thanh Mai',
      business: 'Hợp tác xã Chè xanh Thanh Mai (mẫu)',
      introduction: 'Trồng và chế biến chè xanh theo hướng hữu cơ trên vùng đồi; sản phẩm đạt chứng nhận OCOP 3 sao.',
      website: 'https://chexanh-thanhmai.example.vn',
      from: -10,
      to: 60,
      colours: ['#1f5e3a', '#7bbf5a'],
      alt: 'Biểu trưng Hợp tác xã Chè xanh Thanh Mai: búp chè trên nền xanh',
    },
    {
      title: 'Giới thiệu Công ty TNHH Du lịch sinh thái Bãi Ổi',
      business: 'Công ty TNHH Du lịch sinh thái Bãi Ổi (mẫu)',
      introduction: 'Du lịch trải nghiệm đồi chè và bãi ổi ven sông Lam (hết thời hạn quảng bá: không còn trên trang công khai).',
      website: 'https://dulich-baioi.example.vn',
      from: -90,
      to: -30,
      colours: ['#0b4f8a', '#f5c400'],
      alt: 'Biểu trưng Công ty Du lịch sinh thái Bãi Ổi',
    },
  ],
  'vpubnd-kontum': [
    {
      title: 'Giới thiệu Công ty Cổ phần Cà phê Đăk Hà',
      business: 'Công ty Cổ phần Cà phê Đăk Hà (mẫu)',
      introduction: 'Thu mua, chế biến và xuất khẩu cà phê Robusta; liên kết với hơn 300 hộ đồng bào dân tộc thiểu số.',
      website: 'https://caphedakha.example.vn',
      from: -5,
      to: 90,
      colours: ['#5e1010', '#c8a26b'],
      alt: 'Biểu trưng Công ty Cổ phần Cà phê Đăk Hà: hạt cà phê trên nền nâu',
    },
  ],
};

/** Polls on every site; promotions on 001 and 002 when the demo has a file store (the banner and the letter are files). */
export async function loadDemoEngagement(db: Db, site: Site, presetKey: string, people: DemoPeople, files: FileStore | undefined, clock: Clock): Promise<void> {
  const chief = people.byRole.editor_in_chief ?? null;
  const actor: AuditActor = { siteId: site.id, userId: chief, onBehalfOfUserId: null, label: 'trangtin demo', ip: null, userAgent: null };
  await demoPolls(db, site, actor, clock);
  if (!files) return;
  for (const [i, p] of (PROMOTIONS[presetKey] ?? []).entries()) await demoPromotion(db, site, people, { ...actor, userId: people.byRole.contributor ?? chief }, files, p, i + 1, clock);
}
