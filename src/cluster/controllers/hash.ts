// pod-template-hash and controller-revision-hash: FNV-32a of the pod template,
// printed as a decimal number and passed through rand.SafeEncodeString
// (k/k pkg/controller/controller_utils.go ComputeHash). The real hasher feeds the
// Go struct dump (spew) of the template; we feed a canonical JSON form, so the
// hashes have the real shape and stability but not the real values.
import { safeEncodeString } from "../random.ts";

export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

export function computeHash(template: unknown, collisionCount = 0): string {
  const text = canonical(template) + (collisionCount ? String(collisionCount) : "");
  return safeEncodeString(String(fnv32a(text)));
}
