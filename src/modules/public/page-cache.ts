// The render cache of anonymous public pages: rendered once, compressed in the
// encoding the first reader asks for (brotli or gzip) and in the other only when
// a reader asks for it, answered with ETag / Last-Modified and 304s (ADR 0033). Compression
// runs on libuv's thread pool, and once a compressed form exists the uncompressed page is
// dropped (a reader without brotli or gzip gets it decompressed). Publication,
// change and take-down drop the pages of their site only (a version per site);
// entries may also carry a time to live (the home page's visitor counter).
import { createHash } from 'node:crypto';
import { brotliCompress, brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzip, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PageMark } from '../usage/counter.ts';

/** The longest a page stays cached without a change notice. */
const MAX_AGE_MS = 10 * 60 * 1000;
/**
 * Compression levels (ADR 0033, measured on real pages): brotli 4 and gzip 6 give within a few
 * per cent of brotli 5's bytes for a fraction of its time; only the encoding a request asks for is made.
 */
const BROTLI_QUALITY = 4;
const GZIP_LEVEL = 6;
/** What an entry costs beside its buffers: the key, ETag and date strings, the header object, the map slot. */
const ENTRY_OVERHEAD = 600;

export type Encoding = 'br' | 'gzip';

/** Makes one encoding of a page; the cache's own runs off the event loop (injectable for tests). */
export type Compressor = (body: Buffer, encoding: Encoding) => Promise<Buffer>;

const brotliOptions = (body: Buffer) => ({ params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });

/** zlib's asynchronous API: the work runs on libuv's thread pool while the event loop renders other pages. */
export const compressOffLoop: Compressor = (body, encoding) =>
  new Promise((resolve, reject) => {
    const done = (error: Error | null, made: Buffer) => (error ? reject(error) : resolve(exactBuffer(made)));
    if (encoding === 'gzip') gzip(body, { level: GZIP_LEVEL }, done);
    else brotliCompress(body, brotliOptions(body), done);
  });

/** zlib's synchronous API: no thread hand-off, ~1/3 less CPU per page than the asynchronous one. */
export const compressOnLoop: Compressor = async (body, encoding) =>
  exactBuffer(encoding === 'gzip' ? gzipSync(body, { level: GZIP_LEVEL }) : brotliCompressSync(body, brotliOptions(body)));

/**
 * Off the event loop only while a core has no serving process of its own: there the thread pool
 * uses it. With a worker per core the pool's hand-off and contention cost more than it frees
 * (measured: one worker 601 req/s off the loop; two workers 633 off the loop, 898 on it; ADR 0033).
 */
export function compressorFor(servingProcesses: number, cores: number): Compressor {
  return servingProcesses < cores ? compressOffLoop : compressOnLoop;
}

class Entry {
  gzip: Buffer | null = null;
  br: Buffer | null = null;
  /** The uncompressed page, kept only until its first compressed form exists. */
  private body: Buffer | null;
  /** Compressions under way: concurrent readers of one encoding share one. */
  private readonly making: { br?: Promise<Buffer>; gzip?: Promise<Buffer> } = {};
  bytes: number;
  /** Still in the cache: bytes added by a late compression count only then. */
  live = true;
  /** The validators and cache headers of every answer, built once. */
  readonly headers: Record<string, string>;

  constructor(
    readonly key: string,
    body: Buffer,
    readonly etag: string,
    readonly lastModified: string,
    readonly contentType: string,
    readonly expiresAt: number,
    /** What a view of this page counts as (modules/usage): known when rendered, counted on every hit. */
    readonly mark: PageMark | null,
    /** What the page shows (ADR 33: "item:<id>", "lists"); null: anything on the site. */
    readonly tags: ReadonlySet<string> | null,
    private readonly grown: (entry: Entry, bytes: number) => void,
    private readonly compressor: Compressor,
  ) {
    this.body = body;
    this.bytes = body.length + key.length + ENTRY_OVERHEAD;
    this.headers = { etag, 'last-modified': lastModified, 'cache-control': 'public, max-age=0, must-revalidate', vary: 'Accept-Encoding, Cookie, Save-Data' };
  }

  /** Whether the uncompressed page is still held (until the first compressed form exists). */
  get holdsBody(): boolean {
    return this.body !== null;
  }

  /** The page in one encoding, compressed (off the event loop) on the first request that asks for it. */
  encoded(encoding: Encoding): Promise<Buffer> {
    const have = this[encoding];
    if (have) return Promise.resolve(have);
    let pending = this.making[encoding];
    if (!pending) {
      pending = this.make(encoding);
      this.making[encoding] = pending;
      const settled = () => (this.making[encoding] = undefined);
      pending.then(settled, settled);
    }
    return pending;
  }

