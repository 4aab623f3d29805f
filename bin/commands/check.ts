// `labnotes check [--dir DIR] [LAB…]`: replays every lab's solutions on a fresh
// cluster and proves each step's check fails before its solution and passes
// after it. Exit 1 names the lab, the step and the reason. The labs are the
// package's own (wherever it is run from) unless --dir names another folder.
import { join } from "node:path";
import { DEFAULT_LABS_DIR, listLabIds, loadLab } from "../../src/labs/load.ts";
import { formatLabError } from "../../src/labs/format.ts";
import { replayLab } from "../../src/labs/replay.ts";
import { startLabSession } from "../../src/labs/runtime.ts";
import { PACKAGE_ROOT } from "./options.ts";

const USAGE = "usage: labnotes check [--dir DIR] [--verbose] [LAB…]\n";
const TRANSCRIPT_TAIL = 25;

export interface CheckOutput {
  out(line: string): void;
  err(line: string): void;
}

const stdio: CheckOutput = {
  out: (l) => process.stdout.write(l + "\n"),
  err: (l) => process.stderr.write(l + "\n"),
};

export async function run(argv: string[], io: CheckOutput = stdio): Promise<number> {
  let dir = join(PACKAGE_ROOT, DEFAULT_LABS_DIR);
  let verbose = false;
  const ids: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-h" || a === "--help") {
      io.out(USAGE.trimEnd());
      return 0;
    }
    if (a === "-v" || a === "--verbose") verbose = true;
    else if (a === "--dir") dir = argv[++i] ?? "";
    else if (a.startsWith("--dir=")) dir = a.slice("--dir=".length);
    else if (a.startsWith("-")) {
      io.err(`labnotes check: unknown flag ${a}\n${USAGE.trimEnd()}`);
      return 2;
    } else ids.push(a);
  }
  const known = listLabIds(dir);
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length) {
    io.err(`labnotes check: no lab ${unknown.map((id) => `"${id}"`).join(", ")} in ${dir}${known.length ? ` (labs: ${known.join(", ")})` : ""}`);
    return 2;
  }
  const labs = ids.length ? ids : known;
  if (labs.length === 0) {
    io.err(`labnotes check: no labs found in ${dir}`);
    return 1;
  }
  let failed = 0;
  for (const id of labs) {
    const loaded = loadLab(id, dir);
    if (!loaded.ok) {
      failed++;
      for (const e of loaded.errors) io.err(`✗ ${formatLabError(e)}`);
      continue;
    }
    const { lab, clusterYaml } = loaded.value;
    let transcript = "";
    try {
      const result = await replayLab(lab, async () => {
        const started = await startLabSession(clusterYaml, { write: (text) => void (transcript += text) });
        return { session: started.session, cluster: started.cluster, transcript: () => transcript };
      });
      if (result.ok) {
        io.out(`✓ ${id}: ${result.steps} steps`);
        // --verbose: the whole transcript, for authors reading what their solutions print.
        if (verbose) for (const line of transcript.trimEnd().split("\n")) io.out(`    | ${line}`);
      }
      else {
        failed++;
        io.err(`✗ ${id}: step ${result.failure.step}: ${result.failure.reason}`);
        const tail = result.failure.transcript.trimEnd().split("\n").slice(-TRANSCRIPT_TAIL);
        for (const line of tail) io.err(`    | ${line}`);
      }
    } catch (e) {
      failed++;
      io.err(`✗ ${id}: ${(e as Error).message}`);
    }
  }
  io.out(`labnotes check: ${labs.length - failed} of ${labs.length} labs pass`);
  return failed ? 1 : 0;
}
