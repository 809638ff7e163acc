// The render cache of anonymous public pages: rendered once, compressed once
// (gzip and brotli), answered with ETag / Last-Modified and 304s. Publication,
// change and take-down drop the pages of their site only (a version per site);
// entries may also carry a time to live (the home page's visitor counter).
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PageMark } from '../usage/counter.ts';

/** The longest a page stays cached without a change notice. */
const MAX_AGE_MS = 10 * 60 * 1000;

interface Entry {
  body: Buffer;
  gzip: Buffer;
  br: Buffer;
  etag: string;
  lastModified: string;
  contentType: string;
  expiresAt: number;
  bytes: number;
  /** What a view of this page counts as (modules/usage): known when rendered, counted on every hit. */
  mark: PageMark | null;
}

export interface PageCacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
}

export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly versions = new Map<number, number>();
  /** Each site's public content version in the database, as last seen. */
  private readonly contentVersions = new Map<number, number>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;

  constructor(
    private readonly maxBytes = 64 * 1024 * 1024,
    private readonly now: () => number = Date.now,
  ) {}

  /** Drops every cached page of one site (its version moves on; old entries go). */
  invalidateSite(siteId: number): void {
    this.versions.set(siteId, (this.versions.get(siteId) ?? 0) + 1);
    const prefix = `${siteId}:`;
    for (const [key, entry] of this.entries) {
      if (key.startsWith(prefix)) {
        this.entries.delete(key);
        this.bytes -= entry.bytes;
      }
    }
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
  observeAnnouncedVersion(siteId: number, version: number): void {
    const known = this.contentVersions.get(siteId);
    if (known !== undefined && version <= known) return;
    this.observeVersions(new Map([[siteId, version]]));
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
      this.entries.delete(key);
      this.bytes -= entry.bytes;
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
   * Caches a page. Without a time to live a page still expires after
   * MAX_AGE_MS: the safety net for a change made by another node (ADR 0008).
   */
  set(key: string, html: string, contentType: string, ttlMs: number | null, mark: PageMark | null = null): Entry {
    const body = Buffer.from(html);
    const entry: Entry = {
      body,
      gzip: exactCopy(gzipSync(body, { level: 6 })),
      br: exactCopy(brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })),
      etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
      lastModified: new Date(this.now()).toUTCString(),
      contentType,
      expiresAt: this.now() + Math.min(ttlMs ?? MAX_AGE_MS, MAX_AGE_MS),
      bytes: 0,
      mark,
    };
    entry.bytes = body.length + entry.gzip.length + entry.br.length;
    const old = this.entries.get(key);
    if (old) this.bytes -= old.bytes;
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.bytes;
    }
    return entry;
  }

  stats(): PageCacheStats {
    return { entries: this.entries.size, bytes: this.bytes, hits: this.hits, misses: this.misses };
  }
}

/**
 * zlib returns a view into a 16 KiB output chunk: a 3 KiB page kept as is would hold
 * the whole chunk, so the cache would take several times the bytes it counts.
 */
function exactCopy(view: Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(view.length);
  view.copy(copy);
  return copy;
}

export type CachedPage = Entry;

function preferredEncoding(accept: string | undefined): 'br' | 'gzip' | null {
  if (!accept) return null;
  if (/\bbr\b/.test(accept)) return 'br';
  if (/\bgzip\b/.test(accept)) return 'gzip';
  return null;
}

/** Sends a cached entry, or 304 when the client already has it. */
export function sendEntry(request: FastifyRequest, reply: FastifyReply, entry: Entry, status = 200): FastifyReply {
  reply
    .header('etag', entry.etag)
    .header('last-modified', entry.lastModified)
    .header('cache-control', 'public, max-age=0, must-revalidate')
    .header('vary', 'Accept-Encoding, Cookie, Save-Data');
  const ifNoneMatch = request.headers['if-none-match'];
  const ifModifiedSince = request.headers['if-modified-since'];
  if ((ifNoneMatch && ifNoneMatch === entry.etag) || (!ifNoneMatch && ifModifiedSince && ifModifiedSince === entry.lastModified)) {
    return reply.code(304).send();
  }
  const encoding = preferredEncoding(request.headers['accept-encoding'] as string | undefined);
  reply.code(status).type(entry.contentType);
  if (encoding === 'br') return reply.header('content-encoding', 'br').send(entry.br);
  if (encoding === 'gzip') return reply.header('content-encoding', 'gzip').send(entry.gzip);
  return reply.send(entry.body);
}