  /** The uncompressed page: kept, or decompressed from a kept form (readers without brotli or gzip are rare). */
  plain(): Buffer {
    if (this.body) return this.body;
    return this.br ? brotliDecompressSync(this.br) : gunzipSync(this.gzip!);
  }

  private async make(encoding: Encoding): Promise<Buffer> {
    const made = await this.compressor(this.plain(), encoding);
    this[encoding] = made;
    // The first compressed form replaces the uncompressed page; a second one adds to it.
    const freed = this.body ? this.body.length : 0;
    this.body = null;
    this.bytes += made.length - freed;
    if (this.live) this.grown(this, made.length - freed);
    return made;
  }
}

export interface PageCacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  misses: number;
  /** Changes that dropped pages (a site's version moved on, a notice, a register change). */
  changes: number;
  /** Pages dropped by those changes (not pages that aged out or were evicted for room). */
  pagesDropped: number;
}

export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly versions = new Map<number, number>();
  /** Each site's public content version in the database, as last seen. */
  private readonly contentVersions = new Map<number, number>();
  /** Moves on with each drop by tags: a page rendered meanwhile may be stale and is not kept. */
  private readonly generations = new Map<number, number>();
  private readonly syncing = new Map<number, Promise<void>>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;
  private changes = 0;
  private pagesDropped = 0;
  private readonly grown = (entry: Entry, bytes: number) => {
    this.bytes += bytes;
    this.evict(entry);
  };

  constructor(
    readonly maxBytes = 64 * 1024 * 1024,
    private readonly now: () => number = Date.now,
    private readonly compressor: Compressor = compressOffLoop,
  ) {}

  /** Drops every cached page of one site (its version moves on; old entries go). */
  invalidateSite(siteId: number): void {
    this.versions.set(siteId, (this.versions.get(siteId) ?? 0) + 1);
    this.changes += 1;
    const prefix = `${siteId}:`;
    for (const [key, entry] of this.entries) {
      if (key.startsWith(prefix)) {
        this.remove(entry);
        this.pagesDropped += 1;
      }
    }
  }
  /** Drops the pages of one site that show any of these tags, and the untagged ones unless `exact` (ADR 33). */
  invalidateTags(siteId: number, tags: readonly string[], exact = false): void {
    this.generations.set(siteId, this.generation(siteId) + 1);
    this.changes += 1;
    const prefix = `${siteId}:`;
    for (const [key, entry] of this.entries) {
      if (key.startsWith(prefix) && (entry.tags === null ? !exact : tags.some((t) => entry.tags!.has(t)))) {
        this.remove(entry);
        this.pagesDropped += 1;
      }
    }
  }

  /** A read of the site's changes under way (a change made by this process): pages wait for it. */
  awaitSync(siteId: number, sync: Promise<void>): void {
    const done = sync.finally(() => {
      if (this.syncing.get(siteId) === done) this.syncing.delete(siteId);
    });
    this.syncing.set(siteId, done);
  }

  /** Resolved at once unless a read of the site's changes is under way. */
  pendingSync(siteId: number): Promise<void> | undefined {
    return this.syncing.get(siteId);
  }

  /** Read before rendering a page and given to set: a drop by tags meanwhile means the page is not kept. */
  generation(siteId: number): number {
    return this.generations.get(siteId) ?? 0;
  }

  /** The public content version of a site this cache follows (undefined before the first read). */
  followedVersion(siteId: number): number | undefined {
    return this.contentVersions.get(siteId);
  }

  /**
   * A site's version moved from `from` to `version`: drop by tags when they are known and this cache
   * still followed `from`, else the whole site.
   */
  applyVersion(siteId: number, version: number, drop: { tags: readonly string[]; exact: boolean } | null, from: number | undefined): void {
    const known = this.contentVersions.get(siteId);
    if (known === version) return;
    this.contentVersions.set(siteId, version);
    if (drop && known !== undefined && known === from) this.invalidateTags(siteId, drop.tags, drop.exact);
    else this.invalidateSite(siteId);
  }

  /**
   * The public content versions read from the database: a site whose version
   * moved on since it was last seen loses its pages. A site seen for the first
   * time loses any page cached before its version was known.
   */
  observeVersions(versions: Map<number, number>): void {
    for (const [siteId, version] of versions) {
      const known = this.contentVersions.get(siteId);
      if (known === version) continue;
      this.contentVersions.set(siteId, version);
      this.invalidateSite(siteId);
    }
  }

  /**
   * A version announced by another node's commit (NOTIFY): pages go only when it is newer than the
   * one this node follows, so a late notice of a change this node already saw drops nothing.
   */
  observeAnnouncedVersion(siteId: number, version: number, drop: { tags: readonly string[]; exact: boolean } | null = null): void {
    const known = this.contentVersions.get(siteId);
    if (known !== undefined && version <= known) return;
    this.applyVersion(siteId, version, drop, version - 1);
  }

  /** Drops every page of every site: a change of the register of sites shows on other sites' pages too. */
  clear(): void {
    for (const siteId of new Set([...this.entries.keys()].map((k) => Number(k.split(':', 1)[0])))) this.invalidateSite(siteId);
  }

  key(siteId: number, variant: string, url: string): string {
    return `${siteId}:${this.versions.get(siteId) ?? 0}:${variant}:${url}`;
  }

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses += 1;
      return undefined;
    }
    if (entry.expiresAt <= this.now()) {
      this.remove(entry);
      this.misses += 1;
      return undefined;
    }
    // Least recently used goes first: re-insert on use.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits += 1;
    return entry;
  }

  /**
   * Caches a page, uncompressed: each encoding is made when first asked for (Entry.encoded),
   * and the first one made replaces the uncompressed page.
   * Without a time to live a page still expires after MAX_AGE_MS: the safety net for a change
   * made by another node (ADR 0008).
   */
  set(key: string, html: string, contentType: string, ttlMs: number | null, mark: PageMark | null = null, tags: readonly string[] | null = null, generation?: number): Entry {
    const body = ownBuffer(html);
    const now = this.now();
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    const entry = new Entry(key, body, etag, new Date(now).toUTCString(), contentType, now + Math.min(ttlMs ?? MAX_AGE_MS, MAX_AGE_MS), mark, tags ? new Set(tags) : null, this.grown, this.compressor);
    // Rendered while a change dropped pages of its site: answered, not kept.
    if (generation !== undefined && generation !== this.generation(Number(key.split(':', 1)[0]))) {
      entry.live = false;
      return entry;
    }
    const old = this.entries.get(key);
    if (old) this.remove(old);
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    this.evict(entry);
    return entry;
  }

  stats(): PageCacheStats {
    return { entries: this.entries.size, bytes: this.bytes, maxBytes: this.maxBytes, hits: this.hits, misses: this.misses, changes: this.changes, pagesDropped: this.pagesDropped };
  }

  private remove(entry: Entry): void {
    if (!entry.live) return;
    entry.live = false;
    this.entries.delete(entry.key);
    this.bytes -= entry.bytes;
  }

  /** Least recently used first, never the page being answered. */
  private evict(keep: Entry): void {
    for (const entry of this.entries.values()) {
      if (this.bytes <= this.maxBytes) break;
      if (entry !== keep) this.remove(entry);
    }
  }
}

