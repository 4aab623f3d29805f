// Ingress host and path matching (networking.k8s.io/v1 semantics as ingress-nginx
// implements them; reference §8.1): exact and "*." wildcard hosts, Exact and
// element-wise Prefix paths, longest match wins and Exact beats Prefix on a tie.
import type { KObject } from "../api/types.ts";

export type PathType = "Exact" | "Prefix" | "ImplementationSpecific";

export interface IngressBackend {
  service?: { name: string; port: { number?: number; name?: string } };
  resource?: { apiGroup?: string; kind: string; name: string };
}

export interface IngressPath {
  ingress: KObject;
  host: string; // "" = any host
  path: string;
  pathType: PathType;
  backend: IngressBackend;
  /** Set when the ingress asks for regex locations (use-regex or rewrite-target). */
  regex: boolean;
}

/** Does a rule host cover the request host? "*.foo.com" covers exactly one extra label. */
export function hostMatches(ruleHost: string, host: string): boolean {
  const h = host.toLowerCase();
  const r = ruleHost.toLowerCase();
  if (!r) return true;
  if (r.startsWith("*.")) {
    const suffix = r.slice(1); // ".foo.com"
    if (!h.endsWith(suffix)) return false;
    const label = h.slice(0, -suffix.length);
    return label.length > 0 && !label.includes(".");
  }
  return r === h;
}

/** Prefix semantics: compare "/"-separated elements, ignoring a trailing slash on either side. */
export function prefixMatches(prefix: string, path: string): boolean {
  const split = (p: string) => p.split("/").filter((s) => s !== "");
  const want = split(prefix);
  const have = split(path);
  if (want.length > have.length) return false;
  return want.every((seg, i) => seg === have[i]);
}

export function pathMatches(p: Pick<IngressPath, "path" | "pathType" | "regex">, requestPath: string): RegExpExecArray | boolean {
  if (p.regex) {
    // nginx regex locations are case-insensitive (~*) and anchored at the start.
    try {
      return new RegExp(`^${p.path}`, "i").exec(requestPath) ?? false;
    } catch {
      return false;
    }
  }
  switch (p.pathType) {
    case "Exact":
      return requestPath === p.path;
    case "Prefix":
      return prefixMatches(p.path, requestPath);
    case "ImplementationSpecific":
      // ingress-nginx: a plain prefix location.
      return requestPath.startsWith(p.path || "/");
  }
}

/** Pick the winning path among candidates: longest path, then Exact over Prefix. */
export function bestPath(candidates: IngressPath[], requestPath: string): { path: IngressPath; groups: string[] } | undefined {
  let best: { path: IngressPath; groups: string[] } | undefined;
  for (const c of candidates) {
    const m = pathMatches(c, requestPath);
    if (!m) continue;
    const groups = typeof m === "object" ? [...m] : [];
    if (!best) {
      best = { path: c, groups };
      continue;
    }
    const lenC = c.path.length;
    const lenB = best.path.path.length;
    if (lenC > lenB || (lenC === lenB && c.pathType === "Exact" && best.path.pathType !== "Exact")) best = { path: c, groups };
  }
  return best;
}
