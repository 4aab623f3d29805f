// The part of Go's text/template that kubectl's -o go-template users write: fields,
// variables, pipelines, if/else/range/with, and the builtin functions (plus kubectl's
// exists and base64decode). Data is decoded JSON, as kubectl hands the printer a
// map[string]interface{}: numbers are float64, a missing map key is "<no value>".
// Errors carry Go's wording and positions (template: output:LINE:COL: …).
import { goPrintf, goType, goValue, NO_VALUE } from "./gofmt.ts";
import { pipeText, type Arg, type Cmd, type Control, type GoTemplate, type Node, type Pipe } from "./gotemplate-parse.ts";

export { parseGoTemplate, type GoTemplate } from "./gotemplate-parse.ts";
export { TemplateParseError } from "./gotemplate-lex.ts";

export class TemplateExecError extends Error {
  /** What the template wrote before failing (Go writes as it runs). */
  partial = "";
}

type Value = unknown;

class Loop {
  constructor(readonly kind: "break" | "continue") {}
}

function truthy(v: Value): boolean {
  if (v === NO_VALUE || v === null || v === undefined || v === false || v === 0 || v === 0n || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v).length > 0;
  return true;
}

const isMap = (v: Value): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);


const MIN_ARGS: Record<string, number> = { and: 1, or: 1, index: 1, printf: 1, eq: 1, slice: 1 };
const EXACT_ARGS: Record<string, number> = { not: 1, len: 1, ne: 2, lt: 2, le: 2, gt: 2, ge: 2, base64decode: 1 };

class Exec {
  private out = "";
  private scopes: Map<string, Value>[] = [];
  constructor(
    private readonly tpl: GoTemplate,
    root: Value,
  ) {
    this.scopes.push(new Map([["$", root]]));
  }

  run(): string {
    try {
      this.list(this.tpl.nodes, this.scopes[0]!.get("$"));
    } catch (e) {
      if (e instanceof TemplateExecError) e.partial = this.out;
      throw e;
    }
    return this.out;
  }

  private fail(pos: number, at: string, msg: string): never {
    const before = this.tpl.source.slice(0, pos);
    const nl = before.lastIndexOf("\n");
    const line = 1 + (before.match(/\n/g) ?? []).length;
    throw new TemplateExecError(`template: output:${line}:${pos - (nl + 1)}: executing "output" at <${at}>: ${msg}`);
  }

  private list(nodes: Node[], dot: Value): void {
    for (const n of nodes) this.node(n, dot);
  }

  private withScope(fn: () => void): void {
    this.scopes.push(new Map());
    try {
      fn();
    } finally {
      this.scopes.pop();
    }
  }

  private node(n: Node, dot: Value): void {
    switch (n.t) {
      case "text":
        this.out += n.text;
        return;
      case "action": {
        const v = this.pipe(n.pipe, dot);
        if (n.pipe.decl.length === 0) this.out += goValue(v);
        return;
      }
      case "break":
      case "continue":
        throw new Loop(n.t);
      case "if":
      case "with":
        this.withScope(() => {
          const v = this.pipe(n.pipe, dot);
          if (truthy(v)) this.list(n.list, n.t === "with" ? v : dot);
          else this.list(n.elseList, dot);
        });
        return;
      case "range":
        this.withScope(() => this.range(n, dot));
        return;
    }
  }

  private range(n: Control, dot: Value): void {
    const scope = this.scopes[this.scopes.length - 1]!;
    const v = this.pipe(n.pipe, dot, true);
    let entries: [Value, Value][];
    if (Array.isArray(v)) entries = v.map((x, i) => [BigInt(i), x]);
    else if (isMap(v)) entries = Object.keys(v).sort().map((k) => [k, v[k]]);
    else if (typeof v === "bigint") entries = Array.from({ length: Math.max(0, Number(v)) }, (_, i) => [BigInt(i), BigInt(i)]);
    else if (v === NO_VALUE || v === null) entries = [];
    else {
      const last = n.pipe.cmds[n.pipe.cmds.length - 1]!;
      this.fail(last.pos, last.args.map((a) => a.text).join(" "), `range can't iterate over ${goValue(v)}`);
    }
    if (entries.length === 0) {
      this.list(n.elseList, dot);
      return;
    }
    for (const [k, x] of entries) {
      if (n.pipe.decl.length === 1) scope.set(n.pipe.decl[0]!, x);
      if (n.pipe.decl.length === 2) {
        scope.set(n.pipe.decl[0]!, k);
        scope.set(n.pipe.decl[1]!, x);
      }
      try {
        this.list(n.list, x);
      } catch (e) {
        if (!(e instanceof Loop)) throw e;
        if (e.kind === "break") break;
      }
    }
  }

