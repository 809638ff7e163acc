// The keys that sign the audit chain and its anchors. They never live in the
// database (AUDIT_KEYS or DATA_DIR/audit-keys, read by config.ts), so whoever
// can write to the database cannot recompute a row's signature. The process
// installs them once at start, like the rest of its configuration.
import type { AuditKeySecret, Config } from '../../config.ts';
import { deriveKey, hmacHex } from '../../platform/crypto.ts';

export class AuditKeyring {
  private readonly rowKeys = new Map<number, Buffer>();
  private readonly anchorKeys = new Map<number, Buffer>();
  /** The version that signs from now on: the highest one. */
  readonly currentVersion: number;

  constructor(secrets: readonly AuditKeySecret[]) {
    if (secrets.length === 0) throw new Error('The audit chain needs at least one key.');
    for (const { version, secret } of secrets) {
      // One sub-key per use, so a row signature can never pass for an anchor's.
      this.rowKeys.set(version, deriveKey(secret, 'audit-row'));
      this.anchorKeys.set(version, deriveKey(secret, 'audit-anchor'));
    }
    this.currentVersion = Math.max(...secrets.map((s) => s.version));
  }

  has(version: number): boolean {
    return this.rowKeys.has(version);
  }

  /** The row signature under key `version`, or null when this process does not hold that key. */
  signRow(version: number, payload: string): string | null {
    const key = this.rowKeys.get(version);
    return key ? hmacHex(key, payload) : null;
  }

  signAnchor(version: number, payload: string): string | null {
    const key = this.anchorKeys.get(version);
    return key ? hmacHex(key, payload) : null;
  }
}

let installed: AuditKeyring | null = null;

/** Installs the keys every append and check of this process uses (createDeps, the CLI, test databases). */
export function useAuditKeys(keyring: AuditKeyring): AuditKeyring {
  installed = keyring;
  return keyring;
}

export function installAuditKeys(config: Pick<Config, 'auditKeys'>): AuditKeyring {
  return useAuditKeys(new AuditKeyring(config.auditKeys));
}

export function auditKeyring(): AuditKeyring {
  // Refuse rather than fall back to an unkeyed chain that anyone could rewrite.
  if (!installed) throw new Error('No audit key is installed in this process (useAuditKeys).');
  return installed;
}
