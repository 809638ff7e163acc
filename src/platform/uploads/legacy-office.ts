// Word 97-2003 (.doc), Excel 97-2003 (.xls) and PowerPoint 97-2003 (.ppt)
// share one container, the Compound File Binary format (file-type only says
// "cfb"). So do Windows installers (.msi), Outlook messages (.msg) and
// password-protected OOXML. Which it is shows in the names of its streams:
// "WordDocument", "Workbook"/"Book", "PowerPoint Document".
//
// Rather than walk the FAT chains, every 128-byte slot after the header is
// checked for a directory entry with one of those names: directory entries
// always sit on 128-byte boundaries (sectors are 512 or 4096 bytes), and a
// false match needs the exact UTF-16 name, its length field and the stream
// type byte at once.

export type LegacyOffice = 'doc' | 'xls' | 'ppt';

const CFB_SIGNATURE = Buffer.from('d0cf11e0a1b11ae1', 'hex');
const ENTRY_SIZE = 128;
const STREAM = 2;

const STREAM_NAMES: Record<string, LegacyOffice | 'encrypted'> = {
  worddocument: 'doc',
  workbook: 'xls',
  book: 'xls', // Excel 5/95
  'powerpoint document': 'ppt',
  encryptedpackage: 'encrypted', // a password-protected DOCX/XLSX/PPTX
};

export interface CompoundFileContents {
  /** Legacy Office formats whose main stream is present (several when one embeds another). */
  office: Set<LegacyOffice>;
  encrypted: boolean;
}

export function isCompoundFile(data: Buffer): boolean {
  return data.length >= 512 && data.subarray(0, 8).equals(CFB_SIGNATURE);
}

export function readCompoundFile(data: Buffer): CompoundFileContents {
  const found: CompoundFileContents = { office: new Set(), encrypted: false };
  if (!isCompoundFile(data)) return found;
  const sectorShift = data.readUInt16LE(30);
  if (sectorShift !== 9 && sectorShift !== 12) return found;
  for (let at = 1 << sectorShift; at + ENTRY_SIZE <= data.length; at += ENTRY_SIZE) {
    const name = streamNameAt(data, at);
    const meaning = name === null ? undefined : STREAM_NAMES[name];
    if (meaning === 'encrypted') found.encrypted = true;
    else if (meaning !== undefined) found.office.add(meaning);
  }
  return found;
}

/**
 * Which legacy format a compound file is. An embedded object (an Excel chart
 * in a Word file) brings its own main stream along, so when several are
 * present the one the file is named after wins, then Word, PowerPoint, Excel.
 */
export function legacyOfficeType(contents: CompoundFileContents, nameExt: string): LegacyOffice | null {
  if ((contents.office as Set<string>).has(nameExt)) return nameExt as LegacyOffice;
  for (const type of ['doc', 'ppt', 'xls'] as const) if (contents.office.has(type)) return type;
  return null;
}

/** The lower-cased name of a stream directory entry at this offset, or null. */
function streamNameAt(data: Buffer, at: number): string | null {
  if (data[at + 66] !== STREAM) return null;
  const nameBytes = data.readUInt16LE(at + 64);
  // Names we look for are 4 to 19 characters, plus the terminating NUL.
  if (nameBytes < 10 || nameBytes > 40 || nameBytes % 2 !== 0) return null;
  if (data.readUInt16LE(at + nameBytes - 2) !== 0) return null;
  return data.toString('utf16le', at, at + nameBytes - 2).toLowerCase();
}