  private lookupVar(name: string): Value {
    for (let i = this.scopes.length - 1; i >= 0; i--) if (this.scopes[i]!.has(name)) return this.scopes[i]!.get(name);
    return NO_VALUE;
  }

  /** `range` binds its variables to each element, not to the whole value. */
  private pipe(p: Pipe, dot: Value, isRange = false): Value {
    let v: Value = NO_VALUE;
    let first = true;
    for (const c of p.cmds) {
      v = this.command(c, dot, first ? undefined : v);
      first = false;
    }
    if (p.decl.length > 0 && !isRange) {
      if (p.assign) {
        for (let i = this.scopes.length - 1; i >= 0; i--) {
          if (this.scopes[i]!.has(p.decl[0]!)) {
            this.scopes[i]!.set(p.decl[0]!, v);
            break;
          }
        }
      } else {
        this.scopes[this.scopes.length - 1]!.set(p.decl[0]!, v);
      }
    }
    return v;
  }

  private field(receiver: Value, path: string[], arg: Arg): Value {
    let v = receiver;
    for (const name of path) {
      if (v === NO_VALUE) return NO_VALUE;
      if (isMap(v)) {
        v = Object.hasOwn(v, name) ? v[name] : NO_VALUE;
        continue;
      }
      if (v === null || v === undefined) this.fail(arg.pos, arg.text, `nil pointer evaluating interface {}.${name}`);
      this.fail(arg.pos, arg.text, `can't evaluate field ${name} in type interface {}`);
    }
    return v;
  }

  private arg(a: Arg, dot: Value): Value {
    switch (a.t) {
      case "dot":
        return dot;
      case "const":
        return a.value;
      case "field":
        return this.field(dot, a.path, a);
      case "var":
        return this.field(this.lookupVar(a.name), a.path, a);
      case "pipe":
        return this.field(this.pipe(a.pipe, dot), a.path, a);
      case "ident":
        return this.call(a.name, [], a);
    }
  }

  private command(c: Cmd, dot: Value, piped: Value | undefined): Value {
    const [head, ...rest] = c.args;
    if (!head) return NO_VALUE;
    if (head.t === "ident") {
      const args = rest.map((a) => this.arg(a, dot));
      if (piped !== undefined) args.push(piped);
      const min = MIN_ARGS[head.name];
      if (min !== undefined && args.length < min) this.fail(head.pos, head.text, `wrong number of args for ${head.name}: want at least ${min} got ${args.length}`);
      const exact = EXACT_ARGS[head.name];
      if (exact !== undefined && args.length !== exact) this.fail(head.pos, head.text, `wrong number of args for ${head.name}: want ${exact} got ${args.length}`);
      // printf's format is a string parameter: Go rejects another type while converting the argument.
      if (head.name === "printf" && typeof args[0] !== "string") {
        const a = rest[0];
        this.fail(a ? a.pos : head.pos, a ? a.text : head.text, `expected string; found ${goValue(args[0])}`);
      }
      // Errors of a call name the whole command, as Go's evalCall does.
      return this.call(head.name, args, { pos: head.pos, text: c.args.map((a) => a.text).join(" ") });
    }
    if (rest.length > 0 || piped !== undefined) {
      if (head.t === "field") this.fail(head.pos, head.text, `${head.path[head.path.length - 1]} is not a method but has arguments`);
      this.fail(head.pos, head.text, `can't give argument to non-function ${head.text}`);
    }
    return this.arg(head, dot);
  }

