// What an uploaded file really is, how big it may be, and the name it is shown under.
export { ACCEPTED, FORMATS, UPLOAD_LIMITS, isAccepted } from './formats.ts';
export type { FileKind, SniffedFile, UploadPurpose } from './formats.ts';
export { sniffUpload } from './sniff.ts';
export { FALLBACK_FILE_NAME, extensionOf, safeFileName } from './file-name.ts';
export { VideoCheck, mp4SampleEntries } from './video.ts';
