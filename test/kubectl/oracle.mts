// Dev oracle: run the REAL kubectl against our API server and our kubectl in-process on
// the same cluster, and diff. Usage: npx tsx test/kubectl/oracle.mts 'get pods -A' 'describe svc kube-dns -n kube-system'
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
const run = promisify(execFile);
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCluster } from "../../src/cluster/index.ts";
import { kubeconfigYaml, startServer } from "../../src/server/index.ts";
import { harness } from "./harness.ts";

const cluster = createCluster(undefined, { seed: 1 });
cluster.settle();
const server = await startServer({ cluster, clock: "manual" });
const dir = mkdtempSync(join(tmpdir(), "oracle-"));
const kc = join(dir, "config");
writeFileSync(kc, kubeconfigYaml({ server: server.url }));
const h = harness(cluster);
const setup = process.env.SETUP ?? "";
for (const line of setup.split(";").filter(Boolean)) await h.run(line.trim().split(/\s+/));
cluster.settle();
function words(line: string): string[] {
  const out: string[] = [];
  let cur: string | null = null;
  let quote: string | null = null;
  for (const c of line) {
    if (quote) { if (c === quote) quote = null; else cur += c; }
    else if (c === "'" || c === '"') { quote = c; cur ??= ""; }
    else if (c === " ") { if (cur !== null) out.push(cur); cur = null; }
    else cur = (cur ?? "") + c;
  }
  if (cur !== null) out.push(cur);
  return out;
}
let same = 0;
for (const line of process.argv.slice(2)) {
  const argv = words(line);
  let real: { stdout: string; stderr: string; code: number };
  try {
    // Async: the API server runs in this process and must keep answering.
    const r = await run("/usr/bin/kubectl", ["--kubeconfig", kc, ...argv], { encoding: "utf8" });
    real = { stdout: r.stdout, stderr: r.stderr, code: 0 };
  } catch (e) {
    const err = e as { stdout: string; stderr: string; code: number };
    real = { stdout: err.stdout, stderr: err.stderr, code: err.code };
  }
  const ours = await h.run(argv);
  const fmt = (r: typeof real) => `${r.stdout}[stderr]${r.stderr}[exit ${r.code}]`;
  if (fmt(real) === fmt(ours)) { same++; console.log(`SAME  ${line}`); continue; }
  console.log(`DIFF  ${line}`);
  writeFileSync(join(dir, "real"), fmt(real));
  writeFileSync(join(dir, "ours"), fmt(ours));
  try { execFileSync("diff", [join(dir, "real"), join(dir, "ours")], { stdio: "inherit" }); } catch {}
}
await server.close();
console.log(`${same}/${process.argv.length - 2} identical`);
