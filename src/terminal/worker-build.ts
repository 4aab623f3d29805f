// Build glue for the lab worker (wire it in astro.config.mjs: see labWorkerVite()).
// The shell uses just-bash APIs (parse, serialize, decodeBytesToUtf8) that its
// browser bundle does not export, so the worker bundles just-bash's Node build
// instead: Node built-ins become small stand-ins (nothing in a lab calls them),
// and __BROWSER__ turns off just-bash's Node-only defence-in-depth hooks.
import type { Plugin } from "vite";

const VIRTUAL = "\0labnotes-node-shim:";

/** What the Node build imports by name at load time; everything else is an empty module. */
const SHIMS: Record<string, string> = {
  "node:module": "export function createRequire() { return (id) => { throw new Error(`require(${id}) is not available in the browser`); }; } export default { createRequire };",
  "node:crypto": "export function randomBytes(n) { const a = new Uint8Array(n); crypto.getRandomValues(a); return a; } export default { randomBytes };",
  "node:dns": "export function lookup() { throw new Error('DNS is not available in the browser'); } export default { lookup };",
};

/** Optional native add-ons of just-bash's Node build that a browser never loads. */
const OPTIONAL = ["node-liblzma", "worker_threads", "@mongodb-js/zstd"];

export function justBashNodeBuild(justBashNodeEntry: string): Plugin {
  return {
    name: "labnotes-just-bash-node-build",
    enforce: "pre",
    resolveId(id) {
      if (id === "just-bash") return justBashNodeEntry;
      if (id.startsWith("node:") || OPTIONAL.includes(id) || id.startsWith("@mongodb-js/")) return VIRTUAL + id;
      return null;
    },
    load(id) {
      if (!id.startsWith(VIRTUAL)) return null;
      return SHIMS[id.slice(VIRTUAL.length)] ?? "export default {};";
    },
  };
}

/**
 * The Vite settings the lab worker needs, to merge into astro.config.mjs:
 *   vite: { ...labWorkerVite(fileURLToPath(new URL("./node_modules/just-bash/dist/bundle/index.js", import.meta.url))) }
 */
export function labWorkerVite(justBashNodeEntry: string) {
  return {
    define: { __BROWSER__: "true" },
    worker: {
      format: "es" as const,
      plugins: () => [justBashNodeBuild(justBashNodeEntry)],
      rollupOptions: { shimMissingExports: true },
    },
  };
}
