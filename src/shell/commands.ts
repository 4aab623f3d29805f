// Turning our tools into just-bash commands bound to one machine.
import { decodeBytesToUtf8, defineCommand, type CustomCommand } from "just-bash";
import type { Tool, ToolHost, ToolIo } from "./tools/types.ts";
import { CommandOutput, type Direct } from "./output.ts";
import { SHELL_OWN } from "./process.ts";
import { quoteArg } from "./quote.ts";

export function toCommand(name: string, tool: Tool, host: ToolHost, sink: () => Direct): CustomCommand {
  return defineCommand(name, async (args, ctx) => {
    const output = new CommandOutput(sink());
    const env: Record<string, string> = { ...(ctx.exportedEnv ?? {}) };
    const io: ToolIo = {
      args,
      stdin: decodeBytesToUtf8(ctx.stdin),
      env,
      cwd: ctx.cwd,
      out: (t) => output.out(t),
      err: (t) => output.err(t),
      readFile: async (path) => {
        const full = ctx.fs.resolvePath(ctx.cwd, path);
        try {
          return await ctx.fs.readFile(full);
        } catch {
          return undefined;
        }
      },
      writeFile: (path, content) => ctx.fs.writeFile(ctx.fs.resolvePath(ctx.cwd, path), content),
      signal: ctx.signal,
    };
    let exitCode: number;
    try {
      exitCode = await tool(io, host);
    } catch (e) {
      // A bug in one tool must not take the session down; say so like a crashed program would.
      output.err(`${name}: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      exitCode = 1;
    }
    return { stdout: output.stdout, stderr: output.stderr, exitCode };
  });
}

/**
 * `date` on the cluster's virtual clock: just-bash's date reads the host clock, so
 * unless the learner names a date (-d, -r) it is given the current virtual time.
 */
export function virtualDate(now: () => number): CustomCommand {
  return defineCommand("date", async (args, ctx) => {
    const named = args.some((a) => /^(-d|--date|-r|--reference)(=|$)/.test(a) || /^-[a-zA-Z]*[dr]$/.test(a));
    if (!ctx.origCommand) return { stdout: "", stderr: "date: not available\n", exitCode: 1 };
    return ctx.origCommand(named ? args : [...args, "-d", `@${Math.floor(now() / 1000)}`]);
  });
}

/**
 * env and printenv list exported variables only (just-bash's own list every shell
 * variable); with arguments they are the usual commands.
 */
export function exportedEnvCommands(): CustomCommand[] {
  const listing = (ctx: { exportedEnv?: Record<string, string> }) =>
    Object.entries(ctx.exportedEnv ?? {})
      .filter(([k]) => !SHELL_OWN.has(k))
      .map(([k, v]) => `${k}=${v}\n`)
      .join("");
  return [
    defineCommand("env", async (args, ctx) => {
      if (args.length === 0) return { stdout: listing(ctx), stderr: "", exitCode: 0 };
      return ctx.origCommand ? ctx.origCommand(args) : { stdout: "", stderr: "env: not available\n", exitCode: 127 };
    }),
    defineCommand("printenv", async (args, ctx) => {
      if (args.length === 0) return { stdout: listing(ctx), stderr: "", exitCode: 0 };
      const values = args.map((a) => ctx.exportedEnv?.[a]);
      return { stdout: values.filter((v) => v !== undefined).map((v) => v + "\n").join(""), stderr: "", exitCode: values.every((v) => v !== undefined) ? 0 : 1 };
    }),
  ];
}

/** `sudo CMD…` on a node, where the learner is already root: run the command as it is. */
export function sudoAsRoot(): CustomCommand {
  return defineCommand("sudo", async (args, ctx) => {
    const rest = args[0] === "-i" || args[0] === "-s" ? [] : args.filter((a, i) => !(i === 0 && a === "--"));
    if (rest.length === 0) return { stdout: "", stderr: "", exitCode: 0 };
    if (!ctx.exec) return { stdout: "", stderr: "sudo: unable to execute\n", exitCode: 1 };
    return ctx.exec(rest.map(quoteArg).join(" "), { cwd: ctx.cwd, signal: ctx.signal });
  });
}

/**
 * The shell's `history`: its own numbered lines. bash numbers from 1 in a width of 5
 * and two spaces, and takes a count; BusyBox ash (libbb lineedit.c show_history)
 * numbers from 0 as "%4d %s" and lists everything.
 */
export function historyCommand(lines: () => readonly string[], style: "bash" | "busybox" = "bash"): CustomCommand {
  return defineCommand("history", async (args) => {
    const all = lines();
    if (style === "busybox") return { stdout: all.map((l, i) => `${String(i).padStart(4)} ${l}\n`).join(""), stderr: "", exitCode: 0 };
    const n = args[0] !== undefined && /^\d+$/.test(args[0]) ? Number(args[0]) : all.length;
    const start = Math.max(0, all.length - n);
    const text = all
      .slice(start)
      .map((l, i) => `${String(start + i + 1).padStart(5)}  ${l}\n`)
      .join("");
    return { stdout: text, stderr: "", exitCode: 0 };
  });
}
