// The bundled labs: every lab file is valid, and `labnotes check` proves each
// step's check fails before its solution and passes after it.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { listLabIds, loadLab } from "../../src/labs/load.ts";
import { formatLabError } from "../../src/labs/format.ts";
import { run } from "../../bin/commands/check.ts";

const ids = listLabIds();

describe("bundled labs", () => {
  it("there are at least ten", () => {
    expect(ids.length).toBeGreaterThanOrEqual(10);
  });

  it.each(ids)("%s parses", (id) => {
    const r = loadLab(id);
    expect(r.ok ? [] : r.errors.map(formatLabError)).toEqual([]);
  });

  // Headings of the course note, so a lab's "notes" links do not rot.
  const note = readFileSync("content/K8s网络原理.md", "utf8");
  const headings = new Set([...note.matchAll(/^#{1,6}\s+(.+?)\s*$/gm)].map((m) => m[1]));
  it.each(ids)("%s links to sections that exist", (id) => {
    const r = loadLab(id);
    if (!r.ok) return;
    for (const target of r.value.lab.notes) {
      const [file, heading] = target.split("#");
      expect(file).toBe("K8s网络原理");
      if (heading) expect(headings, `${id}: #${heading}`).toContain(heading);
    }
  });
});

describe("labnotes check", () => {
  it.each(ids)("%s: every step fails before its solution and passes after", async (id) => {
    const lines: string[] = [];
    const code = await run([id], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    expect(lines.join("\n")).toContain(`✓ ${id}:`);
    expect(code).toBe(0);
  });

  it("names the lab and the reason when a lab does not exist", async () => {
    const lines: string[] = [];
    const code = await run(["no-such-lab"], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    expect(code).toBe(1);
    expect(lines[0]).toBe('✗ labs/no-such-lab/lab.md: no such lab "no-such-lab"');
  });
});
