// The file store: uploaded bytes kept by their SHA-256, outside the database
// (design.md, "Files"). Content addressing makes storing idempotent (the same
// attachment uploaded by ten sites is kept once) and makes a stored file
// immutable, so it can be cached forever and copied between nodes safely.
//
// The local-disk store (local-file-store.ts) is the default. An S3-compatible
// store for provinces running several app nodes can implement this same
// interface later (object key = sha256); nothing above this module needs to
// know which one is in use.
import { DomainError } from '../../core/errors.ts';

export interface StoredFile {
  /** Lower-case hex SHA-256 of the bytes: the file's id. */
  sha256: string;
  size: number;
}

export interface FileStore {
  /** Stores the bytes once; storing the same bytes again returns the same id. */
  put(data: Buffer): Promise<StoredFile>;
  /**
   * Streams an upload into the store, hashing on the way. Rejects with
   * `file_too_large` (413) once more than maxBytes arrive, leaving nothing behind.
   */
  putStream(stream: NodeJS.ReadableStream, maxBytes: number): Promise<StoredFile>;
  get(sha256: string): Promise<Buffer | null>;
  /** A stream for downloads; null when the file is missing. `range`: only bytes start..end (inclusive), for HTTP Range requests. */
  open(sha256: string, range?: { start: number; end: number }): NodeJS.ReadableStream | null;
  has(sha256: string): Promise<boolean>;
  size(sha256: string): Promise<number | null>;
  /** Deletes the bytes (the caller makes sure nothing refers to them any more); no error when missing. */
  remove(sha256: string): Promise<void>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/i;

/**
 * The canonical (lower-case) id, or a 400 DomainError. Ids may arrive from
 * URLs, so anything but 64 hex digits is refused before it nears a path.
 */
export function checkFileId(sha256: string): string {
  if (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256)) {
    throw new DomainError(
      {
        code: 'invalid_file_id',
        vi: 'Mã tệp không hợp lệ.',
        en: 'Invalid file id.',
      },
      400,
    );
  }
  return sha256.toLowerCase();
}

export function isFileId(value: string): boolean {
  return SHA256_HEX.test(value);
}

/** "20 MB", "0,5 MB" (vi) / "0.5 MB" (en): limits are binary megabytes, as file managers show them. */
export function formatMegabytes(bytes: number, lang: 'vi' | 'en'): string {
  const mb = bytes / (1024 * 1024);
  const text = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 }).format(mb);
  return `${text} MB`;
}

export function fileTooLarge(maxBytes: number): DomainError {
  return new DomainError(
    {
      code: 'file_too_large',
      vi: `Tệp quá lớn: dung lượng tối đa là ${formatMegabytes(maxBytes, 'vi')}.`,
      en: `The file is too large: the maximum is ${formatMegabytes(maxBytes, 'en')}.`,
    },
    413,
  );
}
