// Attachments (images, PDFs…) of the vault, copied as they are to /files/<vault path>.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { APIRoute } from "astro";
import { siteVault } from "../../layouts/site.ts";

export function getStaticPaths() {
  return [...siteVault().attachments.keys()].map((path) => ({ params: { path } }));
}

export const GET: APIRoute = ({ params }) => {
  const vault = siteVault();
  return new Response(readFileSync(join(vault.dir, String(params.path))));
};
