import { describe, expect, it } from "vitest";
import { resolveLink } from "../../src/vault/resolve.ts";
import type { VaultPath } from "../../src/vault/types.ts";
import { vaultOf } from "./helpers.ts";
import { createVault } from "../../src/vault/load.ts";

const vault = vaultOf({
  "index.md": "# Home",
  "K8s快速入门.md": "---\naliases: [Kubernetes 快速入门, K8s 入门]\n---\n# K8s 快速入门\n\n## 📦 Pod\n\nPods. ^pod-def\n\n## Service\n\n### Sub Heading\n",
  "K8s网络原理.md": "# K8s 网络原理\n\n## 🌐 网络模型\n\ntext\n\n## 🔀 kube-proxy 模式\n",
  "Notes/Alpha.md": "# Alpha\n\n## Setup: part 1\n",
  "Notes/deep/Alpha.md": "# Deep alpha",
  "Other/Beta.md": "# Beta in Other",
  "Zeta/Beta.md": "# Beta in Zeta",
  "Notes/Gamma.md": "# Gamma",
  "Gamma.md": "# Root gamma",
  "img/diagram.png": null,
  "diagram.md": "# A note called diagram",
  "files/report.pdf": null,
});

type Row = [from: string, link: string, expected: string | null, anchor?: string, warning?: string];

// from, link text, expected vault path (null = unresolved), expected anchor, expected warning
const table: Row[] = [
  ["index.md", "K8s快速入门", "K8s快速入门.md"],
  ["index.md", "k8s快速入门", "K8s快速入门.md"], // case-insensitive
  ["index.md", "K8S快速入门.md", "K8s快速入门.md"], // extension allowed for notes
  ["index.md", "K8s网络原理#🌐 网络模型", "K8s网络原理.md", "-网络模型"], // emoji + CJK heading
  ["index.md", "K8s网络原理#🔀 KUBE-PROXY 模式", "K8s网络原理.md", "-kube-proxy-模式"], // heading case
  ["index.md", "K8s网络原理#没有这一节", "K8s网络原理.md", undefined, "missing-heading"],
  ["index.md", "K8s快速入门#Service#Sub Heading", "K8s快速入门.md", "sub-heading"], // nested heading path
  ["index.md", "K8s快速入门#Sub Heading", "K8s快速入门.md", "sub-heading"],
  ["index.md", "K8s快速入门#^pod-def", "K8s快速入门.md", "^pod-def"], // block reference
  ["index.md", "K8s快速入门#^nope", "K8s快速入门.md", undefined, "missing-block"],
  ["K8s网络原理.md", "#🌐 网络模型", "K8s网络原理.md", "-网络模型"], // same-note heading
  ["index.md", "Kubernetes 快速入门", "K8s快速入门.md"], // alias
  ["index.md", "k8s 入门", "K8s快速入门.md"], // alias, case-insensitive
  ["index.md", "Alpha", "Notes/Alpha.md", undefined, "ambiguous"], // two match: nearest the root wins, warned
  ["index.md", "deep/Alpha", "Notes/deep/Alpha.md"], // partial path
  ["index.md", "Notes/deep/alpha", "Notes/deep/Alpha.md"],
  ["index.md", "Notes/Alpha#Setup: part 1", "Notes/Alpha.md", "setup-part-1"], // heading with a colon
  ["index.md", "Beta", "Other/Beta.md", undefined, "ambiguous"], // tie at the same depth: alphabetical, warned
  ["index.md", "Gamma", "Gamma.md"], // exact root path beats Notes/Gamma
  ["Notes/Alpha.md", "./Gamma", "Notes/Gamma.md"], // relative path
  ["Notes/deep/Alpha.md", "../Gamma", "Notes/Gamma.md"],
  ["index.md", "/Notes/Gamma", "Notes/Gamma.md"], // absolute vault path
  ["index.md", "diagram", "diagram.md"], // a note, not the image
  ["index.md", "diagram.png", "img/diagram.png"], // non-Markdown needs its extension
  ["index.md", "img/diagram.png", "img/diagram.png"],
  ["index.md", "report", null], // a PDF is not found without ".pdf"
  ["index.md", "report.pdf", "files/report.pdf"],
  ["index.md", "Missing note", null],
  ["index.md", "Alpha/", null],
];

describe("resolveLink", () => {
  it.each(table)("from %s, [[%s]] → %s", (from, link, expected, anchor, warning) => {
    const res = resolveLink(vault, from as VaultPath, link);
    if (expected === null) {
      expect(res.kind).toBe("unresolved");
      return;
    }
    const path = res.kind === "note" ? res.note.path : res.kind === "attachment" ? res.attachment.path : null;
    expect(path).toBe(expected);
    if (res.kind === "note") {
      expect(res.anchor).toBe(anchor);
      expect(res.warning).toBe(warning);
    }
  });

  it("reports both candidates of a tie", () => {
    const res = resolveLink(vault, "index.md" as VaultPath, "Beta");
    expect(res.kind === "note" && res.candidates).toEqual(["Other/Beta.md", "Zeta/Beta.md"]);
  });

  it("collects warnings with file and line for the build and the checker", () => {
    const v = vaultOf({ "a.md": "x\n\nsee [[nowhere]] and [[b#gone]]\n", "b.md": "# B", "x/c.md": "", "y/c.md": "", "d.md": "[[c]]" });
    expect(v.warnings.map((w) => [w.file, w.line, w.kind])).toEqual([
      ["a.md", 3, "unresolved"],
      ["a.md", 3, "missing-heading"],
      ["d.md", 1, "ambiguous"],
    ]);
  });

  it("reports lab links to labs that do not exist, when the labs are known", () => {
    const files = [{ path: "a.md", source: "[[lab:dns]]\n\n![[lab:nope]]" }];
    expect(createVault("/v", files).warnings).toEqual([]);
    const checked = createVault("/v", files, { labIds: new Set(["dns"]) });
    expect(checked.warnings.map((w) => [w.line, w.kind, w.message])).toEqual([[3, "unresolved", 'no lab "nope" for [[lab:nope]]']]);
  });

  it("records backlinks with the linking sentence", () => {
    const v = vaultOf({
      "a.md": "# A\n\nFirst sentence. Read [[b]] before the lab. Another one.\n",
      "b.md": "# B\n\nLinks back: [[a|A note]]",
    });
    expect(v.backlinks.get("b.md" as VaultPath)).toEqual([{ from: "a.md", line: 3, context: "Read b before the lab." }]);
    expect(v.backlinks.get("a.md" as VaultPath)?.[0].context).toBe("Links back: A note");
    const zh = vaultOf({ "甲.md": "第一句。先读 [[乙]] 再做实验！最后一句。", "乙.md": "" });
    expect(zh.backlinks.get("乙.md" as VaultPath)?.[0].context).toBe("先读 乙 再做实验！");
  });

  it("follows the home note's order, then the rest by path", () => {
    const v = vaultOf({ "index.md": "---\norder: [C, \"[[a]]\"]\n---\n", "a.md": "", "b.md": "", "sub/c.md": "" });
    expect(v.order).toEqual(["sub/c.md", "a.md", "b.md"]);
    expect(v.outline).toEqual(["sub/c.md", "a.md"]);
  });
});
