// /labs/<id>/lab.json: what a terminal embedded in a note needs to start the lab.
import type { APIRoute } from "astro";
import { siteLab, siteLabs } from "../../../labs/site.ts";
import { firstPrompt } from "../../../labs/runtime.ts";

export function getStaticPaths() {
  return siteLabs().map((lab) => ({ params: { id: lab.lab.id } }));
}

export const GET: APIRoute = async ({ params }) => {
  const lab = siteLab(params.id ?? "")!;
  const prompt = await firstPrompt(lab.clusterYaml);
  return new Response(JSON.stringify({ labId: lab.lab.id, labSource: lab.source, clusterYaml: lab.clusterYaml, firstPrompt: prompt }), {
    headers: { "Content-Type": "application/json" },
  });
};
