// Conformance: our kubectl against the real kubectl v1.32 on the same emulated state.
// Every command runs as its own test; the last test holds the line at the target rate
// (CONFORMANCE_MIN, default 0.95) and lists each differing command with its diff.
// CONFORMANCE_STRICT=1 makes every single difference fail its own test.
// Skipped, with a visible notice, where /usr/bin/kubectl is not installed.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CASES } from "./cases.ts";
import { REAL_KUBECTL, startOracle, type Oracle, type Outcome } from "./harness.ts";
import { normalise } from "./allowed.ts";

const haveKubectl = existsSync(REAL_KUBECTL);
if (!haveKubectl) console.warn(`\n*** conformance: SKIPPED — ${REAL_KUBECTL} not found (set REAL_KUBECTL to a kubectl v1.32) ***\n`);

const STRICT = process.env.CONFORMANCE_STRICT === "1";
const MIN_RATE = Number(process.env.CONFORMANCE_MIN ?? "0.95");
const scenario = readFileSync(fileURLToPath(new URL("./scenario.yaml", import.meta.url)), "utf8");

function render(o: Outcome): string {
  return `exit ${o.code}\n--- stdout\n${o.stdout}--- stderr\n${o.stderr}`;
}

/** The first differing lines, enough to see the cause. */
function briefDiff(a: string, b: string): string {
  const x = a.split("\n");
  const y = b.split("\n");
  const i = x.findIndex((line, k) => line !== y[k]);
  const at = i < 0 ? x.length : i;
  return `  real: ${JSON.stringify(x.slice(at, at + 2).join("\n"))}\n  ours: ${JSON.stringify(y.slice(at, at + 2).join("\n"))}`;
}

describe.skipIf(!haveKubectl)("conformance with the real kubectl", () => {
  let oracle: Oracle;
  const results: { cmd: string; pass: boolean; real: string; ours: string }[] = [];
  beforeAll(async () => {
    oracle = await startOracle(scenario);
  });
  afterAll(async () => {
    await oracle?.close();
    const report = process.env.CONFORMANCE_REPORT;
    if (report) writeFileSync(report, JSON.stringify(results, null, 2));
  });

  // Sequential on purpose: each command sees the state the previous ones left.
  for (const c of CASES) {
    it(`kubectl ${c.cmd}`, async () => {
      const { real, ours } = await oracle.run(c);
      const a = render(normalise(c.cmd, real));
      const b = render(normalise(c.cmd, ours));
      results.push({ cmd: c.cmd, pass: a === b, real: a, ours: b });
      // Whatever the output, the real kubectl must have finished and ours must not throw.
      expect(real.code, `real kubectl did not finish: ${real.stderr}`).toBeGreaterThanOrEqual(0);
      expect(ours.stderr).not.toContain("[uncaught]");
      if (STRICT) expect(b).toBe(a);
    });
  }

  it(`at least ${MIN_RATE * 100}% of the commands print exactly what the real kubectl prints`, () => {
    const passed = results.filter((r) => r.pass).length;
    const rate = passed / Math.max(1, results.length);
    const differing = results.filter((r) => !r.pass);
    console.log(`\nconformance: ${passed}/${results.length} commands identical (${(100 * rate).toFixed(1)}%)`);
    if (differing.length) console.log(differing.map((r) => `kubectl ${r.cmd}\n${briefDiff(r.real, r.ours)}`).join("\n"));
    expect(results.length).toBe(CASES.length);
    expect(rate, `differing: ${differing.map((r) => r.cmd).join(" | ")}`).toBeGreaterThanOrEqual(MIN_RATE);
  });
});
