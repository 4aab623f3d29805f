// Go text/template's parser for -o go-template: pipelines, variables, if/else if/with/range,
// break/continue, and Go's parse errors (template: output:LINE: …).
import { goQuote } from "./gofmt.ts";
import { KEYWORDS, lex, TemplateParseError, type Tok, type TokKind } from "./gotemplate-lex.ts";

type Value = unknown;

export type Arg =
  | { t: "field"; path: string[]; pos: number; text: string }
  | { t: "var"; name: string; path: string[]; pos: number; text: string }
  | { t: "dot"; pos: number; text: string }
  | { t: "const"; value: Value; pos: number; text: string }
  | { t: "ident"; name: string; pos: number; text: string }
  | { t: "pipe"; pipe: Pipe; path: string[]; pos: number; text: string };
export interface Cmd {
  args: Arg[];
  pos: number;
}
export interface Pipe {
  decl: string[];
  assign: boolean;
  cmds: Cmd[];
  pos: number;
}
export interface Control {
  t: "if" | "with" | "range";
  pipe: Pipe;
  list: Node[];
  elseList: Node[];
}
export type Node =
  | { t: "text"; text: string }
  | { t: "action"; pipe: Pipe }
  | Control
  | { t: "break" | "continue" };

const FUNCS = new Set(["and", "or", "not", "len", "index", "print", "printf", "println", "eq", "ne", "lt", "le", "gt", "ge", "html", "js", "urlquery", "slice", "exists", "base64decode"]);

class Parser {
  private i = 0;
  private vars: string[][] = [["$"]];
  constructor(
    private readonly toks: Tok[],
    private readonly src: string,
  ) {}

  private lineOf(pos: number): number {
    return 1 + (this.src.slice(0, pos).match(/\n/g) ?? []).length;
  }
  private fail(msg: string, pos: number): never {
    throw new TemplateParseError(`template: output:${this.lineOf(pos)}: ${msg}`);
  }
  private peek(): Tok {
    return this.toks[this.i]!;
  }
  private next(): Tok {
    return this.toks[this.i++]!;
  }
  private peekNonSpace(): Tok {
    while (this.peek().kind === "space") this.i++;
    return this.peek();
  }

  parse(): Node[] {
    const { list, end } = this.list();
    if (end) this.fail(`unexpected ${end}`, this.toks[this.i - 1]!.pos);
    return list;
  }

  /** Nodes until {{end}} / {{else}} (returned as `end`) or EOF. */
  private list(): { list: Node[]; end?: string; elsePipe?: { kind: string } } {
    const out: Node[] = [];
    for (;;) {
      const tok = this.next();
      if (tok.kind === "eof") return { list: out };
      if (tok.kind === "text") {
        out.push({ t: "text", text: tok.val });
        continue;
      }
      // {{ … }}
      const first = this.peekNonSpace();
      if (first.kind === "ident" && KEYWORDS.has(first.val)) {
        this.next();
        switch (first.val) {
          case "end":
            this.expectRight("end");
            return { list: out, end: "{{end}}" };
          case "else":
            return { list: out, end: "{{else}}" };
          case "if":
          case "with":
          case "range":
            out.push(this.control(first.val, first.pos));
            continue;
          case "break":
          case "continue":
            this.expectRight(first.val);
            out.push({ t: first.val });
            continue;
          default:
            this.fail(`unexpected "${first.val}" in command`, first.pos);
        }
      }
      out.push({ t: "action", pipe: this.pipeline("command", first.pos) });
    }
  }

  private expectRight(ctx: string): void {
    const t = this.peekNonSpace();
    if (t.kind !== "right") this.fail(`unexpected ${describe(t)} in ${ctx}`, t.pos);
    this.next();
  }

  private control(kind: "if" | "with" | "range", pos: number): Node {
    this.vars.push([]);
    const pipe = this.pipeline(kind, pos);
    const body = this.list();
    if (!body.end) this.fail("unexpected EOF", this.src.length);
    let elseList: Node[] = [];
    if (body.end === "{{else}}") {
      const t = this.peekNonSpace();
      if (t.kind === "ident" && (t.val === "if" || t.val === "with") && kind === t.val) {
        // {{else if …}} is an {{if}} nested in the else branch sharing our {{end}}.
        this.next();
        elseList = [this.control(t.val, t.pos)];
      } else {
        this.expectRight("else");
        const rest = this.list();
        if (rest.end !== "{{end}}") this.fail(rest.end ? `expected end; found ${rest.end}` : "unexpected EOF", this.src.length);
        elseList = rest.list;
      }
    }
    this.vars.pop();
    return { t: kind, pipe, list: body.list, elseList };
  }

