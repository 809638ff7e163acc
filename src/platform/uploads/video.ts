// A video checked while it streams into the store (videos are too big to hold
// in memory): its first bytes decide the container by content (the same
// sniffer as every upload: MP4 or WebM, never the name), and for MP4 the
// top-level boxes are walked to read the movie header (moov) wherever it is,
// so a video whose picture is not H.264 (HEVC from a recent phone plays in
// some browsers only) is refused with a way out. An error here fails the
// stream, so the store keeps nothing of a refused file.
import { Transform, type TransformCallback } from 'node:stream';
import { DomainError } from '../../core/errors.ts';
import { safeFileName } from './file-name.ts';
import type { SniffedFile } from './formats.ts';
import { sniffUpload } from './sniff.ts';

/** Enough of the start for the sniffer to tell MP4 and WebM (and HTML or a program posing as one). */
const HEAD_BYTES = 64 * 1024;
/** A movie header is a few hundred KB even for long videos; past this it is not one we can read. */
const MAX_MOOV_BYTES = 32 * 1024 * 1024;

/** Sample entry types of the video tracks an MP4 may hold, and which of them every browser plays. */
const VIDEO_ENTRIES = new Set(['avc1', 'avc3', 'hvc1', 'hev1', 'dvh1', 'dvhe', 'av01', 'vp08', 'vp09', 'mp4v', 's263', 'encv']);
const PLAYABLE = new Set(['avc1', 'avc3']);

/** The sample entry types (codecs) of an MP4 movie header: the four letters after each 'stsd' box's first entry size. */
export function mp4SampleEntries(moov: Buffer): string[] {
  const out: string[] = [];
  let at = moov.indexOf('stsd');
  while (at >= 4 && at + 20 <= moov.length) {
    const count = moov.readUInt32BE(at + 8);
    let entry = at + 12;
    for (let i = 0; i < Math.min(count, 8) && entry + 8 <= moov.length; i++) {
      const size = moov.readUInt32BE(entry);
      out.push(moov.subarray(entry + 4, entry + 8).toString('latin1'));
      if (size < 8) break;
      entry += size;
    }
    at = moov.indexOf('stsd', at + 4);
  }
  return out;
}

function notPlayable(name: string, codec: string | null): DomainError {
  const shown = safeFileName(name);
  const what = codec ? { vi: `mã hóa hình ảnh ${codec.toUpperCase()}`, en: `${codec.toUpperCase()} picture encoding` } : { vi: 'không đọc được phần mô tả video (moov)', en: 'an unreadable movie header (moov)' };
  return new DomainError(
    {
      code: 'unsupported_video',
      field: 'file',
      vi: `Tệp “${shown}” là video MP4 có ${what.vi}, không phát được trên mọi trình duyệt. Video MP4 phải mã hóa H.264 (AVC); hãy xuất lại video với H.264 (ví dụ bằng HandBrake, mục “Video Codec: H.264”) hoặc chuyển sang WebM.`,
      en: `The file “${shown}” is an MP4 video with ${what.en}, which not every browser plays. MP4 videos must be H.264 (AVC); please export it again as H.264 (e.g. HandBrake, “Video Codec: H.264”) or convert it to WebM.`,
    },
    415,
  );
}

/**
 * A pass-through stream that checks a video on its way to the store. `format`
 * is set once the content is known; the stream fails with a Vietnamese and
 * English DomainError when it is not an MP4 (H.264) or WebM video.
 */
export class VideoCheck extends Transform {
  format: SniffedFile | null = null;
  private head: Buffer[] = [];
  private headSize = 0;
  /** Absolute offset of the next byte and of the next top-level MP4 box. */
  private pos = 0;
  private nextBox = 0;
  private header: Buffer = Buffer.alloc(0);
  private moov: Buffer[] | null = null;
  private moovLeft = 0;
  private moovFound: Buffer | null = null;

  constructor(private readonly originalName: string) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.format === null) {
      this.head.push(chunk);
      this.headSize += chunk.length;
      if (this.headSize < HEAD_BYTES) return done();
      void this.identify().then(() => done(null, this.release()), (error: unknown) => done(error as Error));
      return;
    }
    this.walk(chunk);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    const finish = () => {
      try {
        this.finishMp4();
        done();
      } catch (error) {
        done(error as Error);
      }
    };
    if (this.format !== null) return finish();
    void this.identify().then(() => {
      this.push(this.release());
      finish();
    }, (error: unknown) => done(error as Error));
  }

  private async identify(): Promise<void> {
    this.format = await sniffUpload(Buffer.concat(this.head), 'video', this.originalName);
  }

  /** The bytes held back while identifying, walked like the rest. */
  private release(): Buffer {
    const held = Buffer.concat(this.head);
    this.head = [];
    this.walk(held);
    return held;
  }

  /** Follows MP4's top-level boxes (size, type) across chunks, keeping the contents of the one named 'moov'. */
  private walk(chunk: Buffer): void {
    if (this.format?.ext !== 'mp4' || this.moovFound) return;
    let offset = 0;
    while (offset < chunk.length && !this.moovFound) {
      if (this.moov) {
        const take = Math.min(this.moovLeft, chunk.length - offset);
        this.moov.push(chunk.subarray(offset, offset + take));
        this.moovLeft -= take;
        offset += take;
        if (this.moovLeft === 0) this.moovFound = Buffer.concat(this.moov);
        continue;
      }
      const absolute = this.pos + offset;
      if (absolute < this.nextBox) {
        offset += Math.min(this.nextBox - absolute, chunk.length - offset);
        continue;
      }
      // A box header: 32-bit size and type, then a 64-bit size when the first says 1.
      const want = this.header.length >= 8 && this.header.readUInt32BE(0) === 1 ? 16 : 8;
      const take = Math.min(want - this.header.length, chunk.length - offset);
      this.header = Buffer.concat([this.header, chunk.subarray(offset, offset + take)]);
      offset += take;
      if (this.header.length < want) continue;
      const small = this.header.readUInt32BE(0);
      if (small === 1 && this.header.length < 16) continue;
      const type = this.header.subarray(4, 8).toString('latin1');
      const headerSize = this.header.length;
      const size = small === 1 ? Number(this.header.readBigUInt64BE(8)) : small === 0 ? Number.MAX_SAFE_INTEGER : small;
      const start = this.pos + offset - headerSize;
      this.header = Buffer.alloc(0);
      if (size < headerSize) {
        this.nextBox = Number.MAX_SAFE_INTEGER; // malformed: stop walking, the end check refuses
        break;
      }
      if (type === 'moov' && size <= MAX_MOOV_BYTES) {
        this.moov = [];
        this.moovLeft = size - headerSize;
        if (this.moovLeft === 0) this.moovFound = Buffer.alloc(0);
        continue;
      }
      this.nextBox = start + size;
    }
    this.pos += chunk.length;
  }

  private finishMp4(): void {
    if (this.format?.ext !== 'mp4') return;
    const moov = this.moovFound;
    if (!moov) throw notPlayable(this.originalName, null);
    const videos = mp4SampleEntries(moov).filter((e) => VIDEO_ENTRIES.has(e));
    const unplayable = videos.find((e) => !PLAYABLE.has(e));
    if (videos.length === 0) throw notPlayable(this.originalName, null);
    if (unplayable) throw notPlayable(this.originalName, unplayable);
  }
}
