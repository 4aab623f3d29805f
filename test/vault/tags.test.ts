import { describe, expect, it } from "vitest";
import { findTags, frontmatterTags, tagAncestors } from "../../src/vault/tags.ts";
import type { TagName } from "../../src/vault/types.ts";
import { vaultOf } from "./helpers.ts";

describe("findTags", () => {
  it.each<[string, string[]]>([
    ["#K8s #网络", ["K8s", "网络"]],
    ["text #Service and #Ingress.", ["Service", "Ingress"]],
    ["nested #a/b/c tag", ["a/b/c"]],
    ["#under_score #dash-ed #数字2", ["under_score", "dash-ed", "数字2"]],
    ["#123 is not a tag but #1a is", ["1a"]],
    ["#2024/10 all digits", []],
    ["a#b is not a tag", []],
    ["http://x.io/#frag", []],
    ["# heading-like", []],
    ["（#中文括号）", ["中文括号"]],
    ["trailing slash #a/ here", ["a"]],
    ["#Кубер and #ελληνικά", ["Кубер", "ελληνικά"]],
  ])("%s", (text, expected) => {
    expect(findTags(text).map((t) => t.tag)).toEqual(expected);
  });
});

describe("frontmatter tags", () => {
  it.each<[unknown, string[]]>([
    [["K8s", "#网络"], ["K8s", "网络"]],
    ["a, b c", ["a", "b", "c"]],
    [["2024", "ok/nested"], ["ok/nested"]],
    [undefined, []],
    [{ not: "a list" }, []],
  ])("%j", (value, expected) => {
    expect(frontmatterTags(value)).toEqual(expected);
  });
});

it("nested tags belong to their parents", () => {
  expect(tagAncestors("a/b/c" as TagName)).toEqual(["a", "a/b", "a/b/c"]);
});

describe("tags in notes", () => {
  const vault = vaultOf({
    "a.md": "---\ntags: [fm]\n---\nText #inline and `#code` and\n\n```\n#fenced\n```\n\n#k8s/dns\n",
    "b.md": "#K8s #inline",
  });
  it("never reads tags inside code, merges frontmatter and inline tags", () => {
    expect(vault.notes.get("a.md" as never)!.tags).toEqual(["fm", "inline", "k8s/dns"]);
  });
  it("groups tags case-insensitively and lists nested tags under their parents", () => {
    expect(vault.tags.get("k8s" as TagName)).toEqual(["a.md", "b.md"]);
    expect(vault.tags.get("k8s/dns" as TagName)).toEqual(["a.md"]);
    expect(vault.notes.get("b.md" as never)!.tags).toEqual(["k8s", "inline"]);
  });
});
