// Ctrl-C for endless loops in the browser. just-bash runs a loop on microtasks
// only, so the worker never returns to its event loop and the "interrupt" message
// could never arrive. When the host can yield (SessionHost.yieldToHost), every
// loop iteration first runs a hidden command that lets the host's event loop run;
// the AbortSignal then fires and just-bash stops at the next statement.
import { defineCommand, parse, type CustomCommand } from "just-bash";
import type { StatementNode } from "just-bash";
import { rewriteScript } from "./script-rewrite.ts";

export const TICK_COMMAND = "__labnotes_tick";

/** Headless runs (labnotes exec, tests): an endless loop ends in just-bash's limit error. */
export const HEADLESS_LIMITS = { maxCommandCount: 20_000, maxLoopIterations: 20_000, maxExecutionTimeMs: 10_000 };

/** With Ctrl-C reachable, a learner's loop runs until interrupted (a day is "forever" for a tab). */
const FOREVER = Number.MAX_SAFE_INTEGER;
export const INTERRUPTIBLE_LIMITS = { maxCommandCount: FOREVER, maxLoopIterations: FOREVER, maxWorkUnits: FOREVER, maxExecutionTimeMs: 86_400_000 };

/**
 * The hidden command: yields to the host, then keeps `$?` as it was. It is used as
 * `TICK && :`, which keeps any status and never trips `set -e` (a failing left side of && does not).
 */
export function tickCommand(yieldToHost: () => Promise<void>): CustomCommand {
  return defineCommand(TICK_COMMAND, async (_args, ctx) => {
    await yieldToHost();
    return { stdout: "", stderr: "", exitCode: Number(ctx.env.get("?") ?? 0) || 0 };
  });
}

function tickStatement(): StatementNode {
  return parse(`${TICK_COMMAND} && :`).statements[0];
}

/** Any node that holds statements: descend into every array of objects. */
function visit(node: unknown, onLoop: (loop: { type: string; condition?: unknown; body?: StatementNode[] }) => void): void {
  if (Array.isArray(node)) {
    for (const n of node) visit(n, onLoop);
    return;
  }
  if (!node || typeof node !== "object") return;
  const obj = node as Record<string, unknown>;
  if (obj.type === "While" || obj.type === "Until" || obj.type === "For" || obj.type === "CStyleFor") onLoop(obj as never);
  for (const value of Object.values(obj)) if (value && typeof value === "object") visit(value, onLoop);
}

/**
 * The script with a tick at the start of every loop iteration, or the script itself
 * when it has no loop (so ordinary lines run exactly as typed). While/until get it in
 * the condition, whose status is its last command's; for loops at the top of the body.
 */
export function withLoopTicks(script: string): string {
  return rewriteScript(script, (ast) => {
    let loops = 0;
    visit(ast, (loop) => {
      loops++;
      if ((loop.type === "While" || loop.type === "Until") && Array.isArray(loop.condition)) loop.condition.unshift(tickStatement());
      else if (Array.isArray(loop.body)) loop.body.unshift(tickStatement());
    });
    return loops > 0;
  });
}
