// kubectl's JSONPath templates (client-go util/jsonpath): `{.a.b}`, `[0]`, `[*]`, `[0:2]`,
// `..name`, `[?(@.x=="y")]`, `{range .items[*]}…{end}`, `{"\n"}`, unions with `,`.
// Missing keys print nothing, as with kubectl's default --allow-missing-template-keys.

import { sortKeysDeep, toGoJson, toGoJsonCompact } from "./json.ts";

export class JsonPathError extends Error {}
/** A failure while walking the data (not a syntax error), reported with a dump of the data. */
export class JsonPathExecError extends JsonPathError {}

type Step =
  | { t: "field"; name: string }
  | { t: "wild" }
  | { t: "recurse"; name: string | null }
  | { t: "index"; start: number | null; end: number | null; single: boolean; step?: number }
  | { t: "filter"; left: Step[]; op: string | null; right: unknown };

type Expr = { t: "path"; steps: Step[] } | { t: "literal"; value: string };

type Node =
  | { t: "text"; text: string }
  | { t: "exprs"; exprs: Expr[] }
  | { t: "range"; exprs: Expr[]; body: Node[] };

function splitTemplate(tpl: string): { text?: string; action?: string }[] {
  const parts: { text?: string; action?: string }[] = [];
  let i = 0;
  while (i < tpl.length) {
    const open = tpl.indexOf("{", i);
    if (open < 0) {
      parts.push({ text: tpl.slice(i) });
      break;
    }
    if (open > i) parts.push({ text: tpl.slice(i, open) });
    // Find the matching }, skipping quoted strings.
    let j = open + 1;
    let quote: string | null = null;
    for (; j < tpl.length; j++) {
      const c = tpl[j]!;
      if (quote) {
        if (c === "\\") j++;
        else if (c === quote) quote = null;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === "}") break;
    }
    if (j >= tpl.length) throw new JsonPathError("unclosed action");
    parts.push({ action: tpl.slice(open + 1, j).trim() });
    i = j + 1;
  }
  return parts;
}

