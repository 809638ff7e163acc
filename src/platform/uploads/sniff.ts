// What an uploaded file really is, decided by its content (magic bytes, and
// inside ZIP and OLE containers, their entries), never by its name or the
// browser's Content-Type: both are whatever the sender says. A ".jpg" that is
// HTML, SVG or a program is refused. The name only breaks ties the content
// cannot (.txt or .csv; which legacy Office file an OLE container is).
import { fileTypeFromBuffer } from 'file-type';
import { DomainError } from '../../core/errors.ts';
import { looksLikeBmp } from '../images/bmp.ts';
import { extensionOf, safeFileName } from './file-name.ts';
import { ACCEPTED, FORMATS, isAccepted, type SniffedFile, type UploadPurpose } from './formats.ts';
import { isCompoundFile, legacyOfficeType, readCompoundFile } from './legacy-office.ts';
import { checkPlainText, looksLikeMarkup, type TextCheck } from './plain-text.ts';

/** What the content turned out to be, accepted for this purpose or not, with what to say about it. */
interface Identified {
  format?: SniffedFile;
  /** The extension the content has, when it was recognised. */
  ext?: string;
  received: Bilingual;
  hint?: Bilingual;
}

interface Bilingual {
  vi: string;
  en: string;
}

export async function sniffUpload(data: Buffer, purpose: UploadPurpose, originalName: string): Promise<SniffedFile> {
  if (data.length === 0) throw emptyFile(originalName);
  const nameExt = extensionOf(originalName);
  const found = await identify(data, purpose, nameExt);
  if (found.format && isAccepted(purpose, found.format.ext)) return { ...found.format };
  throw unsupported(originalName, purpose, found, nameMatches(nameExt, found.ext));
}

async function identify(data: Buffer, purpose: UploadPurpose, nameExt: string): Promise<Identified> {
  // A malformed container can make the parser throw; that is just "not recognised".
  const detected = await fileTypeFromBuffer(data).catch(() => undefined);
  const ext = detected?.ext;
  if (ext === 'cfb' || isCompoundFile(data)) return identifyCompoundFile(data, purpose, nameExt);
  if (ext === 'bmp' && !looksLikeBmp(data)) return identifyText(data, purpose, nameExt); // "BM" is just two letters
  if (ext === 'vtt') return identifyText(data, purpose, nameExt); // captions are text: checked as text (no markup)
  if (ext !== undefined) return identifyBinary(ext, detected?.mime ?? '', purpose);
  return identifyText(data, purpose, nameExt);
}

function identifyBinary(ext: string, mime: string, purpose: UploadPurpose): Identified {
  // Animated PNG is still PNG to every browser; M4V is MP4 under Apple's brand.
  const ours = ext === 'apng' ? 'png' : ext === 'm4v' ? 'mp4' : ext;
  const format = FORMATS[ours];
  const received = format ? described(ours) : describeForeign(ours, mime);
  return { format, ext: ours, received, hint: hintFor(ours, purpose) };
}

function identifyCompoundFile(data: Buffer, purpose: UploadPurpose, nameExt: string): Identified {
  const contents = readCompoundFile(data);
  const type = legacyOfficeType(contents, nameExt);
  if (type !== null) return { format: FORMATS[type], ext: type, received: described(type), hint: hintFor(type, purpose) };
  if (contents.encrypted) {
    return {
      received: { vi: 'tệp Office có đặt mật khẩu', en: 'a password-protected Office file' },
      hint: { vi: 'Hãy gỡ mật khẩu rồi tải lên lại.', en: 'Please remove the password and upload it again.' },
    };
  }
  return {
    received: {
      vi: 'tệp dạng OLE không phải Word, Excel hay PowerPoint (ví dụ bộ cài MSI, thư Outlook)',
      en: 'an OLE compound file that is not Word, Excel or PowerPoint (an MSI installer or an Outlook message, for example)',
    },
  };
}

