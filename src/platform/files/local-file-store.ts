// The content-addressed store on local disk: root/ab/cd/<sha256>.
// Two levels of 256 directories keep any one directory small even with
// millions of files. Every write goes to root/.tmp first (same filesystem,
// so rename is atomic), is fsynced, then renamed into place: a reader never
// sees half a file, and a crash leaves at most a stray file in .tmp.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, openSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '../../core/errors.ts';
import { checkFileId, fileTooLarge, type FileStore, type StoredFile } from './file-store.ts';

const TEMP_DIR = '.tmp';

export function createLocalFileStore(root: string): FileStore {
  return new LocalFileStore(path.resolve(root));
}

class LocalFileStore implements FileStore {
  private tempDirReady: Promise<unknown> | undefined;

  constructor(private readonly root: string) {}

  async put(data: Buffer): Promise<StoredFile> {
    const sha256 = createHash('sha256').update(data).digest('hex');
    const stored = { sha256, size: data.length };
    if (await this.has(sha256)) return stored;
    const temp = await this.newTempPath();
    try {
      await writeDurably(temp, data);
    } catch (error) {
      await rm(temp, { force: true });
      throw storageProblem(error);
    }
    await this.commit(temp, sha256);
    return stored;
  }

  async putStream(stream: NodeJS.ReadableStream, maxBytes: number): Promise<StoredFile> {
    const temp = await this.newTempPath();
    const meter = new HashingMeter(maxBytes);
    try {
      // flush: fsync before close, so the rename below publishes durable bytes.
      await pipeline(stream, meter, createWriteStream(temp, { flags: 'wx', mode: 0o644, flush: true }));
    } catch (error) {
      await rm(temp, { force: true });
      throw storageProblem(error);
    }
    const sha256 = meter.digest();
    await this.commit(temp, sha256);
    return { sha256, size: meter.size };
  }

  async get(sha256: string): Promise<Buffer | null> {
    return orNullWhenMissing(() => readFile(this.pathOf(sha256)));
  }

  open(sha256: string, range?: { start: number; end: number }): NodeJS.ReadableStream | null {
    const file = this.pathOf(sha256);
    let fd: number;
    try {
      // Opening now (one syscall) rather than checking existence first avoids
      // a race with a concurrent delete and lets the caller answer 404 early.
      fd = openSync(file, 'r');
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    return createReadStream(file, { fd, ...(range ? { start: range.start, end: range.end } : {}) });
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.size(sha256)) !== null;
  }

  async size(sha256: string): Promise<number | null> {
    const info = await orNullWhenMissing(() => stat(this.pathOf(sha256)));
    return info?.isFile() ? info.size : null;
  }

  /** The only place a path is built from an id, after the id is checked. */
  private pathOf(sha256: string): string {
    const id = checkFileId(sha256);
    return path.join(this.root, id.slice(0, 2), id.slice(2, 4), id);
  }

  private async newTempPath(): Promise<string> {
    this.tempDirReady ??= mkdir(path.join(this.root, TEMP_DIR), { recursive: true });
    await this.tempDirReady;
    return path.join(this.root, TEMP_DIR, `${randomBytes(12).toString('hex')}.part`);
  }

  /** Moves a finished temp file into place, or drops it when the content is already stored. */
  private async commit(temp: string, sha256: string): Promise<void> {
    const final = this.pathOf(sha256);
    try {
      if (await this.has(sha256)) return;
      await mkdir(path.dirname(final), { recursive: true });
      await rename(temp, final);
      await fsyncDirectory(path.dirname(final));
    } finally {
      await rm(temp, { force: true });
    }
  }
}

/** Counts and hashes the bytes going through; fails as soon as the limit is passed. */
class HashingMeter extends Transform {
  size = 0;
  private readonly hash = createHash('sha256');

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null, data?: Buffer) => void): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.size += bytes.length;
    if (this.size > this.maxBytes) {
      done(fileTooLarge(this.maxBytes));
      return;
    }
    this.hash.update(bytes);
    done(null, bytes);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

async function writeDurably(file: string, data: Buffer): Promise<void> {
  const handle = await open(file, 'wx', 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes the rename itself survive a power cut (POSIX); not possible on every platform. */
async function fsyncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open or fsync a directory; the rename is still atomic there.
  } finally {
    await handle?.close();
  }
}

async function orNullWhenMissing<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * A full disk (or quota) is the operator's problem, not the uploader's mistake: the upload is refused
 * with a message saying so (507), the temporary file already removed, instead of an unexplained 500.
 */
function storageProblem(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code !== 'ENOSPC' && code !== 'EDQUOT') return error;
  return new DomainError(
    {
      code: 'storage_full',
      vi: 'Máy chủ đã hết chỗ lưu tệp nên tệp này chưa được lưu. Xin báo bộ phận kỹ thuật; những gì đã lưu trước đó không bị ảnh hưởng.',
      en: 'The server has run out of file storage, so this file was not saved. Please tell the technical staff; what was saved before is unaffected.',
    },
    507,
  );
}
