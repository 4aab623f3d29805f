// A small getopt for the tools: short flags that may be bundled (-sSv), short
// options with a value attached or separate (-o file, -ofile), long options with
// `=` or a separate value. Unknown options are reported so each tool can word
// the error its own way.
export interface OptionSpec {
  /** Flags without a value: "s", "silent". */
  flags: string[];
  /** Options that take a value: "o", "output", "H", "header". */
  values: string[];
}

export interface ParsedArgs {
  opts: Map<string, string[]>;
  positional: string[];
  unknown?: string;
  missingValue?: string;
}

export function parseArgs(args: string[], spec: OptionSpec): ParsedArgs {
  const flags = new Set(spec.flags);
  const values = new Set(spec.values);
  const opts = new Map<string, string[]>();
  const positional: string[] = [];
  const put = (k: string, v: string) => opts.set(k, [...(opts.get(k) ?? []), v]);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith("--") && a.length > 2) {
      const eq = a.indexOf("=");
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      if (flags.has(name)) put(name, "");
      else if (values.has(name)) {
        const v = eq >= 0 ? a.slice(eq + 1) : args[++i];
        if (v === undefined) return { opts, positional, missingValue: a };
        put(name, v);
      } else return { opts, positional, unknown: a };
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (flags.has(c)) put(c, "");
        else if (values.has(c)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (v === undefined) return { opts, positional, missingValue: `-${c}` };
          put(c, v);
          break;
        } else return { opts, positional, unknown: `-${c}` };
      }
      continue;
    }
    positional.push(a);
  }
  return { opts, positional };
}

/** True when any of the names was given. */
export function has(p: ParsedArgs, ...names: string[]): boolean {
  return names.some((n) => p.opts.has(n));
}

/** The last value given for any of the names. */
export function last(p: ParsedArgs, ...names: string[]): string | undefined {
  let v: string | undefined;
  for (const n of names) {
    const list = p.opts.get(n);
    if (list?.length) v = list[list.length - 1];
  }
  return v;
}

export function all(p: ParsedArgs, ...names: string[]): string[] {
  return names.flatMap((n) => p.opts.get(n) ?? []);
}
