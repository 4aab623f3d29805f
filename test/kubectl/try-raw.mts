// Dev helper: run one kubectl line (shell-split) against a fresh cluster, raw stdout/stderr/exit code.
import { harness } from "./harness.ts";
const h = harness();
const line = process.argv[2] ?? "";
const argv = (line.match(/'[^']*'|"[^"]*"|\S+/g) ?? []).map((w) => w.replace(/^['"]|['"]$/g, ""));
const r = await h.run(argv);
process.stdout.write(r.stdout);
process.stderr.write(r.stderr);
process.exitCode = r.code;
