// The bundled labs: every lab file is valid, and `labnotes check` proves each
// step's check fails before its solution and passes after it.
import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

  it("refuses an unknown lab id before replaying anything, naming the labs there are", async () => {
    const lines: string[] = [];
    const code = await run(["no-such-lab", ids[0]], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    expect(code).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^labnotes check: no lab "no-such-lab" in \/.*\/labs \(labs: .*\)$/);
    expect(lines[0]).toContain(ids[0]);
  });
});

describe("labnotes check catches labs that prove nothing", () => {
  const lab = (check: string, solution: string) =>
    `---\ntitle: t\nsummary: s\nminutes: 5\nsteps:\n  - { id: only, title: t, check: ${check}, hint: h, solution: "${solution}" }\n---\n`;

  async function checkLab(md: string) {
    const dir = mkdtempSync(join(tmpdir(), "labnotes-check-"));
    mkdirSync(join(dir, "demo"));
    writeFileSync(join(dir, "demo", "lab.md"), md);
    writeFileSync(join(dir, "demo", "cluster.yaml"), "");
    const lines: string[] = [];
    const code = await run(["--dir", dir, "demo"], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    return { code, text: lines.join("\n") };
  }

  it.each([
    ["{ exists: namespaces/default }", "kubectl get ns", "✗ demo: step only: check already passes before its solution"],
    ["{ exists: deployments/web }", "kubectl get pods", "✗ demo: step only: check fails after its solution: no deployments/web"],
    ["{ exists: deployments/web }", "kubectl create deployment web --image=nginx", "✓ demo: 1 steps"],
  ])("%s solved by %s", async (check, solution, expected) => {
    const r = await checkLab(lab(check, solution));
    expect(r.text).toContain(expected);
    expect(r.code).toBe(expected.startsWith("✓") ? 0 : 1);
  });
});
