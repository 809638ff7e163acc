// Pictures for the demo's sample news: drawn here from plain shapes (no photograph of a
// real place or person), turned into JPEG by sharp and put in each site's media library,
// so a fresh `npm start` shows a home page with a lead picture and thumbnails. Each
// picture's description says it is an illustration.
import type Sharp from 'sharp';
import { lazyModule } from '../../platform/lazy.ts';

const sharp = lazyModule<typeof Sharp>('sharp');
import type { Clock } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { FileStore } from '../../platform/files/index.ts';
import type { AuditActor } from '../audit/store.ts';
import { uploadMedia } from '../media/media.ts';

export type DemoPicture = 'hall' | 'fields' | 'office' | 'village' | 'screen' | 'letters';

const W = 1200;
const H = 675;

const sky = (top: string, bottom: string) =>
  `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient></defs><rect width="${W}" height="${H}" fill="url(#sky)"/>`;

/** Each drawing: a few shapes that say what the story is about at thumbnail size. */
const DRAWINGS: Record<DemoPicture, { svg: string; alt: string }> = {
  // A meeting hall: red backdrop, the emblem, a podium and rows of seats.
  hall: {
    alt: 'Ảnh minh họa: hội trường với phông nền đỏ, quốc huy và bục phát biểu',
    svg: `<rect width="${W}" height="${H}" fill="#e9e2d6"/><rect x="150" y="60" width="900" height="380" fill="#a3161a"/><circle cx="600" cy="190" r="70" fill="#c8102e" stroke="#f5c400" stroke-width="8"/><path fill="#f5c400" d="M600 140l12 37h39l-31 23 12 37-32-23-32 23 12-37-31-23h39z"/><rect x="330" y="300" width="540" height="34" fill="#f5c400"/><rect x="520" y="380" width="160" height="140" fill="#6b3e1e"/><rect x="500" y="370" width="200" height="20" fill="#8a5a2b"/>${Array.from({ length: 3 }, (_, r) => Array.from({ length: 9 }, (_, c) => `<rect x="${90 + c * 118}" y="${545 + r * 42}" width="92" height="30" rx="6" fill="#2f3b52"/>`).join('')).join('')}`,
  },
  // Rice fields under hills.
  fields: {
    alt: 'Ảnh minh họa: cánh đồng lúa xanh dưới chân đồi',
    svg: `${sky('#8fc9ef', '#e6f4fb')}<circle cx="980" cy="120" r="60" fill="#ffd65c"/><path d="M0 330 L220 200 L420 310 L640 180 L880 300 L1200 190 L1200 420 L0 420Z" fill="#4f7f4a"/><path d="M0 400 Q600 340 1200 400 L1200 675 L0 675Z" fill="#8fbf3f"/>${Array.from({ length: 8 }, (_, i) => `<path d="M0 ${430 + i * 32} Q600 ${380 + i * 40} 1200 ${430 + i * 32}" stroke="#6fa02e" stroke-width="6" fill="none"/>`).join('')}`,
  },
  // An office building with a flag.
  office: {
    alt: 'Ảnh minh họa: trụ sở cơ quan với cột cờ phía trước',
    svg: `${sky('#9ccbe8', '#f3f8fb')}<rect x="0" y="560" width="${W}" height="115" fill="#8c9a6b"/><rect x="260" y="230" width="680" height="330" fill="#f2e6c9"/><path d="M230 240 L600 120 L970 240Z" fill="#b5452f"/>${Array.from({ length: 2 }, (_, r) => Array.from({ length: 6 }, (_, c) => `<rect x="${300 + c * 105}" y="${270 + r * 120}" width="60" height="80" fill="#5b7fa3"/>`).join('')).join('')}<rect x="555" y="470" width="90" height="90" fill="#6b3e1e"/><rect x="130" y="200" width="10" height="360" fill="#777"/><rect x="140" y="200" width="110" height="72" fill="#da251d"/><path fill="#ffde00" d="M195 215l6 18h19l-15 11 6 18-16-11-16 11 6-18-15-11h19z"/>`,
  },
  // Stilt houses of a village by the hills.
  village: {
    alt: 'Ảnh minh họa: nhà sàn của một bản làng bên sườn đồi',
    svg: `${sky('#f7c98b', '#fdf0d9')}<path d="M0 360 L300 210 L560 330 L820 220 L1200 340 L1200 675 L0 675Z" fill="#5f8a55"/><rect x="0" y="520" width="${W}" height="155" fill="#7a9c4c"/>${[180, 520, 860].map((x) => `<path d="M${x - 20} 380 L${x + 110} 300 L${x + 240} 380Z" fill="#7b4a2a"/><rect x="${x}" y="380" width="220" height="90" fill="#c79a5b"/>${[0, 1, 2, 3].map((k) => `<rect x="${x + 10 + k * 62}" y="470" width="12" height="70" fill="#6b3e1e"/>`).join('')}`).join('')}`,
  },
  // A screen with a search field and a magnifier.
  screen: {
    alt: 'Ảnh minh họa: màn hình máy tính với ô tìm kiếm và kính lúp',
    svg: `<rect width="${W}" height="${H}" fill="#dfe8f1"/><rect x="220" y="80" width="760" height="440" rx="18" fill="#25324a"/><rect x="250" y="110" width="700" height="380" fill="#ffffff"/><rect x="250" y="110" width="700" height="60" fill="#8b1a1a"/><rect x="300" y="210" width="480" height="50" rx="6" fill="#fff" stroke="#25324a" stroke-width="4"/><rect x="790" y="210" width="110" height="50" fill="#f5c400"/>${[0, 1, 2].map((i) => `<rect x="300" y="${300 + i * 55}" width="${560 - i * 90}" height="20" fill="#b9c6d6"/>`).join('')}<rect x="540" y="520" width="120" height="70" fill="#25324a"/><rect x="440" y="585" width="320" height="24" rx="8" fill="#3a4862"/><circle cx="900" cy="470" r="70" fill="none" stroke="#f5c400" stroke-width="22"/><rect x="950" y="520" width="26" height="110" rx="10" fill="#f5c400" transform="rotate(-45 963 575)"/>`,
  },
  // Letters going into a mailbox.
  letters: {
    alt: 'Ảnh minh họa: phong thư và hộp thư góp ý',
    svg: `<rect width="${W}" height="${H}" fill="#f4efe6"/><rect x="640" y="200" width="360" height="400" rx="20" fill="#8b1a1a"/><rect x="690" y="270" width="260" height="26" rx="8" fill="#3a0d0d"/><rect x="700" y="360" width="240" height="60" fill="#f5c400"/>${[[150, 150, -8], [260, 300, 6], [120, 430, -3]].map(([x, y, a]) => `<g transform="rotate(${a} ${x! + 170} ${y! + 100})"><rect x="${x}" y="${y}" width="340" height="200" fill="#ffffff" stroke="#9aa5b1" stroke-width="4"/><path d="M${x} ${y} L${x! + 170} ${y! + 110} L${x! + 340} ${y}" fill="none" stroke="#9aa5b1" stroke-width="4"/></g>`).join('')}`,
  },
};

/** The picture as a JPEG: the drawing on a 16:9 canvas. */
export async function drawDemoPicture(picture: DemoPicture): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${DRAWINGS[picture].svg}</svg>`;
  return sharp()(Buffer.from(svg)).jpeg({ quality: 78 }).toBuffer();
}

/** Puts the pictures in the site's media library; returns each one's media id and description. */
export async function addDemoPictures(db: Db, files: FileStore, actor: AuditActor, pictures: DemoPicture[], clock: Clock): Promise<Map<DemoPicture, { id: number; alt: string }>> {
  const result = new Map<DemoPicture, { id: number; alt: string }>();
  for (const picture of pictures) {
    const alt = DRAWINGS[picture].alt;
    const media = await uploadMedia(db, files, actor, { data: await drawDemoPicture(picture), originalName: `anh-minh-hoa-${picture}.jpg`, purpose: 'image', alt }, clock);
    result.set(picture, { id: media.id, alt });
  }
  return result;
}
