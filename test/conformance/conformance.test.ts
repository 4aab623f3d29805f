// Conformance: our kubectl against the real kubectl v1.32 on the same emulated state.
// Each command is one test; the summary prints the pass count. Skipped, with a visible
// notice, where /usr/bin/kubectl is not installed.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CASES } from "./cases.ts";
import { REAL_KUBECTL, startOracle, type Oracle, type Outcome } from "./harness.ts";
import { normalise } from "./allowed.ts";

const haveKubectl = existsSync(REAL_KUBECTL);
if (!haveKubectl) console.warn(`\n*** conformance: SKIPPED — ${REAL_KUBECTL} not found (set REAL_KUBECTL to a kubectl v1.32) ***\n`);

const scenario = readFileSync(fileURLToPath(new URL("./scenario.yaml", import.meta.url)), "utf8");

function render(o: Outcome): string {
  return `exit ${o.code}\n--- stdout\n${o.stdout}--- stderr\n${o.stderr}`;
}

describe.skipIf(!haveKubectl)("conformance with the real kubectl", () => {
  let oracle: Oracle;
  const results: { cmd: string; pass: boolean; real: string; ours: string }[] = [];
  beforeAll(async () => {
    oracle = await startOracle(scenario);
  });
  afterAll(async () => {
    await oracle?.close();
    const passed = results.filter((r) => r.pass).length;
    console.log(`\nconformance: ${passed}/${results.length} commands identical (${((100 * passed) / Math.max(1, results.length)).toFixed(1)}%)`);
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
      expect(b).toBe(a);
    });
  }
});
