import { describe, expect, it } from "vitest";
import { insertAfterHeadings, labBoxHtml, labBoxesByNote, labNoteLinkProblems, type LabRef } from "../../src/vault/lab-boxes.ts";
import { renderMarkdown } from "../../src/vault/markdown/render.ts";
import { vaultOf } from "./helpers.ts";

const note = "# Net\n\n## Service\n\n### ClusterIP（默认）\n\ntext\n\n### NodePort\n\nmore\n\n## DNS\n";
const vault = vaultOf({ "Net.md": note, "Other.md": "# Other\n" });

function lab(id: string, ...notes: string[]): LabRef {
  return { id, title: `Lab ${id}`, minutes: 10, steps: 3, notes };
}

describe("labBoxesByNote", () => {
  it.each([
    ["a heading of a note", lab("a", "[[Net#ClusterIP（默认）]]"), "Net.md", "clusterip默认"],
    ["a nested heading path", lab("b", "[[Net#Service#NodePort]]"), "Net.md", "nodeport"],
  ])("places a lab under %s", (_, ref, path, anchor) => {
    const boxes = labBoxesByNote(vault, [ref]);
    expect([...boxes.keys()]).toEqual([path]);
    expect(boxes.get(path as never)?.get(anchor)?.map((l) => l.id)).toEqual([ref.id]);
  });

  it.each([
    ["no notes", lab("c")],
    ["a missing note", lab("d", "[[Nope#DNS]]")],
    ["a missing heading", lab("e", "[[Net#Ingress]]")],
    ["a whole-note link (no section)", lab("f", "[[Other]]")],
  ])("places no box for %s", (_, ref) => {
    expect(labBoxesByNote(vault, [ref]).size).toBe(0);
  });

  it("uses only the first linked section, and groups labs that share it", () => {
    const boxes = labBoxesByNote(vault, [lab("x", "[[Net#DNS]]", "[[Net#NodePort]]"), lab("y", "[[Net#DNS]]")]).get("Net.md" as never)!;
    expect([...boxes.keys()]).toEqual(["dns"]);
    expect(boxes.get("dns")!.map((l) => l.id)).toEqual(["x", "y"]);
  });
});

describe("labBoxHtml", () => {
  it("links each lab under the base with its step count, and fills in the minutes", () => {
    const html = labBoxHtml([lab("kube-proxy"), { ...lab("dns"), minutes: 25, title: "A <b> & c" }], { heading: "动手实验", minutes: "约 {n} 分钟" }, "/course/");
    expect(html).toContain('href="/course/labs/kube-proxy/"');
    expect(html).toContain('data-lab-steps="3"');
    expect(html).toContain("约 25 分钟");
    expect(html).toContain("A &#x3C;b> &#x26; c");
    expect(html).toContain("动手实验");
    expect(html.match(/class="internal lab-link"/g)).toHaveLength(2);
  });
});

describe("insertAfterHeadings", () => {
  it("puts the box right after the rendered heading it targets", async () => {
    const { html } = await renderMarkdown(vault, note, "Net.md" as never);
    const out = insertAfterHeadings(html, new Map([["clusterip默认", "<aside>BOX</aside>"]]));
    expect(out.missing).toEqual([]);
    expect(out.html).toMatch(/<h3 id="clusterip默认"[^]*?<\/h3><aside>BOX<\/aside>\s*<p>text<\/p>/);
    expect(out.html.replace("<aside>BOX</aside>", "")).toBe(html);
  });

  it("reports an anchor that is not on the page and leaves the page alone", () => {
    const page = '<h2 id="dns">DNS</h2><p>x</p>';
    expect(insertAfterHeadings(page, new Map([["dn", "BOX"]]))).toEqual({ html: page, missing: ["dn"] });
  });

  it("matches the id exactly, with characters that need escaping", () => {
    const page = '<h2 id="a&#x26;b">A&#x26;B</h2><h2 id="a.b">x</h2>';
    expect(insertAfterHeadings(page, new Map([["a&b", "[1]"], ["a.b", "[2]"]])).html).toBe('<h2 id="a&#x26;b">A&#x26;B</h2>[1]<h2 id="a.b">x</h2>[2]');
  });
});

describe("labNoteLinkProblems", () => {
  it.each([
    ["a section that exists", lab("ok", "[[Net#DNS]]", "Net#NodePort"), []],
    ["a whole note", lab("ok", "Other"), []],
    ["a note of another course (not in this vault)", lab("ok", "[[Elsewhere#DNS]]"), []],
    ["a missing section", lab("bad", "[[Net#DNS]]", "[[Net#Ingress]]"), ["labs/bad/lab.md: notes: [[Net#Ingress]]: Net.md has no such section"]],
    ["a missing block", lab("bad", "Net#^nope"), ["labs/bad/lab.md: notes: [[Net#^nope]]: Net.md has no such section"]],
  ])("reports %s correctly", (_, ref, expected) => {
    expect(labNoteLinkProblems(vault, [ref])).toEqual(expected);
  });
});
