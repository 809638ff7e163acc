// Sample galleries for the demo (issue 16): on Thanh Chương a photo album of a
// harvest festival and a mixed album with the sample video; on the Department
// of Construction a photo album of a site inspection and a video album. Photos
// are drawn here from plain shapes and turned into JPEG by sharp (no real
// place or person); the video and its Vietnamese captions are the small files
// in assets/demo (made once with ffmpeg, which the demo does not need). Each
// album is published through the site's chain like any entry.
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import type Sharp from 'sharp';
import { lazyModule } from '../../platform/lazy.ts';

const sharp = lazyModule<typeof Sharp>('sharp');
import { GALLERY } from '../../core/entries/kinds/gallery.ts';
import { addDays, vietnamDate, type Clock } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { FileStore } from '../../platform/files/index.ts';
import { blankArticle } from '../articles/save-article.ts';
import type { AuditActor } from '../audit/store.ts';
import { uploadMedia } from '../media/media.ts';
import { uploadVideo } from '../media/video.ts';
import type { Site } from '../sites/site.ts';
import { writeAndPublish, type DemoPeople } from './demo-content.ts';
import type { SitePreset } from './presets.ts';
import { projectPath } from '../../platform/project-root.ts';

const W = 1200;
const H = 800;
const SAMPLE = 'Bài mẫu của bản trình diễn trangtin';
const demoAsset = (name: string) => readFileSync(projectPath('assets/demo', name));

interface Photo {
  name: string;
  alt: string;
  caption: string;
  svg: string;
}

const ground = (sky: string, land: string) => `<rect width="${W}" height="${H}" fill="${sky}"/><rect y="${H * 0.62}" width="${W}" height="${H * 0.38}" fill="${land}"/>`;
const people = (y: number, colors: string[]) => colors.map((c, i) => `<circle cx="${160 + i * 130}" cy="${y}" r="26" fill="#e8c39e"/><rect x="${134 + i * 130}" y="${y + 28}" width="52" height="110" rx="18" fill="${c}"/>`).join('');

const PHOTOS: Record<string, Photo[]> = {
  thanhchuong: [
    { name: 'le-hoi-mua-1', alt: 'Ảnh minh họa: cánh đồng lúa chín vàng, người dân gặt lúa', caption: 'Bà con xã Thanh Liên thu hoạch lúa vụ mùa (ảnh minh họa).', svg: `${ground('#bfe3f5', '#d9a21b')}${Array.from({ length: 10 }, (_, i) => `<path d="M0 ${520 + i * 28} Q600 ${480 + i * 30} 1200 ${520 + i * 28}" stroke="#b8860b" stroke-width="7" fill="none"/>`).join('')}${people(430, ['#2f6f3e', '#8b1a1a', '#2f4f8a'])}` },
    { name: 'le-hoi-mua-2', alt: 'Ảnh minh họa: sân khấu lễ hội với cờ đỏ và khán giả', caption: 'Chương trình văn nghệ mừng lúa mới (ảnh minh họa).', svg: `${ground('#f7e1b5', '#8c9a6b')}<rect x="250" y="150" width="700" height="320" fill="#a3161a"/><rect x="300" y="200" width="600" height="40" fill="#f5c400"/>${people(560, ['#1f4e79', '#7a2e8a', '#2f6f3e', '#b5452f', '#1f4e79', '#2f6f3e', '#8b1a1a'])}` },
    { name: 'le-hoi-mua-3', alt: 'Ảnh minh họa: gian hàng nông sản với bao gạo và rổ rau', caption: 'Gian hàng nông sản của hợp tác xã (ảnh minh họa).', svg: `${ground('#dcefe0', '#c9b38a')}<rect x="180" y="300" width="840" height="60" fill="#6b3e1e"/>${[0, 1, 2, 3, 4].map((i) => `<rect x="${220 + i * 160}" y="380" width="110" height="150" rx="16" fill="#efe6d2" stroke="#9a8560" stroke-width="6"/>`).join('')}${[0, 1, 2].map((i) => `<ellipse cx="${320 + i * 280}" cy="290" rx="90" ry="30" fill="#5b8c3a"/>`).join('')}` },
  ],
  'sxd-kontum': [
    { name: 'kiem-tra-cong-trinh-1', alt: 'Ảnh minh họa: công trường với cần cẩu tháp và khung nhà đang xây', caption: 'Đoàn kiểm tra làm việc tại công trường (ảnh minh họa).', svg: `${ground('#cfe6f7', '#a08d6b')}<rect x="640" y="120" width="16" height="420" fill="#f5c400"/><rect x="460" y="120" width="480" height="14" fill="#f5c400"/><rect x="300" y="300" width="300" height="240" fill="none" stroke="#7a7a7a" stroke-width="10"/>${[0, 1, 2].map((i) => `<line x1="300" y1="${360 + i * 60}" x2="600" y2="${360 + i * 60}" stroke="#7a7a7a" stroke-width="8"/>`).join('')}${people(600, ['#f08c00', '#f08c00', '#1f4e79'])}` },
    { name: 'kiem-tra-cong-trinh-2', alt: 'Ảnh minh họa: cán bộ đội mũ bảo hộ xem bản vẽ thiết kế', caption: 'Kiểm tra hồ sơ thiết kế và nhật ký thi công (ảnh minh họa).', svg: `${ground('#e8eef3', '#b9b2a3')}<rect x="380" y="360" width="440" height="260" fill="#ffffff" stroke="#1f4e79" stroke-width="6"/>${[0, 1, 2, 3].map((i) => `<line x1="410" y1="${400 + i * 50}" x2="790" y2="${400 + i * 50}" stroke="#5b7fa3" stroke-width="5"/>`).join('')}${people(250, ['#f08c00', '#1f4e79', '#f08c00', '#2f6f3e', '#1f4e79', '#f08c00', '#2f4f8a'])}` },
  ],
};

