// A value derived from a site's published content, read once per content version: the
// render cache's key for a site carries its version (bumped by every public change, on
// every node and worker), so a memo keyed by it is dropped by the same changes that drop
// pages. A time limit bounds what moves without a version (the date, time-based rules).
import type { AppDeps } from '../../platform/http/context.ts';

interface Held<T> {
  token: string;
  at: number;
  value: Promise<T>;
}

export class VersionMemo<T> {
  /** siteId (and variant) → the value for the version it was read at. */
  private readonly held = new Map<string, Held<T>>();

  constructor(
    private readonly deps: Pick<AppDeps, 'pageCache' | 'clock'>,
    private readonly maxAgeMs: number,
    private readonly load: (siteId: number, variant: string) => Promise<T>,
  ) {}

  get(siteId: number, variant = ''): Promise<T> {
    const now = this.deps.clock.now().getTime();
    const token = this.deps.pageCache.key(siteId, '', '');
    const slot = `${siteId}|${variant}`;
    const known = this.held.get(slot);
    if (known && known.token === token && now - known.at < this.maxAgeMs) return known.value;
    const value = this.load(siteId, variant);
    this.held.set(slot, { token, at: now, value });
    // A failed read is not kept: the next request tries again.
    value.catch(() => {
      if (this.held.get(slot)?.value === value) this.held.delete(slot);
    });
    return value;
  }
}
