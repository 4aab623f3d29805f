// @ts-check
// Site settings come from the environment so the same project builds any vault:
//   LABNOTES_LANG     UI language, "zh-CN" (default) or "en"
//   LABNOTES_CONTENT  vault folder (default "content")
//   LABNOTES_BASE     base path when hosted under a sub-path, e.g. "/k8s-course/" (default "/")
//   LABNOTES_SITE     the site's absolute URL (optional, for canonical links)
//   LABNOTES_OUT      output folder (default "dist")
import mdx from "@astrojs/mdx";
import { defineConfig } from "astro/config";
import { fileURLToPath } from "node:url";
import { vaultCheck } from "./src/vault/astro-integration.ts";
import { labWorkerVite } from "./src/terminal/worker-build.ts";
import { eagerCompileBanner, modulePreload } from "./src/terminal/page-build.ts";

// The lab worker bundles just-bash's full build: the shell needs its parser, which the browser build does not export.
const labWorker = labWorkerVite(fileURLToPath(new URL("./node_modules/just-bash/dist/bundle/index.js", import.meta.url)));

const site = {
  lang: process.env.LABNOTES_LANG || "zh-CN",
  contentDir: process.env.LABNOTES_CONTENT || "content",
  title: process.env.LABNOTES_TITLE || "",
};

export default defineConfig({
  site: process.env.LABNOTES_SITE || undefined,
  base: process.env.LABNOTES_BASE || "/",
  outDir: process.env.LABNOTES_OUT || "dist",
  trailingSlash: "ignore",
  build: { format: "directory" },
  devToolbar: { enabled: false },
  // modulePreload and the compile hint: the lab page's terminal comes up sooner (see page-build.ts).
  integrations: [mdx(), vaultCheck(site.contentDir), modulePreload()],
  vite: {
    define: { __LABNOTES_SITE__: JSON.stringify(site), ...labWorker.define },
    worker: labWorker.worker,
    build: { rollupOptions: { output: { postBanner: eagerCompileBanner } } },
  },
});
