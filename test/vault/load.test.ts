import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gitDates } from "../../src/vault/git.ts";
import { loadVault } from "../../src/vault/load.ts";
import { noteHref, noteSlugFromPath, reservedSlug } from "../../src/vault/slug.ts";
import type { NoteSlug, VaultPath } from "../../src/vault/types.ts";
import { vaultOf } from "./helpers.ts";

describe("note URLs", () => {
  it.each<[string, string]>([
    ["K8s网络原理.md", "K8s网络原理"],
    ["Sub Folder/My Note.md", "Sub-Folder/My-Note"],
    ["a/b.MD", "a/b"],
  ])("%s → %s", (path, slug) => {
    expect(noteSlugFromPath(path as VaultPath)).toBe(slug);
  });

  it("escapes only what would break a path", () => {
    expect(noteHref("C#/100%?" as NoteSlug, "/base")).toBe("/base/C%23/100%25%3F/");
  });

  it("a permalink overrides the URL and links follow it", () => {
    const vault = vaultOf({ "a.md": "---\npermalink: /courses/intro/\n---\n", "b.md": "[[a]]" });
    expect(vault.notes.get("a.md" as VaultPath)!.slug).toBe("courses/intro");
  });

  it("reserves the site's own paths", () => {
    expect(reservedSlug("tags" as NoteSlug)).toBe(true);
    expect(reservedSlug("Tags/x" as NoteSlug)).toBe(true);
    expect(reservedSlug("tagsx" as NoteSlug)).toBe(false);
  });
});

describe("loading a folder", () => {
  const dir = mkdtempSync(join(tmpdir(), "labnotes-vault-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, ".obsidian"));
  mkdirSync(join(dir, "img"));
  writeFileSync(join(dir, ".obsidian", "app.md"), "ignored");
  writeFileSync(join(dir, "笔记.md"), "# 笔记\n\n![[pic.png]]");
  writeFileSync(join(dir, "img", "pic.png"), "png");

  it("skips dot-folders, indexes notes and attachments", () => {
    const vault = loadVault(dir);
    expect([...vault.notes.keys()]).toEqual(["笔记.md"]);
    expect([...vault.attachments.keys()]).toEqual(["img/pic.png"]);
    expect(vault.warnings).toEqual([]);
  });

  it("falls back to the file time when git has no history for the folder", () => {
    expect(gitDates(dir).size).toBe(0);
    const note = loadVault(dir).notes.get("笔记.md" as VaultPath)!;
    expect(Number.isNaN(Date.parse(note.updated!))).toBe(false);
  });
});
