// What the learner set on a lab page's own controls, per lab, so a reload or a later visit
// shows the page as they left it. Kept beside the lab's progress, in localStorage: the page
// needs it before the worker (which owns the saved session) is up.
import { readStored, writeStored, type Storage } from "./local-store.ts";

export const LAB_UI_KEY = "labnotes-lab-ui";

export interface LabUiState {
  /** The topology shows system namespaces (kube-system, ingress-nginx…). Off by default. */
  showSystem: boolean;
  /**
   * The prompt the saved session shows (written when the session starts and after each save). The
   * page's inline script compares it with the fresh lab's prompt before drawing that one early: a
   * lab resumed inside a pod's shell must not first show the workstation's prompt.
   */
  resumePrompt?: string;
}

export function readLabUi(labId: string, storage: Pick<Storage, "getItem"> | undefined = globalThis.localStorage): LabUiState {
  const mine = readStored(LAB_UI_KEY, storage)[labId] as { showSystem?: unknown; resumePrompt?: unknown } | null | undefined;
  return { showSystem: mine?.showSystem === true, ...(typeof mine?.resumePrompt === "string" ? { resumePrompt: mine.resumePrompt } : {}) };
}

export function writeLabUi(labId: string, change: Partial<LabUiState>, storage: Storage | undefined = globalThis.localStorage): void {
  const all = readStored(LAB_UI_KEY, storage);
  all[labId] = { ...readLabUi(labId, storage), ...change };
  writeStored(LAB_UI_KEY, all, storage);
}

/** Keeps the prompt the session shows now for the next visit's early prompt (written only when it changes). */
export function rememberPrompt(labId: string, prompt: string | undefined, storage: Storage | undefined = globalThis.localStorage): void {
  if (prompt !== undefined && readLabUi(labId, storage).resumePrompt !== prompt) writeLabUi(labId, { resumePrompt: prompt }, storage);
}

/** The fresh lab's first prompt, unless the saved session shows another one (then none is drawn early). */
export function earlyPrompt(labId: string, firstPrompt: string | undefined, storage: Pick<Storage, "getItem"> | undefined = globalThis.localStorage): string | undefined {
  const saved = readLabUi(labId, storage).resumePrompt;
  return saved === undefined || saved === firstPrompt ? firstPrompt : undefined;
}
