// Small helpers over plain JSON objects, shared by the store, patches and controllers.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A deep copy of JSON data (undefined members dropped, as a JSON round trip would). */
export function clone<T>(v: T): T {
  return copy(v) as T;
}

function copy(v: unknown): unknown {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      out[i] = x === undefined ? null : copy(x);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k in v as Record<string, unknown>) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined && typeof x !== "function") out[k] = copy(x);
  }
  return out;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Equal as JSON: undefined members count as absent. Allocates nothing: every controller write compares. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    let defined = 0;
    for (const k in a) {
      const x = a[k];
      if (x === undefined) continue;
      defined++;
      if (!deepEqual(x, b[k])) return false;
    }
    for (const k in b) if (b[k] !== undefined) defined--;
    return defined === 0;
  }
  return false;
}

/** `obj.spec` and friends, typed loosely: the store holds arbitrary manifests. */
export function field<T = Record<string, unknown>>(obj: unknown, ...path: string[]): T | undefined {
  let cur: unknown = obj;
  for (const p of path) {
    if (!isPlainObject(cur) && !Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur as T | undefined;
}

let lastSecond = NaN;
let lastText = "";

/** RFC 3339 with second precision, as metav1.Time marshals. */
export function timestamp(ms: number): string {
  const sec = Math.floor(ms / 1000);
  // Controllers stamp many objects in the same second; format it once.
  if (sec !== lastSecond) {
    lastSecond = sec;
    lastText = new Date(sec * 1000).toISOString().replace(".000Z", "Z");
  }
  return lastText;
}

/** A stable v4-shaped uid from a key: system objects must not draw from the seeded generator (user objects' names would shift). */
export function stableUid(key: string): string {
  const h = bytesToHex(sha256(new TextEncoder().encode(key)));
  const variant = "89ab"[parseInt(h[16], 16) & 3];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
