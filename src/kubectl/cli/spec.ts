// Each command's flags, read from the real kubectl's own help text (captured in
// ../help/texts.ts), so the accepted flags, their shorthands and kinds match it exactly.
import { helpText } from "../help/index.ts";
import { looksLikeDuration } from "./duration.ts";

export type FlagKind = "bool" | "string" | "int" | "array" | "duration";

export interface FlagSpec {
  name: string;
  shorthand?: string;
  kind: FlagKind;
  default: string;
  /** Value used when the flag is given without `=value` (pflag NoOptDefVal). */
  noOptDefault?: string;
}

const FLAG_LINE = /^ {4}(?:-(\S), )?--([a-z0-9-]+)=(.*):$/;

// pflag flags with a NoOptDefVal besides booleans: `--dry-run` alone means "unchanged".
const NO_OPT_DEFAULTS: Record<string, string> = { "dry-run": "unchanged" };

function kindOf(def: string): FlagKind {
  if (def === "true" || def === "false") return "bool";
  if (def.startsWith("[")) return "array";
  if (looksLikeDuration(def)) return "duration";
  if (/^-?\d+$/.test(def)) return "int";
  return "string";
}

export function parseFlagSpecs(help: string): FlagSpec[] {
  const specs: FlagSpec[] = [];
  for (const line of help.split("\n")) {
    const m = FLAG_LINE.exec(line);
    if (!m) continue;
    const def = m[3]!;
    const kind = kindOf(def);
    const spec: FlagSpec = { name: m[2]!, kind, default: def.replace(/^'(.*)'$/, "$1") };
    if (m[1]) spec.shorthand = m[1];
    if (kind === "bool") spec.noOptDefault = "true";
    if (NO_OPT_DEFAULTS[spec.name]) spec.noOptDefault = NO_OPT_DEFAULTS[spec.name];
    specs.push(spec);
  }
  return specs;
}

const cache = new Map<string, FlagSpec[]>();

/** Flags of one command path ("get", "create service clusterip"), without the global ones. */
export function localFlags(path: string): FlagSpec[] {
  let specs = cache.get(path);
  if (!specs) {
    specs = parseFlagSpecs(helpText(path) ?? "");
    // cobra adds -h/--help to every command.
    if (!specs.some((s) => s.name === "help")) specs.push({ name: "help", shorthand: "h", kind: "bool", default: "false", noOptDefault: "true" });
    cache.set(path, specs);
  }
  return specs;
}

export function globalFlags(): FlagSpec[] {
  return localFlags("options");
}

/** Subcommand names and aliases as listed under "Available Commands:" in a help text. */
export function subcommandsOf(path: string): string[] {
  const help = helpText(path) ?? "";
  const at = help.indexOf("Available Commands:\n");
  if (at < 0) return [];
  const names: string[] = [];
  for (const line of help.slice(at).split("\n").slice(1)) {
    const m = /^ {2}(\S+)\s/.exec(line);
    if (!m) break;
    names.push(m[1]!);
  }
  return names;
}

/** The "Aliases:" of a command ("service, svc" → ["service", "svc"]). */
export function aliasesOf(path: string): string[] {
  const m = /Aliases:\n(.*)\n/.exec(helpText(path) ?? "");
  return m ? m[1]!.split(",").map((s) => s.trim()) : [];
}

/** Every top-level command the real kubectl lists, in its order (for "Did you mean this?"). */
export function rootCommandNames(): string[] {
  const names: string[] = [];
  for (const line of (helpText("") ?? "").split("\n")) {
    const m = /^ {2}([a-z][a-z-]*) {2,}\S/.exec(line);
    if (m) names.push(m[1]!);
  }
  return names;
}
