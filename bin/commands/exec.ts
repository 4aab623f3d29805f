// `labnotes exec [--cluster FILE | --lab ID] [--seed N] [--at ISO-TIME] [--on NODE]
// [--transcript] (-- 'LINE' … | --script FILE)`: type lines into a session as a
// learner would (nested pod and node shells included) and exit with the last status.
import { readFileSync } from "node:fs";
import { createSession } from "../../src/shell/session.ts";
import { feedLines } from "../../src/shell/feed.ts";
import { buildCluster, takeClusterOption, type ClusterChoice } from "./options.ts";

const USAGE = "usage: labnotes exec [--cluster FILE | --lab ID] [--seed N] [--at ISO-TIME] [--on NODE] [--transcript] (-- 'LINE' … | --script FILE)\n";

export interface ExecOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

const stdio: ExecOutput = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
};

export async function run(argv: string[], io: ExecOutput = stdio): Promise<number> {
  const choice: ClusterChoice = {};
  let transcript = false;
  let onNode: string | undefined;
  let script: string | undefined;
  let lines: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      lines = argv.slice(i + 1);
      break;
    }
    if (a === "-h" || a === "--help") {
      io.stdout(USAGE);
      return 0;
    }
    if (a === "--transcript") {
      transcript = true;
      continue;
    }
    if (a === "--on" || a === "--script") {
      const v = argv[++i];
      if (v === undefined) return fail(io, `labnotes: ${a} needs a value`);
      if (a === "--on") onNode = v;
      else script = v;
      continue;
    }
    const used = takeClusterOption(argv, i, choice);
    if (typeof used === "string") return fail(io, used);
    if (used === 0) return fail(io, `labnotes exec: unknown option "${a}"\n${USAGE.trimEnd()}`);
    i += used - 1;
  }
  if (choice.clusterFile && choice.lab) return fail(io, "labnotes exec: give --cluster or --lab, not both");
  if (script !== undefined) {
    if (lines) return fail(io, "labnotes exec: give lines after -- or --script, not both");
    try {
      lines = readFileSync(script, "utf8").replace(/\n$/, "").split("\n");
    } catch {
      return fail(io, `labnotes exec: cannot read script "${script}"`);
    }
  }
  if (!lines) return fail(io, USAGE.trimEnd());
  const cluster = buildCluster(choice);
  if (typeof cluster === "string") return fail(io, cluster);
  if (onNode && !cluster.config.nodes.some((n) => n.name === onNode)) return fail(io, `labnotes exec: no node "${onNode}" in this cluster`);
  const session = createSession({
    cluster,
    // A transcript is what the terminal shows: both streams, in order, on stdout.
    host: { write: (text, stream) => (stream === "stdout" || transcript ? io.stdout(text) : io.stderr(text)) },
    ...(onNode ? { onNode } : {}),
  });
  return feed(session, lines, transcript, io);
}

/** Type the lines; with a transcript, echo each prompt and line as the terminal shows them. */
export function feed(session: ReturnType<typeof createSession>, lines: string[], transcript: boolean, io: ExecOutput): Promise<number> {
  return feedLines(session, lines, transcript ? { echo: (prompt, line) => io.stdout(`${prompt}${line}\n`) } : {});
}

function fail(io: ExecOutput, message: string): number {
  io.stderr(message + "\n");
  return 2;
}
