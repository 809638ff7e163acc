// The formats officials may upload, and which count as open formats.
//
// Photos: the regulations on e-information pages name JPG, GIF and BMP; PNG
// and WebP are added because every camera, phone and screenshot tool makes
// them. Documents: Circular 39/2017/TT-BTTTT (technical standards for IT in
// state agencies) prefers open formats: PDF and OpenDocument (ODT/ODS/ODP),
// plain text. Microsoft formats (DOCX/XLSX/PPTX, DOC/XLS/PPT, RTF) are what
// most submissions actually arrive as, so they are accepted but marked
// "not an open format" so pages can say so and editors can ask for an
// open copy. SVG and HTML are never accepted: they can carry scripts.
// Video for the galleries: MP4 with H.264 (every browser, Safari included)
// and WebM; captions as WebVTT, the only subtitle format <track> reads.

export type UploadPurpose = 'image' | 'attachment' | 'docx' | 'video' | 'subtitle';

export type FileKind = 'image' | 'document' | 'spreadsheet' | 'presentation' | 'archive' | 'video' | 'subtitle' | 'other';

export interface SniffedFile {
  mime: string;
  /** The extension the content really has, lower case, without the dot. */
  ext: string;
  /** An open standard per Circular 39/2017/TT-BTTTT (or an ISO/public spec for images and archives). */
  openFormat: boolean;
  kind: FileKind;
}

const MB = 1024 * 1024;

/** Bytes. Large enough for a scanned decision of a few hundred pages; small enough to keep a node responsive. */
export const UPLOAD_LIMITS: Record<UploadPurpose, number> = {
  image: 20 * MB,
  attachment: 50 * MB,
  docx: 30 * MB,
  // A few minutes of 720p H.264; longer footage belongs on a video platform, linked.
  video: 300 * MB,
  subtitle: 1 * MB,
};

function format(ext: string, mime: string, kind: FileKind, openFormat: boolean): SniffedFile {
  return { ext, mime, kind, openFormat };
}

/** Every format accepted for some purpose, by the extension its content really has. */
export const FORMATS: Readonly<Record<string, SniffedFile>> = {
  jpg: format('jpg', 'image/jpeg', 'image', true),
  png: format('png', 'image/png', 'image', true),
  gif: format('gif', 'image/gif', 'image', true),
  webp: format('webp', 'image/webp', 'image', true),
  bmp: format('bmp', 'image/bmp', 'image', false),
  pdf: format('pdf', 'application/pdf', 'document', true),
  odt: format('odt', 'application/vnd.oasis.opendocument.text', 'document', true),
  ods: format('ods', 'application/vnd.oasis.opendocument.spreadsheet', 'spreadsheet', true),
  odp: format('odp', 'application/vnd.oasis.opendocument.presentation', 'presentation', true),
  txt: format('txt', 'text/plain', 'document', true),
  csv: format('csv', 'text/csv', 'spreadsheet', true),
  docx: format('docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'document', false),
  xlsx: format('xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'spreadsheet', false),
  pptx: format('pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation', 'presentation', false),
  doc: format('doc', 'application/msword', 'document', false),
  xls: format('xls', 'application/vnd.ms-excel', 'spreadsheet', false),
  ppt: format('ppt', 'application/vnd.ms-powerpoint', 'presentation', false),
  rtf: format('rtf', 'application/rtf', 'document', false),
  zip: format('zip', 'application/zip', 'archive', true),
  '7z': format('7z', 'application/x-7z-compressed', 'archive', true),
  rar: format('rar', 'application/vnd.rar', 'archive', false),
  // MP4 is ISO/IEC 14496-14; WebM and WebVTT are public W3C/WebM Project specifications.
  mp4: format('mp4', 'video/mp4', 'video', true),
  webm: format('webm', 'video/webm', 'video', true),
  vtt: format('vtt', 'text/vtt', 'subtitle', true),
};

const IMAGES = ['jpg', 'png', 'gif', 'bmp', 'webp'];

/** In the order people are told about them: open formats first. */
export const ACCEPTED: Readonly<Record<UploadPurpose, readonly string[]>> = {
  image: IMAGES,
  attachment: ['pdf', 'odt', 'ods', 'odp', 'docx', 'xlsx', 'pptx', 'doc', 'xls', 'ppt', 'rtf', 'txt', 'csv', 'zip', '7z', 'rar', ...IMAGES],
  docx: ['docx'],
  video: ['mp4', 'webm'],
  subtitle: ['vtt'],
};

export function isAccepted(purpose: UploadPurpose, ext: string): boolean {
  return ACCEPTED[purpose].includes(ext);
}