/**
 * zlib's output is a view into a 16 KiB chunk or, once joined, a slice of Buffer's shared 8 KiB
 * pool: a 3 KiB page kept as is would hold the whole chunk or pool, so the cache would take several
 * times the bytes it counts. A buffer that owns its memory exactly is kept as is.
 */
function exactBuffer(view: Buffer): Buffer {
  return view.byteOffset === 0 && view.buffer.byteLength === view.length ? view : exactCopy(view);
}

function exactCopy(view: Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(view.length);
  view.copy(copy);
  return copy;
}

/** A short string's Buffer.from is a slice of the shared 8 KiB pool, which it would keep alive. */
function ownBuffer(html: string): Buffer {
  const body = Buffer.from(html);
  return body.length < Buffer.poolSize >>> 1 ? exactCopy(body) : body;
}

export type CachedPage = Entry;

/** The last Accept-Encoding seen and what it chose: browsers send the same few values. */
let lastAccept: string | undefined;
let lastChoice: Encoding | null = null;

export function preferredEncoding(accept: string | undefined): Encoding | null {
  if (!accept) return null;
  if (accept === lastAccept) return lastChoice;
  const choice = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
  lastAccept = accept;
  lastChoice = choice;
  return choice;
}

/**
 * Sends a cached entry, or 304 when the client already has it. Synchronous when the encoding asked
 * for is made; otherwise the answer waits for its compression (off the event loop).
 */
export function sendEntry(request: FastifyRequest, reply: FastifyReply, entry: Entry, status = 200): FastifyReply | Promise<FastifyReply> {
  reply.headers(entry.headers);
  const ifNoneMatch = request.headers['if-none-match'];
  const ifModifiedSince = request.headers['if-modified-since'];
  if ((ifNoneMatch && ifNoneMatch === entry.etag) || (!ifNoneMatch && ifModifiedSince && ifModifiedSince === entry.lastModified)) {
    return reply.code(304).send();
  }
  const encoding = preferredEncoding(request.headers['accept-encoding']);
  reply.code(status).header('content-type', entry.contentType);
  if (!encoding) return reply.send(entry.plain());
  reply.header('content-encoding', encoding);
  const made = entry[encoding];
  if (made) return reply.send(made);
  return entry.encoded(encoding).then((body) => reply.send(body));
}
