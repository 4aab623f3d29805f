// Small helpers over plain JSON objects, shared by the store, patches and controllers.

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => deepEqual(a[k], b[k]));
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
