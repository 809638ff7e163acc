// /favicon.ico of each site: its emblem or logo (the one in its header), drawn at 16, 32
// and 48 px and packed as PNG images in an ICO file, which every browser reads. Made once
// per site and logo, then kept in memory.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type Sharp from 'sharp';
import { lazyModule } from '../../platform/lazy.ts';

const sharp = lazyModule<typeof Sharp>('sharp');
import type { FileStore } from '../../platform/files/index.ts';
import { PUBLIC_DIR } from '../../ui/assets.ts';

const SIZES = [16, 32, 48];

/** An ICO file holding PNG images (allowed since Windows Vista; read by all current browsers). */
export function icoOf(pngs: { size: number; data: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(pngs.length, 4);
  const entries: Buffer[] = [];
  let offset = 6 + 16 * pngs.length;
  for (const png of pngs) {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(png.size >= 256 ? 0 : png.size, 0);
    entry.writeUInt8(png.size >= 256 ? 0 : png.size, 1);
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.data.length;
    entries.push(entry);
  }
  return Buffer.concat([header, ...entries, ...pngs.map((p) => p.data)]);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

export class Favicons {
  private readonly made = new Map<string, Promise<Buffer>>();

  constructor(private readonly files: FileStore) {}

  /** The icon of a site whose header shows `logoSha256` (null: the national emblem the header shows then). */
  icon(siteId: number, logoSha256: string | null): Promise<Buffer> {
    const key = `${siteId}:${logoSha256 ?? 'emblem'}`;
    let icon = this.made.get(key);
    if (!icon) {
      icon = this.draw(logoSha256).catch(() => this.draw(null));
      this.made.set(key, icon);
    }
    return icon;
  }

  private async draw(logoSha256: string | null): Promise<Buffer> {
    const stream = logoSha256 ? this.files.open(logoSha256) : null;
    const source = stream ? await readAll(stream) : readFileSync(path.join(PUBLIC_DIR, 'emblem.svg'));
    const pngs = await Promise.all(
      SIZES.map(async (size) => ({ size, data: await sharp()(source, { density: 300 }).resize(size, size, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } }).png().toBuffer() })),
    );
    return icoOf(pngs);
  }
}
