// The session: one learner's workstation shell with its nested pod and node shells.
// The terminal (browser) and bin/labnotes (Node) drive it through this interface only.
import type { ClusterSnapshot } from "../cluster/index.ts";

export type Stream = "stdout" | "stderr";

/** What the host (xterm page, TTY, headless runner) provides to the session. */
export interface SessionHost {
  /** Output as it is produced. Text uses "\n"; the terminal converts to CRLF. */
  write(text: string, stream: Stream): void;
  /** Full-screen editor (kubectl edit, vi, nano). Resolves to the saved text or null on quit without saving. */
  edit?(fileName: string, text: string, flavour: "vi" | "nano"): Promise<string | null>;
  /**
   * Lets the host's event loop run for a moment (the browser worker: so Ctrl-C can arrive).
   * When given, loops run until interrupted; without it they end at the execution limits.
   */
  yieldToHost?(): Promise<void>;
  /**
   * Where Ctrl-C can arrive (yieldToHost given), time a command spends waiting (sleep, ping's
   * interval) also passes for real, so a loop prints at its real pace; this waits `ms` or until
   * `signal` aborts. Default: a timer. Tests pass one that returns at once.
   */
  wait?(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface Completion {
  /** Text that replaces the word under the cursor (the common prefix of all candidates). */
  replaceFrom: number;
  replacement: string;
  /** All candidates, for the list a double Tab shows. */
  candidates: string[];
}

/** Everything needed to resume a session exactly: files, env, cwd, history, nesting. */
export interface SessionState {
  version: number;
  cluster: ClusterSnapshot;
  [field: string]: unknown;
}

export interface Session {
  /** The prompt of the shell the learner is in now ("$ " on the workstation, "tmp:~# " in netshoot). */
  prompt(): string;
  /** True while a heredoc or an open quote waits for more lines (the terminal shows "> "). */
  needsMoreInput(buffered: string): boolean;
  /** Run one line (or a multi-line buffer) as typed. Resolves to its exit status. */
  run(line: string, opts?: { signal?: AbortSignal }): Promise<number>;
  complete(line: string, cursor: number): Completion;
  /** Every line the learner ran, in every shell, in order (lab checks read it). */
  history(): readonly string[];
  /**
   * The history of the shell the learner is in now, as that shell keeps it (↑, Ctrl-R):
   * a pod's shell lists only lines typed in it. Absent: use history().
   */
  shellHistory?(): readonly string[];
  /** Depth of nesting: 0 on the workstation. Ctrl-D at depth > 0 leaves the nested shell. */
  depth(): number;
  state(): SessionState;
  /** Ctrl-D: in a nested shell, print "exit" and leave it (as bash does); on the workstation, nothing. */
  endOfInput?(): Promise<number>;
  /** Resolves once a session created from saved state has restored its files. */
  ready?(): Promise<void>;
  /** state(), after re-reading the learner's files (state() keeps the copy taken after the last line). */
  saveState?(): Promise<SessionState>;
}
