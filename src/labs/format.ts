// Reads a lab.md (YAML frontmatter + Markdown body) into a validated Lab, or
// a list of errors that name the file, the step and the reason.
import { parse as parseYaml, YAMLParseError } from "yaml";
import { parseCheck } from "./check-parse.ts";
import type { Lab, LabError, LabId, LabStep, StepId } from "./types.ts";

export type LabParse = { ok: true; lab: Lab } | { ok: false; errors: LabError[] };

const TOP_KEYS = ["title", "summary", "minutes", "notes", "cluster", "steps"];
const STEP_KEYS = ["id", "title", "check", "hint", "solution"];
const ID_RE = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

export function splitFrontmatter(text: string): { yaml: string; body: string } | null {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  return m ? { yaml: m[1], body: m[2] } : null;
}

/** `[[K8s网络原理#NodePort|NodePort]]` → `K8s网络原理#NodePort`; a bare target is kept as is. */
export function wikiTarget(link: string): string {
  const inner = /^\s*\[\[([^\]]+)\]\]\s*$/.exec(link)?.[1] ?? link.trim();
  return inner.split("|")[0].trim();
}

/** The YAML error with its line counted in the lab file (the frontmatter starts on line 2). */
function yamlErrorText(e: unknown): string {
  if (!(e instanceof YAMLParseError)) return String(e);
  const first = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  return e.linePos ? `line ${e.linePos[0].line + 1}: ${first}` : first;
}

export function parseLab(id: string, file: string, text: string): LabParse {
  const errors: LabError[] = [];
  const err = (message: string, step?: string) => errors.push(step === undefined ? { file, message } : { file, step, message });
  if (!ID_RE.test(id)) err(`lab id "${id}" must be lower-case letters, digits and "-"`);
  const parts = splitFrontmatter(text);
  if (!parts) return { ok: false, errors: [{ file, message: "missing YAML frontmatter (--- … ---) at the top" }] };
  let fm: unknown;
  try {
    fm = parseYaml(parts.yaml);
  } catch (e) {
    return { ok: false, errors: [{ file, message: `frontmatter is not valid YAML: ${yamlErrorText(e)}` }] };
  }
  if (typeof fm !== "object" || fm === null || Array.isArray(fm)) {
    return { ok: false, errors: [{ file, message: "frontmatter must be a YAML mapping" }] };
  }
  const data = fm as Record<string, unknown>;
  for (const key of Object.keys(data)) if (!TOP_KEYS.includes(key)) err(`unknown frontmatter field "${key}" (expected: ${TOP_KEYS.join(", ")})`);

  const text_ = (key: string, required: boolean): string => {
    const v = data[key];
    if (v === undefined && !required) return "";
    if (typeof v !== "string" || v.trim() === "") {
      err(`"${key}" must be a non-empty string`);
      return "";
    }
    return v.trim();
  };
  const title = text_("title", true);
  const summary = text_("summary", true);
  let minutes = 0;
  if (typeof data.minutes !== "number" || !Number.isInteger(data.minutes) || data.minutes <= 0) err('"minutes" must be a positive integer');
  else minutes = data.minutes;
  let notes: string[] = [];
  if (data.notes !== undefined) {
    if (!Array.isArray(data.notes) || data.notes.some((n) => typeof n !== "string")) err('"notes" must be a list of wiki-links like "[[K8s网络原理#NodePort]]"');
    else notes = data.notes.map((n: string) => wikiTarget(n));
  }
  const cluster = data.cluster === undefined ? "cluster.yaml" : text_("cluster", true);

  const steps: LabStep[] = [];
  if (!Array.isArray(data.steps) || data.steps.length === 0) err('"steps" must be a non-empty list');
  else {
    const seen = new Set<string>();
    data.steps.forEach((raw: unknown, i: number) => {
      const step = parseStep(raw, i, seen, (m, s) => err(m, s));
      if (step) steps.push(step);
    });
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, lab: { id: id as LabId, title, summary, minutes, notes, cluster, steps, body: parts.body } };
}

function parseStep(raw: unknown, index: number, seen: Set<string>, err: (message: string, step: string) => void): LabStep | null {
  let label = `#${index + 1}`;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    err("must be a mapping with id, title, check, hint and solution", label);
    return null;
  }
  const s = raw as Record<string, unknown>;
  const before = { n: 0 };
  const e = (m: string) => {
    before.n++;
    err(m, label);
  };
  if (typeof s.id !== "string" || !ID_RE.test(s.id)) e('"id" must be lower-case letters, digits and "-"');
  else {
    label = s.id;
    if (seen.has(s.id)) e(`duplicate step id "${s.id}"`);
    seen.add(s.id);
  }
  for (const key of Object.keys(s)) if (!STEP_KEYS.includes(key)) e(`unknown field "${key}" (expected: ${STEP_KEYS.join(", ")})`);
  if (typeof s.title !== "string" || !s.title.trim()) e('"title" must be a non-empty string');
  if (typeof s.hint !== "string" || !s.hint.trim()) e('"hint" must be a non-empty string');
  const solution = solutionLines(s.solution);
  if (!solution) e('"solution" must be a block of command lines or a list of them');
  const check = parseCheck(s.check);
  if (!check.ok) e(check.error);
  if (before.n > 0 || !check.ok || !solution) return null;
  return {
    id: s.id as StepId,
    title: (s.title as string).trim(),
    check: check.value,
    checkSource: s.check,
    hint: (s.hint as string).trim(),
    solution,
  };
}

/** A block string or a list of strings, as the lines a learner would type. */
export function solutionLines(raw: unknown): string[] | null {
  const items = typeof raw === "string" ? [raw] : Array.isArray(raw) && raw.every((x) => typeof x === "string") ? (raw as string[]) : null;
  if (!items) return null;
  const lines = items.flatMap((item) => item.replace(/\r\n/g, "\n").replace(/\n+$/, "").split("\n"));
  return lines.some((l) => l.trim() !== "") ? lines : null;
}

export function formatLabError(e: LabError): string {
  return e.step ? `${e.file}: step ${e.step}: ${e.message}` : `${e.file}: ${e.message}`;
}