function identifyText(data: Buffer, purpose: UploadPurpose, nameExt: string): Identified {
  const check = checkPlainText(data);
  const asText = nameExt === 'txt' || nameExt === 'csv';
  // Captions: WebVTT is text that starts with "WEBVTT" (and, being checked above, carries no HTML).
  if (check === 'text' && (purpose === 'subtitle' || !asText) && isWebVtt(data)) return { format: FORMATS.vtt, ext: 'vtt', received: { vi: 'tệp phụ đề WebVTT', en: 'a WebVTT caption file' } };
  if (check === 'text' && asText) return { format: FORMATS[nameExt], ext: nameExt, received: described(nameExt) };
  return { received: describeText(check, data), hint: textHint(check, purpose, asText) };
}

const WEBVTT = /^\uFEFF?WEBVTT(?:[ \t\r\n]|$)/;

function isWebVtt(data: Buffer): boolean {
  return WEBVTT.test(data.subarray(0, 64).toString('utf8'));
}

function described(ext: string): Bilingual {
  const name = ext.toUpperCase();
  return { vi: `tệp ${name}`, en: `a ${name} file` };
}

const FOREIGN: Record<string, Bilingual> = {
  exe: { vi: 'tệp chương trình (EXE)', en: 'a program (EXE)' },
  elf: { vi: 'tệp chương trình (ELF)', en: 'a program (ELF)' },
  macho: { vi: 'tệp chương trình (Mach-O)', en: 'a program (Mach-O)' },
  msi: { vi: 'bộ cài chương trình (MSI)', en: 'an installer (MSI)' },
  xml: { vi: 'tệp XML/SVG (có thể chứa mã lệnh)', en: 'an XML/SVG file (it can contain scripts)' },
};

function describeForeign(ext: string, mime: string): Bilingual {
  const known = FOREIGN[ext];
  if (known) return known;
  return { vi: `tệp ${ext.toUpperCase()} (${mime})`, en: `a ${ext.toUpperCase()} file (${mime})` };
}

function describeText(check: TextCheck, data: Buffer): Bilingual {
  if (check === 'markup' || looksLikeMarkup(data)) {
    return { vi: 'trang HTML/SVG/XML (có thể chứa mã lệnh)', en: 'an HTML/SVG/XML page (it can contain scripts)' };
  }
  switch (check) {
    case 'text':
      return { vi: 'văn bản thuần', en: 'plain text' };
    case 'not_utf8':
      return { vi: 'văn bản không ở mã Unicode UTF-8', en: 'text not encoded in UTF-8' };
    default:
      return { vi: 'tệp có định dạng không nhận ra được', en: 'a file of an unrecognised format' };
  }
}

const SAVE_AS_DOCX: Bilingual = {
  vi: 'Hãy mở tệp bằng Word (hoặc LibreOffice) và lưu lại dưới dạng “Word Document (.docx)”.',
  en: 'Please open it in Word (or LibreOffice) and save it as “Word Document (.docx)”.',
};
const MACROS: Bilingual = {
  vi: 'Tệp có macro không được nhận vì có thể chứa mã độc; hãy lưu lại dưới dạng không có macro (.docx, .xlsx, .pptx).',
  en: 'Files with macros are not accepted as they can carry malware; please save it without macros (.docx, .xlsx, .pptx).',
};
const SAVE_VIDEO: Bilingual = {
  vi: 'Hãy chuyển video sang MP4 (mã hóa H.264) hoặc WebM, ví dụ bằng HandBrake hay ffmpeg, rồi tải lên lại.',
  en: 'Please convert the video to MP4 (H.264) or WebM, e.g. with HandBrake or ffmpeg, and upload it again.',
};
const SAVE_WEBVTT: Bilingual = {
  vi: 'Phụ đề phải là tệp WebVTT (.vtt): văn bản UTF-8 bắt đầu bằng dòng “WEBVTT”. Tệp SRT chuyển được bằng cách thêm dòng “WEBVTT” ở đầu và đổi dấu phẩy trong mốc thời gian thành dấu chấm.',
  en: 'Captions must be a WebVTT file (.vtt): UTF-8 text starting with the line “WEBVTT”. An SRT file converts by adding “WEBVTT” at the top and turning the commas in its timings into full stops.',
};
const SAVE_IMAGE: Bilingual = {
  vi: 'Hãy lưu ảnh dưới dạng JPG hoặc PNG.',
  en: 'Please save the image as JPG or PNG.',
};

