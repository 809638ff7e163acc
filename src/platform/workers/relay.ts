// Change notices between the worker processes of one node on SQLite (ADR 0036). PostgreSQL's NOTIFY
// reaches every worker by itself; SQLite has nothing like it, so a worker tells the primary which
// sites' public content versions moved after its own writes, and the primary passes the notice on to
// the other workers. The notice is NOTIFY's text ("c:<site id>:<version>", "s"), applied the same way.
// The version poll stays as the safety net (a lost message, a job's change seen first by the poll).
import type { ClusterNotices } from '../cluster/listener.ts';

/** The type of an IPC message carrying a change notice (worker → primary → the other workers). */
export const NOTICE = 'trangtin:notice';
/** The primary asks a worker to stop gracefully (as SIGTERM does). */
export const STOP = 'trangtin:stop';

export interface NoticeMessage {
  type: typeof NOTICE;
  notice: string;
}

export function isNoticeMessage(message: unknown): message is NoticeMessage {
  return typeof message === 'object' && message !== null && (message as NoticeMessage).type === NOTICE && typeof (message as NoticeMessage).notice === 'string';
}

/** Applies one notice text ("c:<site>:<version>" or "s"); anything else is ignored. */
export function applyNotice(notice: string, notices: ClusterNotices): void {
  if (notice === 's') return notices.sitesChanged();
  const match = /^c:(\d+)(?::(\d+))?$/.exec(notice);
  if (match) notices.contentChanged(Number(match[1]), match[2] === undefined ? null : Number(match[2]), null);
}

export interface RelayOptions {
  /** Every site's public content version as committed now. */
  readVersions(): Promise<Map<number, number>>;
  /** What a notice from another worker does here. */
  notices: ClusterNotices;
  /** Hands a message to the primary (process.send in a worker). */
  send(message: NoticeMessage): void;
  log: { warn(obj: unknown, msg: string): void };
}

/** One worker's side: announces the versions its writes moved, applies what the others announce. */
export class SiblingRelay {
  /** The version last announced (or heard) per site: only moves are announced. */
  private readonly known = new Map<number, number>();
  private checking: Promise<void> | null = null;
  private again = false;

  constructor(private readonly options: RelayOptions) {}

  /** The versions as they stand at start: only later moves are announced. */
  async baseline(): Promise<void> {
    try {
      for (const [siteId, version] of await this.options.readVersions()) this.remember(siteId, version);
    } catch {
      // The first announcement then carries every version; the others drop nothing they already follow.
    }
  }

  /** A message from the primary. */
  receive(message: unknown): void {
    if (!isNoticeMessage(message)) return;
    const content = /^c:(\d+):(\d+)$/.exec(message.notice);
    if (content) this.remember(Number(content[1]), Number(content[2]));
    try {
      applyNotice(message.notice, this.options.notices);
    } catch (error) {
      this.options.log.warn({ err: { message: (error as Error).message } }, 'change notice from another worker not applied');
    }
  }

  /** Something this worker did may have changed public content: announce the versions that moved. Calls made meanwhile share one read. */
  changed(): Promise<void> {
    if (this.checking) {
      this.again = true;
      return this.checking;
    }
    this.checking = this.check().finally(() => {
      this.checking = null;
      if (this.again) {
        this.again = false;
        void this.changed();
      }
    });
    return this.checking;
  }

  /** This worker changed the register of sites. */
  sitesChanged(): void {
    this.options.send({ type: NOTICE, notice: 's' });
  }

  private async check(): Promise<void> {
    try {
      for (const [siteId, version] of await this.options.readVersions()) {
        if (this.remember(siteId, version)) this.options.send({ type: NOTICE, notice: `c:${siteId}:${version}` });
      }
    } catch (error) {
      this.options.log.warn({ err: { message: (error as Error).message } }, 'public content versions not read for the other workers; their poll will catch up');
    }
  }

  /** True when `version` is newer than the one known for the site. */
  private remember(siteId: number, version: number): boolean {
    const known = this.known.get(siteId);
    if (known !== undefined && version <= known) return false;
    this.known.set(siteId, version);
    return true;
  }
}
