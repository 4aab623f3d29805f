// Content negotiation: which representation the client asked for (Accept) and what
// the body it sent is (Content-Type). Only JSON-based forms are spoken here.

export interface MediaRange {
  type: string; // "application/json", "*/*"
  params: Record<string, string>;
}

export function parseMediaRanges(header: string | undefined): MediaRange[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [type, ...rest] = part.split(";");
      const params: Record<string, string> = {};
      for (const p of rest) {
        const eq = p.indexOf("=");
        if (eq > 0) params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim();
      }
      return { type: type.trim().toLowerCase(), params };
    });
}

/** What form an answer takes. */
export type Representation =
  | { form: "json" }
  | { form: "yaml" }
  | { form: "table"; version: "v1" | "v1beta1" }
  | { form: "aggregated-discovery"; version: "v2" | "v2beta1" };

const JSON_TYPES = new Set(["application/json", "application/*", "*/*"]);

/**
 * The first acceptable representation in the client's order. `as=` forms are honoured
 * only where the endpoint offers them; `undefined` means nothing acceptable (406).
 */
export function negotiate(
  accept: string | undefined,
  offers: { table?: boolean; aggregatedDiscovery?: boolean },
): Representation | undefined {
  const ranges = parseMediaRanges(accept);
  if (ranges.length === 0) return { form: "json" };
  for (const r of ranges) {
    const as = r.params["as"];
    if (as) {
      if (!JSON_TYPES.has(r.type)) continue;
      if (as === "Table" && offers.table && r.params["g"] === "meta.k8s.io") {
        if (r.params["v"] === "v1" || r.params["v"] === "v1beta1") return { form: "table", version: r.params["v"] };
      }
      if (as === "APIGroupDiscoveryList" && offers.aggregatedDiscovery && r.params["g"] === "apidiscovery.k8s.io") {
        if (r.params["v"] === "v2" || r.params["v"] === "v2beta1") {
          return { form: "aggregated-discovery", version: r.params["v"] };
        }
      }
      continue;
    }
    if (JSON_TYPES.has(r.type)) return { form: "json" };
    if (r.type === "application/yaml") return { form: "yaml" };
  }
  return undefined;
}

/** The bare media type of a Content-Type header ("application/json; charset=utf-8" → "application/json"). */
export function bareType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

export const BODY_TYPES = ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"] as const;
export const PATCH_TYPES = [
  "application/json-patch+json",
  "application/merge-patch+json",
  "application/apply-patch+yaml",
  "application/strategic-merge-patch+json",
] as const;
