// JSON exactly as Go's encoding/json MarshalIndent(obj, "", "    ") writes it:
// <, > and & escaped as \u003c…, U+2028/2029 escaped, empty {} and [].

function escapeString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}

function emit(v: unknown, indent: string): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return escapeString(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  const inner = indent + "    ";
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    return "[\n" + v.map((x) => inner + emit(x, inner)).join(",\n") + "\n" + indent + "]";
  }
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  if (entries.length === 0) return "{}";
  return "{\n" + entries.map(([k, x]) => `${inner}${escapeString(k)}: ${emit(x, inner)}`).join(",\n") + "\n" + indent + "}";
}

/** Go-style indented JSON, keys in the order given, with a trailing newline. */
export function toGoJson(value: unknown): string {
  return emit(value, "") + "\n";
}

/** Recursively sort map keys by byte order (how Go marshals map[string]interface{}). */
export function sortKeysDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeysDeep);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeysDeep((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/**
 * Compact Go json.Marshal: <>& escaped, no trailing newline; keys sorted as a map
 * marshals, or (`sorted` false) in the given order, as a typed object marshals.
 */
export function toGoJsonCompact(value: unknown, sorted = true): string {
  return JSON.stringify(sorted ? sortKeysDeep(value) : value).replace(/[<>&\u2028\u2029]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}
