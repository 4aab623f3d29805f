// What the learner set on a lab page's own controls, per lab, so a reload or a later visit
// shows the page as they left it. Kept beside the lab's progress, in localStorage: the page
// needs it before the worker (which owns the saved session) is up.
import { readStored, writeStored, type Storage } from "./local-store.ts";

export const LAB_UI_KEY = "labnotes-lab-ui";

export interface LabUiState {
  /** The topology shows system namespaces (kube-system, ingress-nginx…). Off by default. */
  showSystem: boolean;
}

export function readLabUi(labId: string, storage: Pick<Storage, "getItem"> | undefined = globalThis.localStorage): LabUiState {
  const mine = readStored(LAB_UI_KEY, storage)[labId] as { showSystem?: unknown } | null | undefined;
  return { showSystem: mine?.showSystem === true };
}

export function writeLabUi(labId: string, change: Partial<LabUiState>, storage: Storage | undefined = globalThis.localStorage): void {
  const all = readStored(LAB_UI_KEY, storage);
  all[labId] = { ...readLabUi(labId, storage), ...change };
  writeStored(LAB_UI_KEY, all, storage);
}