  private call(name: string, args: Value[], at: { pos: number; text: string }): Value {
    const err = (msg: string): never => this.fail(at.pos, at.text, `error calling ${name}: ${msg}`);
    switch (name) {
      case "and": {
        let v: Value = NO_VALUE;
        for (const a of args) {
          v = a;
          if (!truthy(a)) return a;
        }
        return v;
      }
      case "or": {
        let v: Value = NO_VALUE;
        for (const a of args) {
          v = a;
          if (truthy(a)) return a;
        }
        return v;
      }
      case "not":
        return !truthy(args[0]);
      case "len": {
        const v = args[0];
        if (typeof v === "string") return BigInt(new TextEncoder().encode(v).length);
        if (Array.isArray(v)) return BigInt(v.length);
        if (isMap(v)) return BigInt(Object.keys(v).length);
        if (v === NO_VALUE) return err("reflect: call of reflect.Value.Type on zero Value");
        return err(`len of type ${goType(v)}`);
      }
      case "index": {
        let v = args[0];
        for (const k of args.slice(1)) {
          if (Array.isArray(v)) {
            if (typeof k !== "bigint") return err(`cannot index slice/array with type ${goType(k)}`);
            if (k < 0n || k >= BigInt(v.length)) return err(`index out of range: ${k}`);
            v = v[Number(k)];
          } else if (isMap(v)) {
            if (typeof k !== "string") return err(`value has type ${goType(k)}; should be string`);
            v = Object.hasOwn(v, k) ? v[k] : NO_VALUE;
          } else if (v === NO_VALUE || v === null) {
            return err("index of untyped nil");
          } else {
            return err(`can't index item of type ${goType(v)}`);
          }
        }
        return v;
      }
      case "print":
        return sprint(args);
      case "println":
        return args.map((a) => goValue(a, false)).join(" ") + "\n";
      case "printf":
        if (args.length === 0 || typeof args[0] !== "string") return err("wrong type for value; expected string");
        return goPrintf(args[0], args.slice(1));
      case "eq": {
        if (args.length < 2) return err("missing argument for comparison");
        return args.slice(1).some((b) => compare(args[0], b, err) === 0);
      }
      case "ne":
        return compare(args[0], args[1], err) !== 0;
      case "lt":
      case "le":
      case "gt":
      case "ge": {
        const c = compare(args[0], args[1], err, true);
        return name === "lt" ? c < 0 : name === "le" ? c <= 0 : name === "gt" ? c > 0 : c >= 0;
      }
      case "exists": {
        let v = args[0];
        for (const k of args.slice(1)) {
          if (isMap(v) && typeof k === "string" && Object.hasOwn(v, k)) v = v[k];
          else if (Array.isArray(v) && typeof k === "bigint" && k >= 0n && k < BigInt(v.length)) v = v[Number(k)];
          else return false;
        }
        return true;
      }
      case "base64decode": {
        const s = String(args[0]);
        try {
          if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) throw new Error();
          return new TextDecoder().decode(Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0)));
        } catch {
          return err(`base64 decode failed: illegal base64 data at input byte ${Math.max(0, s.search(/[^A-Za-z0-9+/=]/))}`);
        }
      }
      case "html":
        return sprint(args).replace(/[<>&'"\0]/g, (ch) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&#39;", '"': "&#34;", "\0": "\uFFFD" })[ch]!);
      case "urlquery":
        return encodeURIComponent(sprint(args)).replace(/%20/g, "+");
      case "js":
        return sprint(args).replace(/[\\'"<>&=\x00-\x1f]/g, (ch) => (ch === "\\" || ch === "'" || ch === '"' ? "\\" + ch : `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`));
      default:
        return err(`function not supported`);
    }
  }
}

/** fmt.Sprint: a space between operands when neither is a string. */
function sprint(args: Value[]): string {
  let out = "";
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== "string" && typeof args[i - 1] !== "string") out += " ";
    out += goValue(a, false);
  });
  return out;
}

function compare(a: Value, b: Value, err: (m: string) => never, ordered = false): number {
  if (a === NO_VALUE || b === NO_VALUE) return err("invalid type for comparison");
  if ((typeof a === "number" && typeof b === "number") || (typeof a === "bigint" && typeof b === "bigint")) return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "boolean" && typeof b === "boolean") {
    if (ordered) return err("invalid type for comparison");
    return a === b ? 0 : 1;
  }
  if (a === null && b === null && !ordered) return 0;
  if (typeof a !== typeof b || a === null || b === null) return err("incompatible types for comparison");
  return err(ordered ? "invalid type for comparison" : "non-comparable type");
}

/**
 * kubectl decodes the object with apimachinery's JSON, which turns whole numbers into
 * int64: they print as integers, and compare only with integers.
 */
export function withInts(v: unknown): unknown {
  if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
  if (Array.isArray(v)) return v.map(withInts);
  if (isMap(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withInts(x)]));
  return v;
}

/** Execute a parsed template on decoded JSON. */
export function executeGoTemplate(tpl: GoTemplate, data: unknown): string {
  return new Exec(tpl, withInts(data)).run();
}

