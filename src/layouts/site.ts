// What every page of the site needs: the vault of the configured content folder, rendered with
// the site's base path and language. Lab pages use the same helpers so links resolve identically.
import { siteConfig, t } from "../i18n/config.ts";
import { resolve } from "node:path";
import { getVault } from "../vault/site.ts";
import { loadVault } from "../vault/load.ts";
import { listLabIds } from "../vault/labs.ts";
import { renderMarkdown, type RenderResult } from "../vault/markdown/render.ts";
import { insertAfterHeadings, labBoxHtml, labBoxesByNote, labNoteLinkProblems, type LabRef } from "../vault/lab-boxes.ts";
import { siteLabs } from "../labs/site.ts";
import type { Note, Vault } from "../vault/types.ts";

export const base: string = import.meta.env.BASE_URL ?? "/";

let buildLabIds: Set<string> | undefined;

/** Lab ids of the project's labs/ folder (read once per build; every time in `astro dev`). */
export function siteLabIds(): Set<string> {
  if (import.meta.env.DEV) return listLabIds(resolve("labs"));
  return (buildLabIds ??= listLabIds(resolve("labs")));
}

export function siteVault(): Vault {
  const options = { base, labIds: siteLabIds() };
  // `astro dev` must see edits to notes; a build reads the vault once.
  if (import.meta.env.DEV) return loadVault(resolve(siteConfig.contentDir), options);
  return getVault(siteConfig.contentDir, options);
}

/** Renders Markdown as if it were written in the note at `fromPath` (a vault path such as "labs/x.md"). */
export function renderForSite(source: string, fromPath: string): Promise<RenderResult> {
  return renderMarkdown(siteVault(), source, fromPath, {
    base,
    footnoteLabel: t.footnotes,
    footnoteBackLabel: t.backToContent,
    labels: { embedCycle: t.embedCycle, embedMissing: t.embedMissing, openLab: t.openLab },
    lang: siteConfig.lang,
  });
}

export function renderNoteForSite(note: Note): Promise<RenderResult> {
  return renderForSite(note.body, note.path);
}

/** Whether the note body opens with its own H1 (then the page does not print the title again). */
export function startsWithH1(note: Note): boolean {
  return note.headings[0]?.depth === 1 && note.headings[0].line === firstContentLine(note);
}

function firstContentLine(note: Note): number {
  const lines = note.body.split("\n");
  const i = lines.findIndex((l) => l.trim() !== "");
  return i === -1 ? -1 : note.bodyLine + i;
}

/** Splits rendered HTML after the note's own H1, so the page can put the date and tags under the title. */
export function splitAfterTitle(note: Note, html: string): { title: string; body: string } {
  const end = startsWithH1(note) ? html.indexOf("</h1>") : -1;
  if (end === -1) return { title: "", body: html };
  return { title: html.slice(0, end + 5), body: html.slice(end + 5) };
}

/** The labs as note pages link to them (title, length, steps, the sections they practise). */
export function siteLabRefs(): LabRef[] {
  return siteLabs().map(({ lab }) => ({ id: lab.id, title: lab.title, minutes: lab.minutes, steps: lab.steps.length, notes: lab.notes }));
}

/** The note's HTML with a lab box under each heading a lab practises; `hasLabs` says whether any was placed. */
export function withLabBoxes(note: Note, html: string): { html: string; hasLabs: boolean } {
  const vault = siteVault();
  const labs = siteLabRefs();
  // A lab that names a section the notes do not have would silently lose its link: stop the build.
  const problems = labNoteLinkProblems(vault, labs);
  if (problems.length) throw new Error(`Lab links to notes that do not resolve:\n${problems.join("\n")}`);
  const boxes = labBoxesByNote(vault, labs).get(note.path);
  if (!boxes) return { html, hasLabs: false };
  const labels = { heading: t.labBox, minutes: t.labMinutes };
  const rendered = new Map([...boxes].map(([anchor, labs]) => [anchor, labBoxHtml(labs, labels, base)]));
  const result = insertAfterHeadings(html, rendered);
  return { html: result.html, hasLabs: result.missing.length < rendered.size };
}
