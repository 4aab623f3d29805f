// Lab progress as the course home and note pages show it: a small summary in
// localStorage, written by lab pages, read by a tiny script anywhere on the site.
import { readStored, writeStored, type Storage } from "./local-store.ts";

export const PROGRESS_KEY = "labnotes-lab-progress";

export type ProgressSummary = Record<string, { done: number; total: number }>;

export function readLabProgress(storage: Pick<Storage, "getItem"> | undefined = globalThis.localStorage): ProgressSummary {
  const out: ProgressSummary = {};
  for (const [id, v] of Object.entries(readStored(PROGRESS_KEY, storage))) {
    const p = v as { done?: unknown; total?: unknown } | null;
    if (typeof p?.done === "number" && typeof p.total === "number" && p.total > 0) out[id] = { done: p.done, total: p.total };
  }
  return out;
}

export function recordLabProgress(labId: string, done: number, total: number, storage: Storage | undefined = globalThis.localStorage): void {
  const all = readLabProgress(storage);
  all[labId] = { done, total };
  writeStored(PROGRESS_KEY, all, storage);
}
