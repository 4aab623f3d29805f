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
}

/** Resolves to the exit status. */
export type Tool = (io: ToolIo, host: ToolHost) => Promise<number> | number;
