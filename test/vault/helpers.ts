import { createVault, type VaultFile } from "../../src/vault/load.ts";
import type { Vault } from "../../src/vault/types.ts";

/** A vault from a map of path → Markdown (attachments map to null). */
export function vaultOf(files: Record<string, string | null>): Vault {
  const list: VaultFile[] = Object.entries(files).map(([path, source]) => (source === null ? { path } : { path, source }));
  return createVault("/vault", list);
}
