// One vault per build. The Astro integration loads it first (to report bad input cleanly); the
// pages, bundled into another module graph of the same process, find it again through a
// process-wide registry instead of parsing every note a second time.
import { resolve } from "node:path";
import { loadVault, type LoadOptions } from "./load.ts";
import type { Vault } from "./types.ts";

const REGISTRY = Symbol.for("labnotes.vaults");

function registry(): Map<string, Vault> {
  const holder = globalThis as { [REGISTRY]?: Map<string, Vault> };
  return (holder[REGISTRY] ??= new Map());
}

function normalizeBase(base: string | undefined): string {
  return (base ?? "/").replace(/\/?$/, "/");
}

export function getVault(dir: string, options: LoadOptions = {}): Vault {
  const key = `${resolve(dir)}\0${normalizeBase(options.base)}\0${options.git !== false}\0${[...(options.labIds ?? [])].sort().join(",")}`;
  const cache = registry();
  let vault = cache.get(key);
  if (!vault) {
    vault = loadVault(resolve(dir), { ...options, base: normalizeBase(options.base) });
    cache.set(key, vault);
  }
  return vault;
}
