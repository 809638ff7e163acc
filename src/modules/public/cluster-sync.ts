// Several nodes on one PostgreSQL database (ADR 0026): this node's render cache
// and register of sites follow what any node commits, within the time a NOTIFY
// takes to arrive. A lost connection is followed, once back, by a full flush
// (pages, register of sites, versions re-read). The version poll stays as the
// safety net and as the only path on SQLite (one node).
import type { FastifyInstance } from 'fastify';
import { ClusterListener, type ClusterNotices } from '../../platform/cluster/listener.ts';
import { THIS_NODE } from '../../platform/cluster/lease.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { readContentVersions, scopeTags, syncContentVersions } from './content-version.ts';

export function registerClusterSync(app: FastifyInstance, deps: AppDeps): ClusterListener | null {
  const clientConfig = deps.database.clientConfig;
  if (deps.database.engine !== 'postgres' || !clientConfig) return null;
  const listener = new ClusterListener({
    client: clientConfig,
    // Found by an operator (and the two-node test) in pg_stat_activity.
    applicationName: `trangtin-listen ${THIS_NODE}`.slice(0, 63),
    log: app.log,
    notices: clusterNotices(app, deps),
  });
  listener.start();
  app.addHook('onClose', async () => {
    await listener.stop();
  });
  return listener;
}

/**
 * What a change notice does to this process's cache, whoever delivers it: NOTIFY on PostgreSQL, or,
 * on SQLite, the primary process relaying what a sibling worker changed (ADR 0036).
 */
export function clusterNotices(app: FastifyInstance, deps: AppDeps): ClusterNotices {
  const cache = deps.pageCache;
  return {
    // Compared with the version this node already follows: the node that made the change saw it
    // before answering (and may have cached new pages since), so only nodes behind drop pages.
    contentChanged: (siteId, version, scope) => {
      if (version === null) return cache.invalidateSite(siteId);
      if (scope !== null) return cache.observeAnnouncedVersion(siteId, version, scopeTags(scope));
      // A sibling worker's notice on SQLite carries no scope: the scopes are read from site_content_changes.
      syncContentVersions(deps.database.db, cache, siteId).catch((error: unknown) => app.log.warn({ err: error }, 'public content versions not read after a notice; the poll will catch up'));
    },
    sitesChanged: () => {
      deps.sites.forget();
      cache.clear();
    },
    resync: () => {
      deps.sites.forget();
      cache.clear();
      readContentVersions(deps.database.db)
        .then((versions) => cache.observeVersions(versions))
        .catch((error: unknown) => app.log.warn({ err: error }, 'public content versions not read after reconnecting; the poll will catch up'));
    },
  };
}
