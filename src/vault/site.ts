// One vault per build: every page of a build shares the same index instead of re-reading the folder.
import { resolve } from "node:path";
import { loadVault, type LoadOptions } from "./load.ts";
import type { Vault } from "./types.ts";

const cache = new Map<string, Vault>();

export function getVault(dir: string, options: LoadOptions = {}): Vault {
  const key = `${resolve(dir)}\0${options.base ?? "/"}\0${options.git !== false}`;
  let vault = cache.get(key);
  if (!vault) {
    vault = loadVault(resolve(dir), options);
    cache.set(key, vault);
  }
  return vault;
}