  /** A pipeline up to the closing }} (or `)` when nested). */
  private pipeline(ctx: string, pos: number, nested = false): Pipe {
    const pipe: Pipe = { decl: [], assign: false, cmds: [], pos };
    // $x := / $i, $v := / $x =
    const save = this.i;
    const v = this.peekNonSpace();
    if (v.kind === "var") {
      this.next();
      let t = this.peekNonSpace();
      const names = [v.val];
      if (t.kind === "comma" && (ctx === "range")) {
        this.next();
        const v2 = this.peekNonSpace();
        if (v2.kind !== "var") this.fail(`range can only initialize variables`, v2.pos);
        this.next();
        names.push(v2.val);
        t = this.peekNonSpace();
      }
      if (t.kind === "declare" || t.kind === "assign") {
        this.next();
        pipe.decl = names;
        pipe.assign = t.kind === "assign";
        if (t.kind === "declare") this.vars[this.vars.length - 1]!.push(...names);
        else for (const n of names) if (!this.known(n)) this.fail(`undefined variable "${n}"`, v.pos);
      } else {
        this.i = save;
      }
    }
    for (;;) {
      const t = this.peekNonSpace();
      if ((!nested && t.kind === "right") || (nested && t.kind === "rparen")) {
        this.next();
        break;
      }
      if (t.kind === "eof" || (nested && t.kind === "right")) this.fail(nested ? "unclosed left paren" : "unclosed action", t.pos);
      if (t.kind === "pipe") {
        if (pipe.cmds.length === 0) this.fail(`unexpected "|" in command`, t.pos);
        this.next();
        continue;
      }
      if (!OPERAND_START.has(t.kind)) this.fail(`unexpected ${describe(t)} in ${ctx}`, t.pos);
      pipe.cmds.push(this.command(nested));
    }
    if (pipe.cmds.length === 0) this.fail(`missing value for ${ctx}`, pos);
    return pipe;
  }

  private known(name: string): boolean {
    return this.vars.some((scope) => scope.includes(name));
  }

  private command(nested: boolean): Cmd {
    const args: Arg[] = [];
    const pos = this.peekNonSpace().pos;
    for (;;) {
      const t = this.peek();
      if (t.kind === "space") {
        this.next();
        continue;
      }
      if (t.kind === "pipe" || t.kind === "right" || t.kind === "eof" || (nested && t.kind === "rparen")) break;
      if (t.kind === "rparen") this.fail(`unexpected right paren`, t.pos);
      args.push(this.operand());
      const after = this.peek();
      if (!["space", "pipe", "right", "rparen", "eof"].includes(after.kind)) this.fail(`unexpected ${describe(after)} in operand`, after.pos);
    }
    // Every caller consumes at least one token per command, so parsing always ends.
    if (args.length === 0) this.fail(`missing value for command`, pos);
    return { args, pos };
  }

  private operand(): Arg {
    const t = this.next();
    let arg: Arg;
    switch (t.kind) {
      case "field": {
        const path = [t.val];
        let pos = t.pos;
        if (this.peek().kind === "field") pos = this.peek().pos;
        while (this.peek().kind === "field") path.push(this.next().val);
        return { t: "field", path, pos, text: path.map((p) => "." + p).join("") };
      }
      case "var": {
        if (!this.known(t.val)) this.fail(`undefined variable "${t.val}"`, t.pos);
        const path: string[] = [];
        while (this.peek().kind === "field") path.push(this.next().val);
        return { t: "var", name: t.val, path, pos: t.pos, text: t.val + path.map((p) => "." + p).join("") };
      }
      case "dot":
        return { t: "dot", pos: t.pos, text: "." };
      case "string":
        return { t: "const", value: t.val, pos: t.pos, text: JSON.stringify(t.val) };
      case "number":
        return { t: "const", value: numberValue(t.val), pos: t.pos, text: t.val };
      case "bool":
        return { t: "const", value: t.val === "true", pos: t.pos, text: t.val };
      case "nil":
        return { t: "const", value: null, pos: t.pos, text: "nil" };
      case "ident":
        if (!FUNCS.has(t.val)) this.fail(`function "${t.val}" not defined`, t.pos);
        return { t: "ident", name: t.val, pos: t.pos, text: t.val };
      case "lparen": {
        const pipe = this.pipeline("parenthesized pipeline", t.pos, true);
        const path: string[] = [];
        while (this.peek().kind === "field") path.push(this.next().val);
        arg = { t: "pipe", pipe, path, pos: t.pos, text: `(${pipeText(pipe)})${path.map((p) => "." + p).join("")}` };
        return arg;
      }
      default:
        return this.fail(`unexpected ${describe(t)} in operand`, t.pos);
    }
  }
}

const OPERAND_START = new Set<TokKind>(["field", "var", "ident", "string", "number", "bool", "nil", "dot", "lparen"]);

function describe(t: Tok): string {
  if (t.kind === "right") return `"}}"`;
  if (t.kind === "eof") return "EOF";
  return goQuote(t.val);
}

/** Integer literals are Go ints (bigint), others float64. */
function numberValue(text: string): number | bigint {
  const clean = text.replace(/_/g, "");
  if (/^[+-]?0[xX]/.test(clean)) return BigInt(clean.replace(/^([+-]?)0[xX]/, "$10x").replace(/^\+/, ""));
  if (/^[+-]?\d+$/.test(clean)) return BigInt(clean.replace(/^\+/, ""));
  return Number(clean);
}

export function pipeText(p: Pipe): string {
  const decl = p.decl.length > 0 ? `${p.decl.join(", ")} ${p.assign ? "=" : ":="} ` : "";
  return decl + p.cmds.map((c) => c.args.map((a) => a.text).join(" ")).join(" | ");
}

export interface GoTemplate {
  nodes: Node[];
  source: string;
}

export function parseGoTemplate(source: string): GoTemplate {
  return { nodes: new Parser(lex(source), source).parse(), source };
}
