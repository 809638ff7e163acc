// Test-only: small but structurally real office files, written byte by byte,
// so detection is tested against the container formats themselves.
import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A ZIP archive with entries in the given order, deflated as Office writes
 * them, except "mimetype", which ODF requires stored.
 */
export function zip(entries: [name: string, content: string | Buffer][], options: { deflate?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const raw = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const method = (options.deflate ?? true) && name !== 'mimetype' ? 8 : 0;
    const data = method === 8 ? deflateRawSync(raw) : raw;
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const OOXML_MAIN: Record<string, [folder: string, contentType: string]> = {
  docx: ['word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'],
  docm: ['word/document.xml', 'application/vnd.ms-word.document.macroEnabled.main+xml'],
  xlsx: ['xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'],
  xlsm: ['xl/workbook.xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml'],
  pptx: ['ppt/presentation.xml', 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml'],
};

/** An Office Open XML package as Office writes it: [Content_Types].xml first. */
export function ooxml(kind: keyof typeof OOXML_MAIN): Buffer {
  const [part, contentType] = OOXML_MAIN[kind]!;
  const types =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/${part}" ContentType="${contentType}"/></Types>`;
  return zip([
    ['[Content_Types].xml', types],
    ['_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'],
    [part, '<?xml version="1.0"?><root/>'],
  ]);
}

/** An OpenDocument package: the uncompressed "mimetype" entry first, as ODF requires. */
export function odf(ext: 'odt' | 'ods' | 'odp'): Buffer {
  const type = { odt: 'text', ods: 'spreadsheet', odp: 'presentation' }[ext];
  return zip([
    ['mimetype', `application/vnd.oasis.opendocument.${type}`],
    ['content.xml', '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'],
    ['META-INF/manifest.xml', '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'],
  ]);
}

/**
 * A compound file (the OLE container of .doc/.xls/.ppt, also of .msi/.msg)
 * with the given streams under the root: header, one FAT sector, one
 * directory sector. 512-byte sectors.
 */
export function compoundFile(streams: string[]): Buffer {
  const sector = 512;
  const file = Buffer.alloc(sector * 3);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(file, 0);
  file.writeUInt16LE(0x3e, 24); // minor version
  file.writeUInt16LE(3, 26); // major version
  file.writeUInt16LE(0xfffe, 28); // byte order
  file.writeUInt16LE(9, 30); // sector shift: 512
  file.writeUInt16LE(6, 32); // mini sector shift
  file.writeUInt32LE(1, 44); // FAT sectors
  file.writeUInt32LE(1, 48); // first directory sector
  file.writeUInt32LE(4096, 56); // mini stream cutoff
  file.writeUInt32LE(0xfffffffe, 60); // no mini FAT
  file.writeUInt32LE(0xfffffffe, 68); // no DIFAT sectors
  file.writeUInt32LE(0, 76); // DIFAT[0]: the FAT is sector 0
  for (let i = 1; i < 109; i++) file.writeUInt32LE(0xffffffff, 76 + i * 4);
  const fat = sector;
  file.fill(0xff, fat, fat + sector);
  file.writeUInt32LE(0xfffffffd, fat); // sector 0 is a FAT sector
  file.writeUInt32LE(0xfffffffe, fat + 4); // the directory ends in sector 1
  const directory = sector * 2;
  const names = ['Root Entry', ...streams];
  names.slice(0, 4).forEach((name, i) => writeDirectoryEntry(file, directory + i * 128, name, i === 0 ? 5 : 2, i === 0 ? 1 : 0xffffffff, i > 0 && i < names.length - 1 ? i + 1 : 0xffffffff));
  return file;
}

function writeDirectoryEntry(file: Buffer, at: number, name: string, type: number, child: number, right: number): void {
  file.write(name, at, 'utf16le');
  file.writeUInt16LE((name.length + 1) * 2, at + 64);
  file[at + 66] = type;
  file[at + 67] = 1; // black
  file.writeUInt32LE(0xffffffff, at + 68); // left sibling
  file.writeUInt32LE(right, at + 72);
  file.writeUInt32LE(child, at + 76);
  file.writeUInt32LE(0xfffffffe, at + 116); // start sector: none (empty stream)
}
