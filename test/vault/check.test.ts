import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkVault } from "../../bin/check-vault.ts";

const root = mkdtempSync(join(tmpdir(), "labnotes-check-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function vault(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function run(dir: string, labs = join(root, "no-labs")): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = checkVault(dir, (l) => lines.push(l.replace(/^.*labnotes-check-[^/]+\//, "")), labs);
  return { code, lines };
}

describe("npm run check", () => {
  it("passes the bundled course", () => {
    const { code, lines } = run("content", "labs");
    expect(code).toBe(0);
    expect(lines.at(-1)).toMatch(/^check: \d+ notes, \d+ links, 0 broken, 0 warnings$/);
  });

  it("fails on unresolved links and dangling headings, listing file and line", () => {
    const dir = vault("broken", { "a.md": "# A\n\nsee [[Nowhere]]\n", "sub/b.md": "x\n[[a#No such heading]]\n" });
    expect(run(dir)).toEqual({
      code: 1,
      lines: [
        "broken/a.md:3: error: unresolved link [[Nowhere]]",
        'broken/sub/b.md:2: error: no heading "No such heading" in a.md for [[a#No such heading]]',
        "check: 2 notes, 2 links, 2 broken, 0 warnings",
      ],
    });
  });

  it("points at the broken entry of the course order", () => {
    const dir = vault("order", { "index.md": "---\ntitle: Home\norder:\n  - a\n  - Gone\n---\n", "a.md": "" });
    expect(run(dir).lines[0]).toBe('order/index.md:5: error: unresolved course order entry "Gone"');
  });

  it("warns about ambiguous links but passes", () => {
    const dir = vault("ambiguous", { "x/c.md": "", "y/c.md": "", "d.md": "[[c]]" });
    const { code, lines } = run(dir);
    expect(code).toBe(0);
    expect(lines[0]).toBe("ambiguous/d.md:1: warning: ambiguous link [[c]]: x/c.md, y/c.md; using x/c.md");
  });

  it("fails on malformed frontmatter with file and line", () => {
    const dir = vault("yaml", { "bad.md": "---\ntitle: [unclosed\n---\n" });
    const { code, lines } = run(dir);
    expect(code).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^yaml\/bad\.md:2: malformed frontmatter: /)]);
  });

  it("fails when two notes share a URL or a note takes a reserved one", () => {
    const dir = vault("urls", { "a b.md": "", "A-B.md": "", "tags.md": "", "x.md": "---\npermalink: /tags/\n---\n" });
    const { code, lines } = run(dir);
    expect(code).toBe(1);
    expect(lines.slice(0, -1)).toEqual([
      "urls/a b.md:1: error: same URL /a-b/ as A-B.md; set a different permalink",
      "urls/tags.md:1: error: the URL /tags/ is reserved for the site; rename the note or set a permalink",
      "urls/x.md:1: error: the URL /tags/ is reserved for the site; rename the note or set a permalink",
    ]);
  });

  it("checks lab links against the labs folder", () => {
    const labs = vault("labs", { "dns/lab.md": "---\ntitle: DNS\n---\n" });
    const dir = vault("withlabs", { "a.md": "[[lab:dns]] [[lab:gone]]" });
    const { code, lines } = run(dir, labs);
    expect(code).toBe(1);
    expect(lines[0]).toBe('withlabs/a.md:1: error: no lab "gone" for [[lab:gone]]');
  });
});
