// Reads a zip file's central directory (names and declared sizes) without
// decompressing anything, so an upload can be refused cheaply before mammoth
// unpacks it: not a zip, no word/document.xml, or far too large unpacked.

export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const END_RECORD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const ZIP64_MARKER = 0xffffffff;

/**
 * The entries of a zip file, `null` when it is not a readable zip, or
 * 'zip64' for an archive whose directory uses ZIP64 fields (not read here;
 * mammoth's own zip reader decides).
 */
export function readZipDirectory(buffer: Buffer): ZipEntry[] | 'zip64' | null {
  const end = findEndRecord(buffer);
  if (end < 0) return null;
  const count = buffer.readUInt16LE(end + 10);
  const size = buffer.readUInt32LE(end + 12);
  const offset = buffer.readUInt32LE(end + 16);
  if (count === 0xffff || size === ZIP64_MARKER || offset === ZIP64_MARKER) return 'zip64';
  if (offset + size > end) return null;
  return readEntries(buffer, offset, count);
}

// The end record sits in the last 22 bytes plus an optional comment.
function findEndRecord(buffer: Buffer): number {
  const stop = Math.max(0, buffer.length - END_RECORD_SIZE - MAX_COMMENT);
  for (let at = buffer.length - END_RECORD_SIZE; at >= stop; at--) {
    if (buffer.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  return -1;
}

function readEntries(buffer: Buffer, offset: number, count: number): ZipEntry[] | 'zip64' | null {
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== CENTRAL_DIRECTORY_ENTRY) return null;
    const compressedSize = buffer.readUInt32LE(at + 20);
    const uncompressedSize = buffer.readUInt32LE(at + 24);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    if (compressedSize === ZIP64_MARKER || uncompressedSize === ZIP64_MARKER) return 'zip64';
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    entries.push({ name, compressedSize, uncompressedSize });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
