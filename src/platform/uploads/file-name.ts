// The name an uploaded file is shown and downloaded under. It comes from the
// user's machine, so it is cleaned, but Vietnamese letters are kept:
// "Quyết định 15-QĐ.pdf" should download as that, not "Quyet-dinh-15-QD.pdf".
import { toNfc } from '../../core/vietnamese/index.ts';

export const FALLBACK_FILE_NAME = 'tep-tin'; // "tệp tin": file
/** UTF-8 bytes: filesystems allow 255, and headers, zips and archives of downloads add their own. */
const MAX_NAME_BYTES = 150;
const MAX_EXT_LENGTH = 10;

// C0/C1 controls and DEL.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
// Bidirectional overrides ("photo‮gpj.exe" shows as "photoexe.jpg") and other invisibles.
const INVISIBLE = /[\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\ufff9-\ufffb]/g;
// Forbidden in Windows names; quotes and semicolons also trip up Content-Disposition parsers.
const RESERVED = /[<>:"|?*;]/g;
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com\d|lpt\d)(?:\.|$)/i;
const EXTENSION_ALIASES: Record<string, string> = { jpeg: 'jpg', jpe: 'jpg', jfif: 'jpg', tif: 'tiff' };

/**
 * NFC; without directories, controls or invisible characters; at most 150
 * UTF-8 bytes with the extension kept; never empty ("tep-tin").
 * With `ext` (the sniffed one), the name is made to end in it, so a PNG
 * uploaded as "ảnh.jpg" downloads as "ảnh.png".
 */
export function safeFileName(originalName: string, ext?: string): string {
  const name = clean(lastPathPart(toNfc(String(originalName))));
  let { base, extension } = splitExtension(name);
  if (ext !== undefined && extension !== '' && !looksLikeExtension(extension)) {
    base = name; // the "2" of "Báo cáo v1.2" is part of the name, the real extension is added
    extension = '';
  }
  const finalExt = ext === undefined ? extension : chooseExtension(extension, ext);
  return join(truncate(tidyBase(base), finalExt), finalExt);
}

/** The extension of a name, lower case, without the dot ("" when none). */
export function extensionOf(name: string): string {
  const { extension } = splitExtension(lastPathPart(name).trim());
  return extension.toLowerCase();
}

/** Browsers send a bare name, but old IE and some API clients send "C:\Users\…\a.pdf". */
function lastPathPart(name: string): string {
  const parts = name.split(/[/\\]/).filter((part) => part.trim() !== '');
  return parts[parts.length - 1] ?? '';
}

function clean(name: string): string {
  // Trailing dots and spaces vanish on Windows.
  return name.replace(CONTROL, '').replace(INVISIBLE, '').replace(RESERVED, '_').replace(/\s+/g, ' ').trim().replace(/[\s.]+$/, '');
}

function tidyBase(base: string): string {
  // Leading dots hide a file on Unix ("…/.pdf" is only an extension).
  const tidy = base.replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');
  if (tidy === '') return FALLBACK_FILE_NAME;
  return WINDOWS_DEVICE.test(tidy) ? `_${tidy}` : tidy;
}

function splitExtension(name: string): { base: string; extension: string } {
  const dot = name.lastIndexOf('.');
  if (dot < 0 || name.length - dot - 1 > MAX_EXT_LENGTH || /\s/.test(name.slice(dot + 1))) return { base: name, extension: '' };
  return { base: name.slice(0, dot).replace(/[\s.]+$/, ''), extension: name.slice(dot + 1) };
}

/** "2" in "Báo cáo v1.2" is not an extension; "pdf", "docx", "7z" are. */
function looksLikeExtension(extension: string): boolean {
  return /^[a-z0-9]{1,5}$/i.test(extension) && /[a-z]/i.test(extension);
}

function chooseExtension(current: string, sniffed: string): string {
  const wanted = sniffed.toLowerCase();
  const have = current.toLowerCase();
  return have === wanted || EXTENSION_ALIASES[have] === wanted ? current : wanted;
}

/** Cuts the base by whole code points so the name fits MAX_NAME_BYTES. */
function truncate(base: string, extension: string): string {
  const budget = MAX_NAME_BYTES - (extension ? Buffer.byteLength(extension) + 1 : 0);
  if (Buffer.byteLength(base) <= budget) return base;
  let out = '';
  let bytes = 0;
  for (const char of base) {
    const size = Buffer.byteLength(char);
    if (bytes + size > budget) break;
    out += char;
    bytes += size;
  }
  return out.replace(/[\s.]+$/, '') || FALLBACK_FILE_NAME;
}

function join(base: string, extension: string): string {
  return extension ? `${base}.${extension}` : base;
}
