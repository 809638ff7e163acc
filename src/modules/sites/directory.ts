// Resolves a request's Host header to its site. Sites change rarely and every
// request needs one, so they are cached in memory; a change made here clears
// the cache at once; other nodes hear of it through PostgreSQL NOTIFY (ADR 0026),
// and the TTL remains the safety net.
import type { Db } from '../../platform/db/database.ts';
import { sitesChanged } from '../../platform/events.ts';
import { normalizeHost, type Site } from './site.ts';
import { listSites } from './store.ts';

const TTL_MS = 30_000;

export class SiteDirectory {
  private byId = new Map<number, Site>();
  private byHost = new Map<string, number>();
  private defaultId: number | null = null;
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  invalidate(): void {
    this.loadedAt = 0;
    sitesChanged();
  }

  /** Reloads on next use, without a notice: another node changed the sites (ADR 0026). */
  forget(): void {
    this.loadedAt = 0;
  }

  private async ensureLoaded(): Promise<void> {
    if (this.now() - this.loadedAt < TTL_MS) return;
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    await this.loading;
  }

  private async load(): Promise<void> {
    const sites = await listSites(this.db);
    this.byId = new Map(sites.map((s) => [s.id, s]));
    this.byHost = new Map(sites.flatMap((s) => s.hosts.map((h) => [h, s.id] as const)));
    this.defaultId = sites.find((s) => s.isDefault)?.id ?? sites[0]?.id ?? null;
    this.loadedAt = this.now();
  }

  /** The site for a Host header; unknown hosts get the default site; null when no site exists yet. */
  async forHost(hostHeader: string | undefined): Promise<{ site: Site; matchedHost: boolean } | null> {
    await this.ensureLoaded();
    const host = normalizeHost(hostHeader ?? '');
    const id = this.byHost.get(host);
    if (id !== undefined) return { site: this.byId.get(id)!, matchedHost: true };
    const fallback = this.defaultId === null ? undefined : this.byId.get(this.defaultId);
    return fallback ? { site: fallback, matchedHost: false } : null;
  }

  async byIdOrNull(id: number): Promise<Site | null> {
    await this.ensureLoaded();
    return this.byId.get(id) ?? null;
  }

  /**
   * Where the visitors of a site that no longer operates should go instead:
   * the site it merged into, or its parent site (the provincial portal), or
   * theirs in turn, the first that still operates; null when there is none.
   */
  async successorOf(site: Site): Promise<Site | null> {
    await this.ensureLoaded();
    if (site.status === 'archived' && site.settings.noSuccessor) return null;
    let next: Site | undefined = site;
    for (let hops = 0; next && hops < 8; hops++) {
      const id: number | null = next.mergedIntoSiteId ?? next.parentSiteId;
      next = id === null ? undefined : this.byId.get(id);
      if (next?.status === 'active') return next;
    }
    return null;
  }

  async all(): Promise<Site[]> {
    await this.ensureLoaded();
    return [...this.byId.values()];
  }
}
