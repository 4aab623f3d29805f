// `labnotes shell [--cluster FILE | --lab ID] [--seed N] [--at ISO-TIME] [--on NODE]`:
// the lab session in a real terminal, with line editing, Tab completion, history
// (Node's readline) and Ctrl-C / Ctrl-D as bash has them.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { createInterface, type Interface } from "node:readline";
import { createSession } from "../../src/shell/session.ts";
import { throttledYield } from "../../src/terminal/yielder.ts";
import { buildCluster, takeClusterOption, type ClusterChoice } from "./options.ts";

const USAGE = "usage: labnotes shell [--cluster FILE | --lab ID] [--seed N] [--at ISO-TIME] [--on NODE]\n";

/** kubectl edit / vi / nano in a TTY: the learner's real editor on a temporary file. */
async function editInTerminal(fileName: string, text: string, flavour: "vi" | "nano"): Promise<string | null> {
  const dir = mkdtempSync(join(tmpdir(), "labnotes-edit-"));
  const file = join(dir, basename(fileName));
  try {
    writeFileSync(file, text);
    const editor = process.env.VISUAL || process.env.EDITOR || flavour;
    const r = spawnSync(editor, [file], { stdio: "inherit", shell: true });
    if (r.status !== 0) return null;
    return readFileSync(file, "utf8");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(argv: string[]): Promise<number> {
  const choice: ClusterChoice = {};
  let onNode: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "-h" || argv[i] === "--help") {
      process.stdout.write(USAGE);
      return 0;
    }
    if (argv[i] === "--on") {
      onNode = argv[++i];
      continue;
    }
    const used = takeClusterOption(argv, i, choice);
    if (typeof used === "string" || used === 0) {
      process.stderr.write(`${typeof used === "string" ? used : `labnotes shell: unknown option "${argv[i]}"`}\n${USAGE}`);
      return 2;
    }
    i += used - 1;
  }
  const cluster = buildCluster(choice);
  if (typeof cluster === "string") {
    process.stderr.write(cluster + "\n");
    return 2;
  }
  /** Whether the terminal's cursor is at the start of a line (after ^C, bash starts a fresh one only if needed). */
  let atLineStart = true;
  const session = createSession({
    cluster,
    host: {
      write: (text, stream) => {
        if (!text) return;
        atLineStart = text.endsWith("\n");
        (stream === "stdout" ? process.stdout : process.stderr).write(text);
      },
      edit: editInTerminal,
      // In a terminal Ctrl-C can arrive (readline needs the event loop to see it): loops and ping run until it does.
      ...(process.stdin.isTTY ? { yieldToHost: throttledYield() } : {}),
    },
    ...(onNode ? { onNode } : {}),
  });

  let status = 0;
  let buffer: string | undefined;
  let running: AbortController | undefined;

  const open = (): Promise<"eof"> =>
    new Promise((resolve) => {
      const rl: Interface = createInterface({
        input: process.stdin,
        output: process.stdout,
        terminal: true,
        historySize: 1000,
        history: [...session.shellHistory()].reverse(),
        completer: (line: string) => {
          const c = session.complete(line, line.length);
          return [c.candidates.length ? c.candidates : [], line.slice(c.replaceFrom)];
        },
      });
      const prompt = () => {
        // ↑ walks the history of the shell the learner is in now (a pod shell has its own).
        (rl as unknown as { history: string[] }).history = [...session.shellHistory()].reverse();
        rl.setPrompt(buffer === undefined ? session.prompt() : "> ");
        rl.prompt();
      };
      rl.on("SIGINT", () => {
        if (running && !running.signal.aborted) {
          // The terminal's echo of the key; what the command prints as it stops (ping's statistics) follows.
          process.stdout.write("^C");
          atLineStart = false;
          running.abort();
        } else if (running) return;
        else {
          // bash: ^C abandons the line (and any open heredoc) and shows a fresh prompt
          buffer = undefined;
          process.stdout.write("^C\n");
          rl.write(null, { ctrl: true, name: "u" });
          prompt();
        }
      });
      // Lines can arrive faster than they run (paste, piped input): take them one at a time.
      const queue: string[] = [];
      let busy = false;
      let closed = false;
      const drain = async () => {
        if (busy) return;
        busy = true;
        while (queue.length) {
          const line = queue.shift()!;
          buffer = buffer === undefined ? line : `${buffer}\n${line}`;
          if (session.needsMoreInput(buffer)) {
            if (!closed) prompt();
            continue;
          }
          const text = buffer;
          buffer = undefined;
          running = new AbortController();
          status = await session.run(text, { signal: running.signal });
          if (running.signal.aborted && !atLineStart) process.stdout.write("\n");
          atLineStart = true;
          running = undefined;
          // `exit` on the workstation ends the session, as it closes a terminal.
          if (session.exited()) {
            process.stderr.write("exit\n");
            queue.length = 0;
            rl.close();
            break;
          }
          if (!closed) prompt();
        }
        busy = false;
        if (closed) resolve("eof");
      };
      rl.on("line", (line) => {
        queue.push(line);
        void drain();
      });
      rl.on("close", () => {
        closed = true;
        if (!busy) resolve("eof");
      });
      prompt();
    });

  for (;;) {
    await open();
    if (session.exited()) return status;
    // Ctrl-D: leave a nested shell, or end the session on the workstation (bash prints "exit").
    if (session.depth() === 0) {
      process.stdout.write("exit\n");
      return status;
    }
    process.stdout.write("\n");
    status = await session.endOfInput();
    // Piped input that has ended cannot be read again: leave every nested shell and stop.
    if (process.stdin.readableEnded || !process.stdin.isTTY) {
      while (session.depth() > 0) status = await session.endOfInput();
      process.stdout.write("exit\n");
      return status;
    }
  }
}
