// One dedicated PostgreSQL connection per node that LISTENs for the notices the
// database sends on commit (migration 0027's triggers, ADR 0026): a site's public
// content changed ("c:<id>:<version>"), or the register of sites changed ("s").
//
// Not a pool connection: LISTEN belongs to one session. When the connection is
// lost the listener reconnects with a growing delay; once back, it asks for a
// full resynchronisation, since notices sent while it was away are gone.
// Failures are logged, never thrown.
import pg from 'pg';

export interface ClusterNotices {
  /** `version`: the site's new public content version (null from a sender that does not say). */
  contentChanged(siteId: number, version: number | null, scope: string | null): void;
  sitesChanged(): void;
  /** After a reconnection: anything may have changed meanwhile. */
  resync(): void;
}

export interface ListenerLog {
  info(obj: unknown, msg: string): void;
  warn(obj: unknown, msg: string): void;
}

export interface ListenerOptions {
  /** Connection settings (same database and schema as the pool). */
  client: pg.ClientConfig;
  notices: ClusterNotices;
  log: ListenerLog;
  /** Shown in pg_stat_activity.application_name. */
  applicationName?: string;
  /** First reconnection delay; doubles up to maxDelayMs. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** A silently dead connection is noticed by a query this often. */
  pingMs?: number;
}

/** The channel of the current schema: the same expression as the triggers', computed by the database. */
const CHANNEL_SQL = `select 'trangtin_' || md5(current_schema()) as channel`;

export class ClusterListener {
  private client: pg.Client | null = null;
  private stopped = false;
  /** A connection was tried before: the next one that succeeds may have missed notices. */
  private attempted = false;
  private delay: number;
  private retry: NodeJS.Timeout | null = null;
  private ping: NodeJS.Timeout | null = null;
  /** Connected and listening. */
  listening = false;

  constructor(private readonly options: ListenerOptions) {
    this.delay = options.minDelayMs ?? 250;
  }

  start(): void {
    void this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ ...this.options.client, application_name: this.options.applicationName ?? 'trangtin-listen', keepAlive: true });
    this.client = client;
    let failed = false;
    const lost = (error?: Error) => {
      if (failed) return;
      failed = true;
      this.listening = false;
      if (this.ping) clearInterval(this.ping);
      this.ping = null;
      client.removeAllListeners('notification');
      client.end().catch(() => {});
      if (this.stopped) return;
      this.options.log.warn({ err: error ? { message: error.message } : undefined, retryInMs: this.delay }, 'change notices from other nodes lost; reconnecting');
      this.retry = setTimeout(() => void this.connect(), this.delay);
      this.retry.unref();
      this.delay = Math.min(this.delay * 2, this.options.maxDelayMs ?? 30_000);
    };
    client.on('error', (error) => lost(error));
    client.on('end', () => lost());
    try {
      await client.connect();
      const { rows } = await client.query<{ channel: string }>(CHANNEL_SQL);
      const channel = rows[0]!.channel;
      client.on('notification', (message) => {
        if (message.channel !== channel) return;
        this.receive(message.payload ?? '');
      });
      await client.query(`listen "${channel}"`);
      if (this.stopped) {
        await client.end();
        return;
      }
      this.listening = true;
      this.delay = this.options.minDelayMs ?? 250;
      this.ping = setInterval(() => {
        client.query('select 1').catch((error: Error) => lost(error));
      }, this.options.pingMs ?? 15_000);
      this.ping.unref();
      if (this.attempted) {
        this.options.log.info({ channel }, 'change notices from other nodes back; everything cached is dropped');
        this.options.notices.resync();
      }
    } catch (error) {
      lost(error as Error);
    } finally {
      this.attempted = true;
    }
  }

  private receive(payload: string): void {
    try {
      if (payload === 's') this.options.notices.sitesChanged();
      else if (payload.startsWith('c:')) {
        // "c:<site>:<version>[:<scope>]" (ADR 33); without a scope, the whole site.
        const [site, ver, ...rest] = payload.slice(2).split(':');
        const siteId = Number(site);
        const version = Number(ver);
        if (Number.isInteger(siteId)) this.options.notices.contentChanged(siteId, Number.isInteger(version) ? version : null, rest.length > 0 ? rest.join(':') : null);
      }
    } catch (error) {
      this.options.log.warn({ err: { message: (error as Error).message } }, 'change notice not applied');
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.ping) clearInterval(this.ping);
    this.listening = false;
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => {});
  }
}
