// In-process notices between capabilities that must not depend on each other:
// "the public content of a site changed" (publication, correction, take-down,
// settings) lets the render cache drop that site's pages. Emitted after commit.
// Several nodes: the same notice should travel through PostgreSQL LISTEN/NOTIFY
// (docs/adr/0008); one process needs nothing more.
import { EventEmitter } from 'node:events';

export interface ContentEvents {
  siteContentChanged: [siteId: number];
  /** A site was added or changed: its name or status may show on other sites' pages. */
  sitesChanged: [];
}

class TypedEmitter extends EventEmitter<ContentEvents> {}

export const contentEvents = new TypedEmitter();
contentEvents.setMaxListeners(100);

export function siteContentChanged(siteId: number): void {
  contentEvents.emit('siteContentChanged', siteId);
}

export function sitesChanged(): void {
  contentEvents.emit('sitesChanged');
}
