// Go's fmt for the values a go-template sees: decoded JSON (float64 numbers, strings,
// bools, nil, []interface{}, map[string]interface{}) and template integer constants,
// which are Go ints (bigint here, so 3 and 3.0 stay different types as in Go).

/** A value that is not there (Go's invalid reflect.Value): a missing map key. */
export const NO_VALUE: unique symbol = Symbol("no value");

/** strconv.FormatFloat(f, 'g', -1, 64): shortest digits, exponent form from 1e+06 or below 1e-04. */
export function goFloat(f: number): string {
  if (Number.isNaN(f)) return "NaN";
  if (!Number.isFinite(f)) return f > 0 ? "+Inf" : "-Inf";
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  const [mantissa, expText] = f.toExponential().split("e") as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  return String(f);
}

/** fmt's %v. */
export function goValue(v: unknown, top = true): string {
  // A nil interface printed on its own is Go's invalid value: <no value>.
  if (v === NO_VALUE || v === null || v === undefined) return top ? "<no value>" : "<nil>";
  if (typeof v === "string") return v;
  if (typeof v === "number") return goFloat(v);
  if (typeof v === "bigint" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => goValue(x, false)).join(" ")}]`;
  const m = v as Record<string, unknown>;
  return `map[${Object.keys(m).sort().map((k) => `${k}:${goValue(m[k], false)}`).join(" ")}]`;
}

/** The Go type a decoded value has (as errors and %!verb(type=value) name it). */
export function goType(v: unknown): string {
  if (typeof v === "number") return "float64";
  if (typeof v === "bigint") return "int";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (Array.isArray(v)) return "[]interface {}";
  if (v !== null && typeof v === "object") return "map[string]interface {}";
  return "interface {}";
}

/** Go's %q of a string: double-quoted with Go escapes. */
export function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\\u00([0-7][0-9a-f])/g, (m, h: string) => (h === "07" ? "\\a" : h === "0b" ? "\\v" : `\\x${h}`)).replace(/\u2028|\u2029/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

interface Spec {
  minus: boolean;
  plus: boolean;
  zero: boolean;
  space: boolean;
  width?: number;
  prec?: number;
}

function pad(s: string, spec: Spec, numeric: boolean): string {
  if (spec.width === undefined || s.length >= spec.width) return s;
  if (spec.minus) return s.padEnd(spec.width);
  if (spec.zero && numeric) {
    const sign = /^[+-]/.test(s) ? s[0]! : "";
    return sign + s.slice(sign.length).padStart(spec.width - sign.length, "0");
  }
  return s.padStart(spec.width);
}

function bad(verb: string, v: unknown): string {
  if (v === NO_VALUE || v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goType(v)}=${goValue(v, false)})`;
}

function formatOne(verb: string, v: unknown, spec: Spec): string {
  // Composite values apply the verb to their elements, as fmt does.
  if (Array.isArray(v) && verb !== "v") return `[${v.map((x) => formatOne(verb, x, { ...spec, width: undefined })).join(" ")}]`;
  if (v !== null && typeof v === "object" && verb !== "v") {
    const m = v as Record<string, unknown>;
    return `map[${Object.keys(m).sort().map((k) => `${formatOne(verb, k, { ...spec, width: undefined })}:${formatOne(verb, m[k], { ...spec, width: undefined })}`).join(" ")}]`;
  }
  switch (verb) {
    case "v":
      if (v === NO_VALUE) return pad("<nil>", spec, false);
      if (typeof v === "number" || typeof v === "bigint") return pad(withSign(goValue(v), spec), spec, true);
      return pad(goValue(v, false), spec, false);
    case "s":
      if (typeof v !== "string") return bad(verb, v);
      return pad(spec.prec !== undefined ? [...v].slice(0, spec.prec).join("") : v, spec, false);
    case "q":
      if (typeof v !== "string") return bad(verb, v);
      return pad(goQuote(v), spec, false);
    case "d":
      if (typeof v !== "bigint") return bad(verb, v);
      return pad(withSign(String(v), spec), spec, true);
    case "f":
    case "F":
    case "e":
    case "g":
      if (typeof v !== "number") return bad(verb, v);
      return pad(withSign(floatVerb(verb, v, spec.prec), spec), spec, true);
    case "t":
      if (typeof v !== "boolean") return bad(verb, v);
      return pad(String(v), spec, false);
    case "x":
    case "X": {
      let s: string;
      if (typeof v === "bigint") s = v.toString(16);
      else if (typeof v === "string") s = [...new TextEncoder().encode(v)].map((b) => b.toString(16).padStart(2, "0")).join("");
      else return bad(verb, v);
      return pad(verb === "X" ? s.toUpperCase() : s, spec, true);
    }
    default:
      return bad(verb, v);
  }
}

function withSign(s: string, spec: Spec): string {
  if (s.startsWith("-")) return s;
  return spec.plus ? "+" + s : spec.space ? " " + s : s;
}

function floatVerb(verb: string, v: number, prec: number | undefined): string {
  if (verb === "f" || verb === "F") return v.toFixed(prec ?? 6);
  if (verb === "e") {
    const [m, e] = v.toExponential(prec ?? 6).split("e") as [string, string];
    const n = Number(e);
    return `${m}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
  }
  return goFloat(v);
}

/** fmt.Sprintf for the verbs templates use (%s %v %d %q %f %t %x, flags, width, precision). */
export function goPrintf(format: string, args: unknown[]): string {
  let out = "";
  let next = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== "%") {
      out += c;
      continue;
    }
    const m = /^([-+0 #]*)(\d+)?(?:\.(\d*))?([a-zA-Z%])?/.exec(format.slice(i + 1))!;
    i += m[0].length;
    const verb = m[4];
    if (verb === undefined) {
      out += "%!(NOVERB)";
      continue;
    }
    if (verb === "%") {
      out += "%";
      continue;
    }
    const flags = m[1] ?? "";
    const spec: Spec = { minus: flags.includes("-"), plus: flags.includes("+"), zero: flags.includes("0"), space: flags.includes(" ") };
    if (m[2] !== undefined) spec.width = Number(m[2]);
    if (m[3] !== undefined) spec.prec = m[3] === "" ? 0 : Number(m[3]);
    if (next >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatOne(verb, args[next++], spec);
  }
  if (next < args.length) out += `%!(EXTRA ${args.slice(next).map((a) => (a === NO_VALUE || a === null ? "<nil>" : `${goType(a)}=${goValue(a, false)}`)).join(", ")})`;
  return out;
}
