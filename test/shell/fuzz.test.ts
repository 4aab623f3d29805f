// Whatever a learner types ends in a shell error at worst: never an exception,
// never a broken session, never a changed cluster.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { basics, fakeCluster, pod } from "./fake-cluster.ts";
import { record } from "./helpers.ts";

const shellish = fc.constantFrom("echo", "kubectl", "ssh", "cat", "cd", "export", "curl", "|", "&&", ";", "<<EOF", "'", '"', "$(", "`", "${", "\\", "(", ")", "{", "}", ">", "<", "*", "~", "$", "!", "#", "\n", "\t", "\u0000", "\u001b[A", "\u0003", "\u0004", "exit", "if", "then", "fi", "for", "do", "done");

const line = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 3, arbitrary: fc.array(shellish, { maxLength: 12 }).map((w) => w.join(" ")) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 60 }).map((b) => String.fromCharCode(...b)) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 500, max: 4_000 }).map((n) => "echo " + "x".repeat(n)) },
  { weight: 1, arbitrary: fc.constantFrom("echo 'open", 'echo "open', "cat <<EOF", "$((1/0))", "exit", "exit 300", "ssh worker1", "exit") },
);

describe("any input", () => {
  it.each([
    ["a 300,000-character word", "x".repeat(300_000)],
    ["a 100,000-character echo", "echo " + "y".repeat(100_000)],
    ["100,000 nested quotes", "'\"".repeat(50_000)],
  ])("survives %s", async (_name, text) => {
    const r = record(fakeCluster(basics()));
    const code = await r.session.run(text);
    expect(Number.isInteger(code)).toBe(true);
    r.clear();
    await r.session.run("echo ok");
    expect(r.out()).toBe("ok\n");
  }, 60_000);

  it("never throws and leaves the session and cluster usable (≥10,000 lines)", async () => {
    const cluster = fakeCluster([...basics(), pod("tmp", "nicolaka/netshoot")]);
    const before = JSON.stringify(cluster.snapshot());
    const r = record(cluster);
    let lines = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 4, maxLength: 4 }), async (batch) => {
        for (const l of batch) {
          lines++;
          const code = await r.session.run(l);
          expect(Number.isInteger(code)).toBe(true);
          expect(typeof r.session.prompt()).toBe("string");
          r.session.needsMoreInput(l);
          r.session.complete(l, Math.min(l.length, 7));
        }
        // back to the workstation, whatever happened
        while (r.session.depth() > 0) await r.session.run("exit");
        r.clear();
        await r.session.run("echo still-here");
        expect(r.out()).toBe("still-here\n");
      }),
      { numRuns: 2_500, seed: 42 },
    );
    expect(lines).toBeGreaterThanOrEqual(10_000);
    expect(JSON.stringify(cluster.snapshot())).toBe(before);
  }, 240_000);
});
