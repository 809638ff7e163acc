// In-process notices between capabilities that must not depend on each other:
// "the public content of a site changed" (publication, correction, take-down,
// settings) lets the render cache drop that site's pages. Emitted after commit.
// Other nodes learn of the same changes from PostgreSQL NOTIFY, sent by the
// database on commit (platform/cluster/listener.ts, docs/adr/0026).
import { EventEmitter } from 'node:events';

export interface ContentEvents {
  /** `tags`: only the pages showing these (ADR 33); none: every page of the site. */
  siteContentChanged: [siteId: number, tags?: string[] | null];
  /** A site was added or changed: its name or status may show on other sites' pages. */
  sitesChanged: [];
}

class TypedEmitter extends EventEmitter<ContentEvents> {}

export const contentEvents = new TypedEmitter();
contentEvents.setMaxListeners(100);

export function siteContentChanged(siteId: number, tags?: string[] | null): void {
  contentEvents.emit('siteContentChanged', siteId, tags);
}

export function sitesChanged(): void {
  contentEvents.emit('sitesChanged');
}
