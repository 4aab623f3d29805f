// /labs/<id>/lab.json: what a terminal embedded in a note needs to start the lab.
import type { APIRoute } from "astro";
import { siteLab, siteLabs } from "../../../labs/site.ts";

export function getStaticPaths() {
  return siteLabs().map((lab) => ({ params: { id: lab.lab.id } }));
}

export const GET: APIRoute = ({ params }) => {
  const lab = siteLab(params.id ?? "")!;
  return new Response(JSON.stringify({ labId: lab.lab.id, labSource: lab.source, clusterYaml: lab.clusterYaml }), {
    headers: { "Content-Type": "application/json" },
  });
};
