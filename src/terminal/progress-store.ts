// Lab progress as the course home and note pages show it: a small summary in
// localStorage, written by lab pages, read by a tiny script anywhere on the site.
export const PROGRESS_KEY = "labnotes-lab-progress";

export type ProgressSummary = Record<string, { done: number; total: number }>;

export function readLabProgress(storage: Pick<Storage, "getItem"> | undefined = globalThis.localStorage): ProgressSummary {
  try {
    const parsed = JSON.parse(storage?.getItem(PROGRESS_KEY) ?? "{}") as unknown;
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
    const out: ProgressSummary = {};
    for (const [id, v] of Object.entries(parsed as Record<string, unknown>)) {
      const p = v as { done?: unknown; total?: unknown };
      if (typeof p?.done === "number" && typeof p.total === "number" && p.total > 0) out[id] = { done: p.done, total: p.total };
    }
    return out;
  } catch {
    return {};
  }
}

export function recordLabProgress(labId: string, done: number, total: number, storage: Pick<Storage, "getItem" | "setItem"> | undefined = globalThis.localStorage): void {
  try {
    const all = readLabProgress(storage);
    all[labId] = { done, total };
    storage?.setItem(PROGRESS_KEY, JSON.stringify(all));
  } catch {
    // Private mode or a full quota: the badges simply do not show.
  }
}
