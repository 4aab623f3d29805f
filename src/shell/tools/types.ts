// The shape every network tool shares: it reads its arguments and the machine it
// runs on, asks the cluster, and writes exactly what the real tool prints.
import type { Cluster, Source } from "../../cluster/index.ts";
import type { ToolFlavour } from "../../cluster/index.ts";

export interface ToolIo {
  args: string[];
  stdin: string;
  env: Readonly<Record<string, string>>;
  cwd: string;
  out(text: string): void;
  err(text: string): void;
  readFile(path: string): Promise<string | undefined>;
  writeFile(path: string, content: string): Promise<void>;
  signal?: AbortSignal;
}

/** The machine a tool runs on. */
export interface ToolHost {
  cluster: Cluster;
  where: Source;
  hostname: string;
  /** Which implementation each tool is here (BIND or BusyBox nslookup…); absent means the usual one. */
  flavours: Readonly<Record<string, ToolFlavour>>;
  /**
   * Present when the learner can press Ctrl-C (the browser, a TTY): let `ms` pass on
   * the cluster clock and in real time, or less if `signal` aborts first. A tool that
   * never ends by itself (ping without -c) then runs at its real pace until Ctrl-C.
   * Absent (headless runs): such a tool stops after ENDLESS_TOOL_LIMIT_MS, as if interrupted.
   */
  pace?(ms: number, signal?: AbortSignal): Promise<void>;
}

/** How long, in virtual time, a never-ending tool runs in a headless session before it stops as if Ctrl-C was pressed. */
export const ENDLESS_TOOL_LIMIT_MS = 10_000;

/** Resolves to the exit status. */
export type Tool = (io: ToolIo, host: ToolHost) => Promise<number> | number;
