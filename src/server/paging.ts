// limit/continue over a list already read from the store. The token carries the key
// to resume after, like the real server's (base64 of {"v","rv","start"}).
import type { KObject, Status } from "../cluster/index.ts";
import { failure } from "./status.ts";

/** etcd key order: namespace, then name (bytewise), which is the real server's list order. */
export function storeOrder(a: KObject, b: KObject): number {
  const ka = `${a.metadata.namespace ?? ""}/${a.metadata.name ?? ""}`;
  const kb = `${b.metadata.namespace ?? ""}/${b.metadata.name ?? ""}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function keyOf(o: KObject): string {
  return `${o.metadata.namespace ?? ""}/${o.metadata.name ?? ""}`;
}

function encodeToken(rv: string, start: string): string {
  const raw = JSON.stringify({ v: "meta.k8s.io/v1", rv: Number(rv) || 0, start });
  return btoa(String.fromCharCode(...new TextEncoder().encode(raw)))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

function decodeToken(token: string): { rv: number; start: string } | undefined {
  try {
    const b64 = token.replaceAll("-", "+").replaceAll("_", "/");
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const v = JSON.parse(new TextDecoder().decode(bytes)) as { v?: string; rv?: number; start?: string };
    if (v.v !== "meta.k8s.io/v1" || typeof v.start !== "string") return undefined;
    return { rv: v.rv ?? 0, start: v.start };
  } catch {
    return undefined;
  }
}

export interface Page {
  items: KObject[];
  continue?: string;
  remainingItemCount?: number;
}

export function paginate(sorted: KObject[], limit: number | undefined, token: string | undefined, rv: string): Page | Status {
  let from = 0;
  if (token) {
    const t = decodeToken(token);
    if (!t) return failure(400, "BadRequest", "continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
    from = sorted.findIndex((o) => keyOf(o) + "\u0000" > t.start);
    if (from < 0) from = sorted.length;
  }
  const rest = sorted.slice(from);
  if (!limit || limit <= 0 || rest.length <= limit) return { items: rest };
  const items = rest.slice(0, limit);
  const last = items[items.length - 1];
  return { items, continue: encodeToken(rv, keyOf(last) + "\u0000"), remainingItemCount: rest.length - limit };
}
