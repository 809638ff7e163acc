// At start: does this process hold the key that signed the latest rows? Nodes
// of a cluster that each generated their own DATA_DIR/audit-keys would sign
// rows the others cannot verify; better to refuse to start than to write them.
import type { Db } from '../../platform/db/database.ts';
import { rowHash, UNKEYED } from './chain.ts';
import { auditKeyring } from './keys.ts';

export class AuditKeyMismatch extends Error {}

/** Throws when none of the latest rows signed with a version this process holds verifies under it. */
export async function checkAuditKey(db: Db, sample = 5): Promise<void> {
  const keyring = auditKeyring();
  const rows = await db.selectFrom('audit_log').selectAll().where('key_version', '!=', UNKEYED).orderBy('id', 'desc').limit(50).execute();
  const mine = rows.filter((r) => keyring.has(r.key_version)).slice(0, sample);
  // One changed row must not stop the server: only when every one fails is the key itself wrong.
  if (mine.length === 0 || mine.some((r) => rowHash(r, keyring) === r.hash)) return;
  const versions = [...new Set(mine.map((r) => r.key_version))].join(', ');
  throw new AuditKeyMismatch(
    `The latest audit rows signed with key version ${versions} do not verify with this node's key of that version. ` +
      'Every node must have the same audit keys (AUDIT_KEYS, or the same DATA_DIR/audit-keys file); if they do, the rows were changed: run "trangtin audit verify".',
  );
}
