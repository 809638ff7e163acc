// Packs an export folder into a .zip, one file at a time (fflate's streaming
// Zip), so a large site never sits in memory at once. Pictures and other
// already-compressed files are stored, text is deflated.
import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { listFiles } from './export-site.ts';

const STORED = /\.(jpe?g|png|webp|gif|zip|docx|xlsx|pptx|odt|ods|mp4|mp3|pdf)$/i;

/** Writes `zipFile` holding every file of `dir` under the folder name `prefix`/. */
export async function zipFolder(dir: string, zipFile: string, prefix: string): Promise<void> {
  const out = createWriteStream(zipFile);
  const finished = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  let failure: Error | null = null;
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      failure = error;
      out.destroy(error);
      return;
    }
    out.write(chunk);
    if (final) out.end();
  });
  for (const rel of listFiles(dir)) {
    const entry = STORED.test(rel) ? new ZipPassThrough(`${prefix}/${rel}`) : new ZipDeflate(`${prefix}/${rel}`, { level: 6 });
    zip.add(entry);
    for await (const chunk of createReadStream(path.join(dir, rel))) {
      entry.push(chunk as Uint8Array);
      if (out.writableNeedDrain) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    entry.push(new Uint8Array(0), true);
    if (failure) throw failure;
  }
  zip.end();
  await finished;
  if (failure) throw failure;
}