function unquote(s: string): string {
  if (s.startsWith('"')) return JSON.parse(s) as string;
  return s.slice(1, -1).replace(/\\'/g, "'");
}

function parsePath(src: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  if (src[0] === "$" || src[0] === "@") i = 1;
  while (i < src.length) {
    if (src.startsWith("..", i)) {
      i += 2;
      const m = /^[A-Za-z0-9_\-/]+|^\*/.exec(src.slice(i));
      steps.push({ t: "recurse", name: m && m[0] !== "*" ? m[0] : null });
      if (m) i += m[0].length;
      continue;
    }
    const c = src[i]!;
    if (c === ".") {
      i++;
      if (src[i] === "*") {
        steps.push({ t: "wild" });
        i++;
        continue;
      }
      const m = /^[^.\[\]\s,]+/.exec(src.slice(i));
      if (!m) continue;
      steps.push({ t: "field", name: m[0] });
      i += m[0].length;
      continue;
    }
    if (c === "[") {
      const close = findClose(src, i);
      const inner = src.slice(i + 1, close).trim();
      i = close + 1;
      if (inner === "*") steps.push({ t: "wild" });
      else if (inner.startsWith("?(") && inner.endsWith(")")) steps.push(parseFilter(inner.slice(2, -1)));
      else if (/^['"]/.test(inner)) steps.push({ t: "field", name: unquote(inner) });
      else if (/^-?\d*(:-?\d*){0,2}$/.test(inner)) {
        const [a, b, s] = inner.split(":");
        const single = !inner.includes(":");
        steps.push({
          t: "index",
          start: a === "" || a === undefined ? null : Number(a),
          end: single ? null : b === "" || b === undefined ? null : Number(b),
          single,
          step: s ? Number(s) : undefined,
        });
      } else throw new JsonPathError(`invalid array index ${inner}`);
      continue;
    }
    throw new JsonPathError(`unrecognized character in action: U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")} '${c}'`);
  }
  return steps;
}

function findClose(src: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let j = open; j < src.length; j++) {
    const c = src[j]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[") depth++;
    else if (c === "]" && --depth === 0) return j;
  }
  throw new JsonPathError("unterminated array");
}

function parseFilter(src: string): Step {
  const m = /^(.*?)\s*(==|!=|<=|>=|<|>|=~)\s*(.*)$/.exec(src);
  if (!m) return { t: "filter", left: parsePath(src.trim()), op: null, right: null };
  const rightSrc = m[3]!.trim();
  let right: unknown;
  if (/^['"]/.test(rightSrc)) right = unquote(rightSrc);
  else if (/^-?\d+(\.\d+)?$/.test(rightSrc)) right = Number(rightSrc);
  else if (rightSrc === "true" || rightSrc === "false") right = rightSrc === "true";
  else right = { path: parsePath(rightSrc) };
  return { t: "filter", left: parsePath(m[1]!.trim()), op: m[2]!, right };
}

function parseExprs(action: string): Expr[] {
  const exprs: Expr[] = [];
  let cur = "";
  let quote: string | null = null;
  let depth = 0;
  const flush = () => {
    const s = cur.trim();
    cur = "";
    if (s === "") return;
    if (/^['"]/.test(s)) exprs.push({ t: "literal", value: unquote(s) });
    else exprs.push({ t: "path", steps: parsePath(s) });
  };
  for (const c of action) {
    if (quote) {
      cur += c;
      if (c === quote && !cur.endsWith("\\" + c)) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    if (c === "[") depth++;
    if (c === "]") depth--;
    if (c === "," && depth === 0) flush();
    else cur += c;
  }
  flush();
  return exprs;
}

export function parseTemplate(tpl: string): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  for (const part of splitTemplate(tpl)) {
    const top = stack[stack.length - 1]!;
    if (part.text !== undefined) {
      top.push({ t: "text", text: part.text });
      continue;
    }
    const action = part.action!;
    if (action === "end") {
      if (stack.length === 1) throw new JsonPathError("not in range, nothing to end");
      stack.pop();
    } else if (/^range(?![A-Za-z0-9_])/.test(action)) {
      const node: Node = { t: "range", exprs: parseExprs(action.slice(5)), body: [] };
      top.push(node);
      stack.push(node.body);
    } else {
      top.push({ t: "exprs", exprs: parseExprs(action) });
    }
  }
  if (stack.length > 1) throw new JsonPathError("unclosed range");
  return root;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function applyStep(values: unknown[], step: Step, root: unknown): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    switch (step.t) {
      case "field":
        if (isMap(v) && step.name in v) out.push(v[step.name]);
        break;
      case "wild":
        if (Array.isArray(v)) out.push(...v);
        else if (isMap(v)) for (const k of Object.keys(v).sort()) out.push(v[k]);
        break;
      case "recurse": {
        const walk = (x: unknown) => {
          if (step.name === null) out.push(x);
          if (isMap(x)) {
            if (step.name !== null && step.name in x) out.push(x[step.name]);
            for (const k of Object.keys(x).sort()) walk(x[k]);
          } else if (Array.isArray(x)) x.forEach(walk);
        };
        walk(v);
        break;
      }
      case "index": {
        if (!Array.isArray(v)) break;
        const n = v.length;
        if (step.single) {
          let i = step.start ?? 0;
          if (i < 0) i += n;
          if (i < 0 || i >= n) throw new JsonPathExecError(`array index out of bounds: index ${step.start}, length ${n}`);
          out.push(v[i]);
        } else {
          let a = step.start ?? 0;
          let b = step.end ?? n;
          if (a < 0) a += n;
          if (b < 0) b += n;
          a = Math.max(0, Math.min(a, n));
          b = Math.max(0, Math.min(b, n));
          for (let i = a; i < b; i += step.step ?? 1) out.push(v[i]);
        }
        break;
      }
      case "filter": {
        const items = Array.isArray(v) ? v : isMap(v) ? Object.keys(v).sort().map((k) => v[k]) : [];
        for (const item of items) if (filterMatches(item, step, root)) out.push(item);
        break;
      }
    }
  }
  return out;
}

function evalPath(steps: Step[], cur: unknown, root: unknown): unknown[] {
  let values = [cur];
  for (const s of steps) values = applyStep(values, s, root);
  return values;
}

function filterMatches(item: unknown, f: Extract<Step, { t: "filter" }>, root: unknown): boolean {
  const lefts = evalPath(f.left, item, root);
  if (f.op === null) return lefts.length > 0 && lefts[0] !== null && lefts[0] !== false;
  const rights = isMap(f.right) && "path" in f.right ? evalPath(f.right.path as Step[], item, root) : [f.right];
  if (lefts.length === 0 || rights.length === 0) return false;
  const l = lefts[0];
  const r = rights[0];
  switch (f.op) {
    case "==":
      return l === r || String(l) === String(r);
    case "!=":
      return !(l === r || String(l) === String(r));
    case "<":
      return Number(l) < Number(r);
    case ">":
      return Number(l) > Number(r);
    case "<=":
      return Number(l) <= Number(r);
    case ">=":
      return Number(l) >= Number(r);
    case "=~":
      return new RegExp(String(r)).test(String(l));
  }
  return false;
}

/** One value as text: strings bare, maps and lists as compact JSON. */
export function jsonPathText(v: unknown): string {
  if (typeof v === "string") return v;
  if (v === null || v === undefined) return v === null ? "null" : "";
  if (typeof v === "object") return toGoJsonCompact(v);
  return String(v);
}

/**
 * Run the template. `asJson` (-o jsonpath-as-json) prints each node's results as one
 * indented JSON array instead of text, as client-go's JSONPath.EnableJSONOutput does.
 */
function exec(nodes: Node[], cur: unknown, root: unknown, asJson = false): string {
  const group = (values: unknown[]) => toGoJson(sortKeysDeep(values));
  let out = "";
  for (const n of nodes) {
    if (n.t === "text") out += asJson ? group([n.text]) : n.text;
    else if (n.t === "exprs") {
      const results: unknown[] = [];
      for (const e of n.exprs) {
        if (e.t === "literal") results.push(e.value);
        else results.push(...evalPath(e.steps, cur, root));
      }
      out += asJson ? group(results) : results.map(jsonPathText).join(" ");
    } else {
      const items: unknown[] = [];
      for (const e of n.exprs) if (e.t === "path") items.push(...evalPath(e.steps, cur, root));
      for (const item of items) out += exec(n.body, item, root, asJson);
    }
  }
  return out;
}

/** Evaluate a kubectl JSONPath template against `data` (no newline is added). */
export function evalJsonPath(template: string, data: unknown, asJson = false): string {
  return exec(parseTemplate(template), data, data, asJson);
}

/** Values (not text) of a single expression, for custom-columns. */
export function jsonPathValues(expr: string, data: unknown): unknown[] {
  const nodes = parseTemplate(expr);
  const values: unknown[] = [];
  for (const n of nodes) if (n.t === "exprs") for (const e of n.exprs) if (e.t === "path") values.push(...evalPath(e.steps, data, data));
  return values;
}

/** custom-columns accepts `.metadata.name` and `metadata.name` as well as `{.metadata.name}`. */
export function relaxedJsonPath(expr: string): string {
  let e = expr.trim();
  if (e.startsWith("{") && e.endsWith("}")) return e;
  if (!e.startsWith(".")) e = "." + e;
  return `{${e}}`;
}

/** Go's %#v of decoded JSON (map[string]interface {}{…}), which kubectl prints when a template fails. */
export function goSyntax(v: unknown): string {
  if (v === null || v === undefined) return "interface {}(nil)";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSyntax).join(", ")}}`;
  const m = v as Record<string, unknown>;
  return `map[string]interface {}{${Object.keys(m).sort().map((k) => `${JSON.stringify(k)}:${goSyntax(m[k])}`).join(", ")}}`;
}