async function photoOf(p: Photo): Promise<Buffer> {
  return sharp()(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${p.svg}</svg>`)).jpeg({ quality: 76 }).toBuffer();
}

const ALBUMS: Record<string, { photos: { title: string; summary: string; description: string; offset: number }; video: { title: string; summary: string; videoTitle: string; description: string; offset: number } }> = {
  thanhchuong: {
    photos: { title: 'Lễ hội mừng lúa mới xã Thanh Liên', summary: 'Hình ảnh lễ hội mừng lúa mới năm 2026 của bà con xã Thanh Liên.', description: 'Lễ hội được tổ chức sau vụ thu hoạch, gồm phần lễ dâng cơm mới, chương trình văn nghệ và gian hàng nông sản của các hợp tác xã.\nẢnh và nội dung là mẫu của bản trình diễn.', offset: -12 },
    video: { title: 'Video: Thanh Chương chung sức xây dựng nông thôn mới', summary: 'Video và hình ảnh về phong trào xây dựng nông thôn mới.', videoTitle: 'Phóng sự ngắn: chung sức xây dựng nông thôn mới', description: 'Video mẫu của bản trình diễn (hình và tiếng kiểm tra), có phụ đề tiếng Việt.', offset: -5 },
  },
  'sxd-kontum': {
    photos: { title: 'Kiểm tra chất lượng công trình nhà ở xã hội', summary: 'Đoàn kiểm tra của Sở Xây dựng làm việc tại các công trình nhà ở xã hội.', description: 'Đoàn kiểm tra công tác quản lý chất lượng, an toàn lao động và hồ sơ hoàn công tại hai công trình nhà ở xã hội.\nẢnh và nội dung là mẫu của bản trình diễn.', offset: -9 },
    video: { title: 'Video: Hướng dẫn thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ', summary: 'Video hướng dẫn người dân chuẩn bị hồ sơ cấp giấy phép xây dựng.', videoTitle: 'Hướng dẫn hồ sơ cấp giấy phép xây dựng', description: 'Video mẫu của bản trình diễn (hình và tiếng kiểm tra), có phụ đề tiếng Việt.', offset: -3 },
  },
};

/** The demo's albums on the sites that show galleries first; other sites start with the section empty. */
export async function loadDemoGalleries(db: Db, files: FileStore, site: Site, preset: SitePreset, demoPeople: DemoPeople, clock: Clock): Promise<void> {
  const plan = ALBUMS[preset.key];
  const drawings = PHOTOS[preset.key];
  if (!plan || !drawings) return;
  const today = vietnamDate(clock.now());
  const actor: AuditActor = { userId: demoPeople.byRole.contributor ?? null, onBehalfOfUserId: null, label: 'trangtin demo', ip: null, userAgent: null, siteId: site.id };
  const pictures = [];
  for (const p of drawings) {
    const media = await uploadMedia(db, files, actor, { data: await photoOf(p), originalName: `${p.name}.jpg`, purpose: 'image', alt: p.alt, caption: p.caption }, clock);
    pictures.push({ mediaId: media.id, alt: p.alt, caption: p.caption });
  }
  const video = await uploadVideo(db, files, actor, { stream: Readable.from([demoAsset('video-mau.mp4')]), originalName: 'video-mau.mp4', caption: plan.video.videoTitle }, clock);
  const captions = await uploadMedia(db, files, actor, { data: demoAsset('video-mau.vtt'), originalName: 'video-mau.vtt', purpose: 'subtitle' }, clock);
  const publish = (title: string, summary: string, values: Record<string, unknown>) => writeAndPublish(db, site, demoPeople, { ...blankArticle(title), kind: 'entry', source: SAMPLE, authorName: demoPeople.authorName, unitId: demoPeople.unitId, summary, entry: { kind: GALLERY, values } }, clock);
  await publish(plan.photos.title, plan.photos.summary, { galleryType: 'photo', eventDate: addDays(today, plan.photos.offset), description: plan.photos.description, pictures });
  await publish(plan.video.title, plan.video.summary, {
    galleryType: 'mixed',
    eventDate: addDays(today, plan.video.offset),
    description: plan.video.description,
    pictures: pictures.slice(0, 1),
    videos: [{ title: plan.video.videoTitle, video: video.id, poster: pictures[0]!.mediaId, subtitles: captions.id, duration: '0:04', description: plan.video.description }],
  });
}
