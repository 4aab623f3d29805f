// Output of a loop as it is produced. just-bash hands a compound command's output
// back only when the compound ends, so `while true; do echo hi; sleep 1; done`
// showed nothing, and after Ctrl-C never anything (an aborted exec drops it).
// A real terminal shows each line at once. So in a line with a loop, every simple
// command whose output would reach the terminal gets two hidden redirections in
// front of its own, `>>LIVE_STDOUT 2>>LIVE_STDERR`, and the file system hands
// what is appended there straight to the terminal. The learner's own redirections
// come after ours and win, as the last redirection of a descriptor does in bash.
import { InMemoryFs } from "just-bash";
import { rewriteScript } from "./script-rewrite.ts";
import type { CommandNode, ScriptNode, SimpleCommandNode, StatementNode, WordNode } from "just-bash";
import type { Stream } from "./types.ts";
import type { Sink } from "./output.ts";

export const LIVE_STDOUT = "/dev/.labnotes-live-stdout";
export const LIVE_STDERR = "/dev/.labnotes-live-stderr";

/** Commands that change how the shell itself runs or only steer the loop: left exactly as typed. */
const UNTOUCHED = new Set(["exec", "exit", "return", "break", "continue", ":", "true", "false", "set", "shopt", "trap", "__labnotes_tick"]);
const LOOPS = new Set(["While", "Until", "For", "CStyleFor"]);

/** Which of a command's streams would reach the terminal. */
interface Reach {
  out: boolean;
  err: boolean;
}

function word(text: string): WordNode {
  return { type: "Word", parts: [{ type: "Literal", value: text }] } as WordNode;
}

type Redirection = SimpleCommandNode["redirections"][number];

function appendTo(fd: number, path: string): Redirection {
  return { type: "Redirection", fd, operator: ">>", target: word(path) };
}

/**
 * The script with live redirections, or the script itself when no loop's output
 * reaches the terminal (ordinary lines run exactly as typed).
 */
export function withLiveOutput(script: string): string {
  return rewriteScript(script, (ast) => addLiveRedirections(ast));
}

/** Adds the redirections; true when a loop's output reaches the terminal. */
function addLiveRedirections(ast: ScriptNode): boolean {
  let loops = 0;
  const statements = (list: StatementNode[] | null | undefined, reach: Reach) => {
    for (const st of list ?? []) {
      // A background job's output would interleave with later lines; it keeps the old path.
      if (st.background) continue;
      for (const pipeline of st.pipelines) {
        const n = pipeline.commands.length;
        pipeline.commands.forEach((cmd, i) => {
          // Only the last command's stdout reaches the terminal; `|&` sends stderr down the pipe too.
          command(cmd, { out: reach.out && i === n - 1, err: reach.err && !(pipeline.pipeStderr?.[i] ?? false) });
        });
      }
    }
  };
  const command = (cmd: CommandNode, reach: Reach) => {
    if (!reach.out && !reach.err) return;
    switch (cmd.type) {
      case "SimpleCommand": {
        const name = cmd.name?.parts.length === 1 && cmd.name.parts[0].type === "Literal" ? cmd.name.parts[0].value : cmd.name ? "" : null;
        if (name === null || UNTOUCHED.has(name)) return;
        const ours = [...(reach.out ? [appendTo(1, LIVE_STDOUT)] : []), ...(reach.err ? [appendTo(2, LIVE_STDERR)] : [])];
        cmd.redirections.unshift(...ours);
        return;
      }
      case "FunctionDef":
      case "ArithmeticCommand":
      case "ConditionalCommand":
        return;
      default:
        break;
    }
    // A compound with redirections of its own sends its output elsewhere: leave it whole.
    if (cmd.redirections.length > 0) return;
    if (LOOPS.has(cmd.type)) loops++;
    switch (cmd.type) {
      case "If":
        for (const clause of cmd.clauses) {
          statements(clause.condition, reach);
          statements(clause.body, reach);
        }
        statements(cmd.elseBody, reach);
        return;
      case "While":
      case "Until":
        statements(cmd.condition, reach);
        statements(cmd.body, reach);
        return;
      case "Case":
        for (const item of cmd.items) statements(item.body, reach);
        return;
      default:
        statements(cmd.body, reach);
    }
  };
  statements(ast.statements, { out: true, err: true });
  return loops > 0;
}

/** A file system whose two live paths write to the terminal instead of a file. */
export class LiveOutputFs extends InMemoryFs {
  /** Where the live paths go for the line running now; null: nowhere (nothing should write there then). */
  sink: Sink | null = null;

  private live(path: string): Stream | null {
    return path === LIVE_STDOUT ? "stdout" : path === LIVE_STDERR ? "stderr" : null;
  }

  private deliver(stream: Stream, content: unknown): void {
    const text = typeof content === "string" ? content : content instanceof Uint8Array ? new TextDecoder().decode(content) : String(content);
    if (text) this.sink?.(text, stream);
  }

  override async appendFile(path: string, content: Parameters<InMemoryFs["appendFile"]>[1], options?: Parameters<InMemoryFs["appendFile"]>[2]): Promise<void> {
    const stream = this.live(path);
    if (stream) return this.deliver(stream, content);
    return super.appendFile(path, content, options);
  }

  override async writeFile(path: string, content: Parameters<InMemoryFs["writeFile"]>[1], options?: Parameters<InMemoryFs["writeFile"]>[2]): Promise<void> {
    const stream = this.live(path);
    if (stream) return this.deliver(stream, content);
    return super.writeFile(path, content, options);
  }
}