function hintFor(ext: string, purpose: UploadPurpose): Bilingual | undefined {
  if (/^(docm|dotm|xlsm|xltm|xlam|pptm|potm|ppsm)$/.test(ext)) return MACROS;
  if (purpose === 'docx' && /^(doc|dot|dotx|odt|rtf|pdf|txt)$/.test(ext)) return SAVE_AS_DOCX;
  if (purpose === 'video' && /^(mov|qt|mkv|avi|wmv|asf|flv|3gp|3g2|mpg|mts|m2ts|ogv|ogg)$/.test(ext)) return SAVE_VIDEO;
  if (purpose !== 'docx' && /^(heic|heif|avif|tif|tiff|jxl|jp2|psd|ico|cr2|nef|dng|arw)$/.test(ext)) return SAVE_IMAGE;
  return undefined;
}

function textHint(check: TextCheck, purpose: UploadPurpose, asText: boolean): Bilingual | undefined {
  if (purpose === 'docx') return SAVE_AS_DOCX;
  if (purpose === 'subtitle') return SAVE_WEBVTT;
  if (check === 'not_utf8' && asText && purpose === 'attachment') {
    return {
      vi: 'Hãy lưu lại tệp với bảng mã Unicode UTF-8.',
      en: 'Please save the file again with the UTF-8 encoding.',
    };
  }
  return undefined;
}

const PURPOSE_NAMES: Record<UploadPurpose, Bilingual> = {
  image: { vi: 'Ảnh', en: 'Images' },
  attachment: { vi: 'Tệp đính kèm', en: 'Attachments' },
  docx: { vi: 'Nhập từ Word', en: 'Word import' },
  video: { vi: 'Video', en: 'Videos' },
  subtitle: { vi: 'Phụ đề', en: 'Captions' },
};

const SHOWN_NAMES: Record<string, string> = { webp: 'WebP', webm: 'WebM', vtt: 'WebVTT (.vtt)', mp4: 'MP4 (H.264)' };

function acceptedList(purpose: UploadPurpose): string {
  return ACCEPTED[purpose].map((ext) => SHOWN_NAMES[ext] ?? ext.toUpperCase()).join(', ');
}

/** Whether the name tells the truth, so the message need not say "really". */
function nameMatches(nameExt: string, contentExt: string | undefined): boolean {
  if (contentExt === undefined) return false;
  return nameExt === contentExt || (contentExt === 'jpg' && (nameExt === 'jpeg' || nameExt === 'jpe'));
}

function unsupported(originalName: string, purpose: UploadPurpose, found: Identified, nameIsTrue: boolean): DomainError {
  const name = safeFileName(originalName);
  const what = PURPOSE_NAMES[purpose];
  const accepted = acceptedList(purpose);
  const is = nameIsTrue ? { vi: 'là', en: 'is' } : { vi: 'thực chất là', en: 'is really' };
  return new DomainError(
    {
      code: 'unsupported_file',
      vi: `Tệp “${name}” ${is.vi} ${found.received.vi}, không được nhận. ${what.vi} chỉ nhận: ${accepted}.${found.hint ? ` ${found.hint.vi}` : ''}`,
      en: `The file “${name}” ${is.en} ${found.received.en}, which is not accepted. ${what.en} must be one of: ${accepted}.${found.hint ? ` ${found.hint.en}` : ''}`,
    },
    415,
  );
}

function emptyFile(originalName: string): DomainError {
  const name = safeFileName(originalName);
  return new DomainError(
    {
      code: 'empty_file',
      vi: `Tệp “${name}” rỗng (0 byte); có thể tệp chưa được tải lên hết, hãy thử lại.`,
      en: `The file “${name}” is empty (0 bytes); the upload may have been cut short, please try again.`,
    },
    422,
  );
}
