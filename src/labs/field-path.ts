// A small JSONPath-like field path for lab checks: `spec.ports[0].nodePort`,
// `metadata.labels["app.kubernetes.io/name"]`, `spec.ports[*].port`.
// Kubectl-style braces and a leading dot (`{.spec.type}`) are accepted too,
// because authors copy paths from `kubectl get -o jsonpath`.

export type PathSegment = { kind: "key"; key: string } | { kind: "index"; index: number } | { kind: "all" };

export type ParsedPath = { ok: true; segments: PathSegment[] } | { ok: false; error: string };

export function parseFieldPath(text: string): ParsedPath {
  let src = text.trim();
  if (src.startsWith("{") && src.endsWith("}")) src = src.slice(1, -1).trim();
  if (src.startsWith(".")) src = src.slice(1);
  if (src === "") return { ok: false, error: `empty field path "${text}"` };
  const segments: PathSegment[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === "[") {
      const close = findClose(src, i);
      if (close < 0) return { ok: false, error: `unclosed "[" in field path "${text}"` };
      const inner = src.slice(i + 1, close).trim();
      if (inner === "*") segments.push({ kind: "all" });
      else if (/^\d+$/.test(inner)) segments.push({ kind: "index", index: Number(inner) });
      else if (/^(["']).*\1$/.test(inner)) segments.push({ kind: "key", key: inner.slice(1, -1) });
      else return { ok: false, error: `bad subscript "[${inner}]" in field path "${text}"` };
      i = close + 1;
      if (src[i] === ".") i++;
      continue;
    }
    let j = i;
    while (j < src.length && src[j] !== "." && src[j] !== "[") j++;
    const key = src.slice(i, j);
    if (key === "") return { ok: false, error: `empty segment in field path "${text}"` };
    segments.push(key === "*" ? { kind: "all" } : { kind: "key", key });
    i = src[j] === "." ? j + 1 : j;
    if (src[j] === "." && i >= src.length) return { ok: false, error: `field path "${text}" ends with "."` };
  }
  return { ok: true, segments };
}

function findClose(src: string, open: number): number {
  let quote: string | null = null;
  for (let k = open + 1; k < src.length; k++) {
    const c = src[k];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "]") return k;
  }
  return -1;
}

/** Every value the path reaches; `[*]` fans out. Missing fields yield nothing. */
export function selectValues(root: unknown, segments: readonly PathSegment[]): unknown[] {
  let current: unknown[] = [root];
  for (const seg of segments) {
    const next: unknown[] = [];
    for (const value of current) {
      if (value === null || typeof value !== "object") continue;
      if (seg.kind === "key") {
        const v = (value as Record<string, unknown>)[seg.key];
        if (v !== undefined && !Array.isArray(value)) next.push(v);
      } else if (seg.kind === "index") {
        if (Array.isArray(value) && seg.index < value.length) next.push(value[seg.index]);
      } else {
        next.push(...(Array.isArray(value) ? value : Object.values(value)));
      }
    }
    current = next;
  }
  return current;
}
