// Lab boxes on note pages: a lab names the note sections it practises (`notes:` in lab.md);
// the first one is the section it belongs to, and that section's page shows a box linking
// to the lab right under the heading. Notes never have to mention their labs themselves.
import { toHtml } from "hast-util-to-html";
import type { Element, ElementContent } from "hast";
import { resolveLink } from "./resolve.ts";
import { withBase } from "./slug.ts";
import type { Vault, VaultPath } from "./types.ts";

/** What a note page needs to know about a lab to link to it. */
export interface LabRef {
  id: string;
  title: string;
  minutes: number;
  /** Number of steps, so an untouched lab can show "0/N". */
  steps: number;
  /** Wiki-links to the note sections the lab practises, the first being its home section. */
  notes: string[];
}

/** Heading anchor → the labs placed under it, for one note. */
export type LabBoxes = Map<string, LabRef[]>;

/**
 * The `notes:` links of the labs that name a note of this vault but a section it does not have,
 * as "labs/ID/lab.md: notes: …" lines. A link to a note that is not in the vault is not a
 * problem: the same labs/ folder may serve another course's content.
 */
export function labNoteLinkProblems(vault: Vault, labs: readonly LabRef[]): string[] {
  const problems: string[] = [];
  for (const lab of labs) {
    for (const link of lab.notes) {
      const res = resolveLink(vault, labFile(lab), link);
      if (res.kind === "note" && (res.warning === "missing-heading" || res.warning === "missing-block")) {
        problems.push(`${labFile(lab)}: notes: [[${bare(link)}]]: ${res.note.path} has no such section`);
      }
    }
  }
  return problems;
}

function labFile(lab: LabRef): VaultPath {
  return `labs/${lab.id}/lab.md` as VaultPath;
}

function bare(link: string): string {
  return link.replace(/^!?\[\[|\]\]$/g, "");
}

/** For every note, the labs whose first `notes:` link resolves to one of its headings. */
export function labBoxesByNote(vault: Vault, labs: readonly LabRef[]): Map<VaultPath, LabBoxes> {
  const out = new Map<VaultPath, LabBoxes>();
  for (const lab of labs) {
    const first = lab.notes[0];
    if (!first) continue;
    const res = resolveLink(vault, labFile(lab), first);
    // A broken link is reported by `npm run check`; the lab simply gets no box.
    if (res.kind !== "note" || !res.anchor || res.anchor.startsWith("^")) continue;
    const boxes = out.get(res.note.path) ?? new Map<string, LabRef[]>();
    boxes.set(res.anchor, [...(boxes.get(res.anchor) ?? []), lab]);
    out.set(res.note.path, boxes);
  }
  return out;
}

export interface LabBoxLabels {
  /** The box's caption, e.g. "动手实验". */
  heading: string;
  /** "约 {n} 分钟" / "{n} min". */
  minutes: string;
}

/** The box for the labs of one heading, as HTML. */
export function labBoxHtml(labs: readonly LabRef[], labels: LabBoxLabels, base: string): string {
  const items: ElementContent[] = labs.map((lab) => el("li", {}, [
    el("a", { className: ["internal", "lab-link"], href: withBase(base, `labs/${encodeURIComponent(lab.id)}/`), dataLabSteps: String(lab.steps) }, [txt(lab.title)]),
    txt(" "),
    el("span", { className: ["lab-box-minutes"] }, [txt(labels.minutes.replace("{n}", String(lab.minutes)))]),
  ]));
  return toHtml(el("aside", { className: ["lab-box"], ariaLabel: labels.heading, dataPagefindIgnore: "all" }, [
    el("strong", { className: ["lab-box-title"] }, [txt(labels.heading)]),
    el("ul", {}, items),
  ]));
}

/**
 * Puts `html` right after each heading whose id is a key of `boxes` (headings are rendered
 * as `<hN id="…">…</hN>`). Anchors not found are returned, so the caller can tell.
 */
export function insertAfterHeadings(page: string, boxes: ReadonlyMap<string, string>): { html: string; missing: string[] } {
  let html = page;
  const missing: string[] = [];
  for (const [anchor, box] of boxes) {
    const open = new RegExp(`<h([1-6]) id="${escapeRegExp(attr(anchor))}"[ >]`).exec(html);
    const close = open ? html.indexOf(`</h${open[1]}>`, open.index) : -1;
    if (!open || close === -1) {
      missing.push(anchor);
      continue;
    }
    const at = close + `</hN>`.length;
    html = html.slice(0, at) + box + html.slice(at);
  }
  return { html, missing };
}

function el(tagName: string, properties: Element["properties"], children: ElementContent[]): Element {
  return { type: "element", tagName, properties, children };
}

function txt(value: string): ElementContent {
  return { type: "text", value };
}

/** The id as hast-util-to-html writes it in an attribute. */
function attr(value: string): string {
  return toHtml(el("i", { id: value }, [])).slice('<i id="'.length, -'"></i>'.length);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
