// Finding the command in argv the way cobra does, parsing its flags, and turning
// every failure into kubectl's text on stderr and exit code.
import { helpText } from "../help/index.ts";
import type { KubectlContext } from "../types.ts";
import { CmdError } from "./errors.ts";
import { Invocation, type Handler } from "./invocation.ts";
import { FlagError, parseArgs } from "./parse.ts";
import { aliasesOf, globalFlags, localFlags, rootCommandNames, subcommandsOf, type FlagSpec } from "./spec.ts";
import { suggestionsFor } from "./suggest.ts";

/** Subcommand names of a group, with their aliases, mapped to the canonical name. */
function subcommandTable(path: string): Map<string, string> {
  const table = new Map<string, string>();
  for (const name of subcommandsOf(path)) {
    const full = path ? `${path} ${name}` : name;
    table.set(name, name);
    for (const alias of aliasesOf(full)) table.set(alias, name);
  }
  return table;
}

/** Does this flag token take the next argument as its value? */
function consumesNext(token: string, specs: FlagSpec[]): boolean {
  if (token.startsWith("--")) {
    if (token.includes("=")) return false;
    const spec = specs.find((s) => s.name === token.slice(2));
    return spec !== undefined && spec.noOptDefault === undefined;
  }
  if (token.length !== 2) return false;
  const spec = specs.find((s) => s.shorthand === token[1]);
  return spec !== undefined && spec.noOptDefault === undefined;
}

interface Found {
  path: string;
  rest: string[];
  /** The first positional that was not a known subcommand of a pure group. */
  unknown?: string;
}

/** Walk argv: leading non-flag words select the command path, as cobra's Find does. */
export function findCommand(argv: string[], handlers: Record<string, Handler>): Found {
  let path = "";
  const rest: string[] = [];
  let extending = true;
  let unknown: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      rest.push(...argv.slice(i));
      break;
    }
    if (a.startsWith("-") && a.length > 1) {
      rest.push(a);
      if (consumesNext(a, [...localFlags(path), ...globalFlags()]) && i + 1 < argv.length) rest.push(argv[++i]!);
      continue;
    }
    if (extending) {
      const sub = path === "" ? (Object.hasOwn(handlers, a) || helpText(a) !== undefined ? a : undefined) : subcommandTable(path).get(a);
      if (sub !== undefined && (path === "" || helpText(`${path} ${sub}`) !== undefined)) {
        path = path ? `${path} ${sub}` : sub;
        continue;
      }
      extending = false;
      if (path === "" || !Object.hasOwn(handlers, path)) unknown ??= a;
    }
    rest.push(a);
  }
  return unknown === undefined ? { path, rest } : { path, rest, unknown };
}

/** `kubectl help [command…]`: the command's help, or cobra's unknown-topic text and the root usage. */
function help(topic: string[], ctx: KubectlContext, handlers: Record<string, Handler>): number {
  const words = topic.filter((w) => !w.startsWith("-"));
  const { path, unknown } = findCommand(words, handlers);
  if (unknown === undefined && (path !== "" || words.length === 0)) {
    ctx.stdout(helpText(path) ?? "");
    return 0;
  }
  const root = helpText("") ?? "";
  const usage = root.slice(Math.max(0, root.indexOf("Basic Commands") - 1));
  ctx.stderr(`Unknown help topic [${words.map((w) => "`" + w + "`").join(" ")}]\n\n${usage}`);
  return 0;
}

export async function dispatch(argv: string[], ctx: KubectlContext, handlers: Record<string, Handler>): Promise<number> {
  if (argv[0] === "help") return help(argv.slice(1), ctx, handlers);
  const found = findCommand(argv, handlers);
  const { path } = found;
  const seeHelp = `See 'kubectl ${path ? path + " " : ""}--help' for usage.\n`;
  if (path === "" && found.unknown !== undefined) {
    const suggestions = suggestionsFor(found.unknown, rootCommandNames());
    let text = `Error: unknown command "${found.unknown}" for "kubectl"\n`;
    if (suggestions.length > 0) text += `\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join("")}\n`;
    ctx.stderr(text);
    return 1;
  }
  const specs = [...localFlags(path), ...globalFlags()];
  let inv: Invocation;
  try {
    inv = new Invocation(ctx, path, parseArgs(found.rest, specs), specs);
  } catch (e) {
    if (e instanceof FlagError) {
      ctx.stderr(`Error: ${e.message}\n${seeHelp}`);
      return 1;
    }
    throw e;
  }
  // `kubectl options` is a command that only prints the global flags.
  if (inv.bool("help") || path === "options" || (path === "" && inv.args.length === 0)) {
    ctx.stdout(helpText(path) ?? "");
    return 0;
  }
  const handler = Object.hasOwn(handlers, path) ? handlers[path] : undefined;
  if (!handler) {
    if (found.unknown !== undefined) {
      ctx.stderr(`error: unknown command "${found.unknown}"\nSee 'kubectl ${path} -h' for help and examples\n`);
    } else if (helpText(path) !== undefined && path !== "") {
      // A group called without its subcommand prints its help to stderr (rollout's own Run: stdout).
      (path === "rollout" ? ctx.stdout : ctx.stderr)(helpText(path) ?? "");
    } else {
      ctx.stderr(`error: unknown command "${path}" for "kubectl"\n`);
    }
    return 1;
  }
  if (inv.has("context") && inv.str("context") !== ctx.kubeconfig.context) {
    ctx.stderr(`Error in configuration: context was not found for specified context: ${inv.str("context")}\n`);
    return 1;
  }
  try {
    return await handler(inv);
  } catch (e) {
    if (e instanceof CmdError) {
      if (e.stdout) ctx.stdout(e.stdout);
      ctx.stderr(e.raw ?? `error: ${e.message}\n`);
      return e.exitCode;
    }
    // An unexpected exception must never escape to the shell: report it as kubectl would an internal error.
    ctx.stderr(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
