import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { siteLabs } from "../../src/labs/site.ts";

function labsDir(labs: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "labnotes-labs-"));
  for (const [id, md] of Object.entries(labs)) {
    mkdirSync(join(dir, id));
    writeFileSync(join(dir, id, "lab.md"), md);
    writeFileSync(join(dir, id, "cluster.yaml"), "");
  }
  return dir;
}

const ok = "---\ntitle: t\nsummary: s\nminutes: 5\nsteps:\n  - { id: a, title: t, check: { ran: x }, hint: h, solution: ls }\n---\nbody\n";

describe("labs for the site build", () => {
  it("loads valid labs with their source", () => {
    const labs = siteLabs(labsDir({ one: ok }));
    expect(labs.map((l) => l.lab.id)).toEqual(["one"]);
    expect(labs[0].source).toBe(ok);
  });

  it("fails the build naming the file, the step and the reason", () => {
    const bad = ok.replace("check: { ran: x }", "check: { ran: '(' }");
    const dir = labsDir({ one: ok, two: bad });
    expect(() => siteLabs(dir)).toThrow(/two\/lab\.md: step a: check\.ran: invalid regular expression/);
  });
});
