// pflag/cobra argument parsing: --flag=v, --flag v, -n v, -nv, -n=v, grouped bool
// shorthands (-it), repeated flags, flags after positionals, and `--`.
import { DurationError, parseGoDuration } from "./duration.ts";
import type { FlagSpec } from "./spec.ts";

export class FlagError extends Error {}

export interface ParsedArgs {
  /** Values as given, in order, by long flag name. */
  values: Map<string, string[]>;
  positionals: string[];
  /** Index into positionals where `--` appeared, or -1. */
  dashAt: number;
}

function parseBool(spec: FlagSpec, v: string): string {
  const t = ["1", "t", "T", "TRUE", "true", "True"];
  const f = ["0", "f", "F", "FALSE", "false", "False"];
  if (t.includes(v)) return "true";
  if (f.includes(v)) return "false";
  throw new FlagError(`invalid argument "${v}" for "${display(spec)}" flag: strconv.ParseBool: parsing "${v}": invalid syntax`);
}

function display(spec: FlagSpec): string {
  return spec.shorthand ? `-${spec.shorthand}, --${spec.name}` : `--${spec.name}`;
}

function checkValue(spec: FlagSpec, v: string): string {
  if (spec.kind === "bool") return parseBool(spec, v);
  if (spec.kind === "int" && !/^[+-]?\d+$/.test(v)) {
    throw new FlagError(`invalid argument "${v}" for "${display(spec)}" flag: strconv.ParseInt: parsing "${v}": invalid syntax`);
  }
  if (spec.kind === "duration") {
    try {
      parseGoDuration(v);
    } catch (e) {
      if (e instanceof DurationError) throw new FlagError(`invalid argument "${v}" for "${display(spec)}" flag: ${e.message}`);
      throw e;
    }
  }
  return v;
}

export function parseArgs(args: string[], specs: FlagSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.shorthand).map((s) => [s.shorthand!, s]));
  const values = new Map<string, string[]>();
  const positionals: string[] = [];
  let dashAt = -1;
  const set = (spec: FlagSpec, v: string) => {
    const list = values.get(spec.name) ?? [];
    list.push(checkValue(spec, v));
    values.set(spec.name, list);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      dashAt = positionals.length;
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith("--") && a.length > 2) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const spec = byName.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) set(spec, a.slice(eq + 1));
      else if (spec.noOptDefault !== undefined) set(spec, spec.noOptDefault);
      else if (i + 1 < args.length) set(spec, args[++i]!);
      else throw new FlagError(`flag needs an argument: --${name}`);
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      let rest = a.slice(1);
      while (rest.length > 0) {
        const c = rest[0]!;
        const spec = byShort.get(c);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in -${rest}`);
        if (rest.length > 2 && rest[1] === "=") {
          set(spec, rest.slice(2));
          rest = "";
        } else if (spec.noOptDefault !== undefined) {
          set(spec, spec.noOptDefault);
          rest = rest.slice(1);
        } else if (rest.length > 1) {
          set(spec, rest.slice(1));
          rest = "";
        } else if (i + 1 < args.length) {
          set(spec, args[++i]!);
          rest = "";
        } else {
          throw new FlagError(`flag needs an argument: '${c}' in -${c}`);
        }
      }
      continue;
    }
    positionals.push(a);
  }
  return { values, positionals, dashAt };
}
