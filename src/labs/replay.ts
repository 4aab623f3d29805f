// Proves a lab: on a fresh cluster, every step's check fails before its
// solution and passes after it. Used by `labnotes check` and by the tests.
import type { Session } from "../shell/types.ts";
import { evaluateCheck, type CheckCluster } from "./evaluate.ts";
import { feedLines } from "../shell/feed.ts";
import type { Lab } from "./types.ts";

export interface LabRuntime {
  session: Session;
  cluster: CheckCluster;
  /** Everything the session printed so far (for the failure report). */
  transcript(): string;
}

export type StepFailure = { step: string; when: "before" | "after"; reason: string; transcript: string };

export type ReplayResult = { ok: true; steps: number } | { ok: false; failure: StepFailure };

export async function replayLab(lab: Lab, start: () => Promise<LabRuntime>): Promise<ReplayResult> {
  const rt = await start();
  for (const step of lab.steps) {
    const stepStart = rt.session.history().length;
    const before = evaluateCheck(step.check, { cluster: rt.cluster, history: rt.session.history(), stepStart });
    if (before.pass) {
      return { ok: false, failure: { step: step.id, when: "before", reason: `check already passes before its solution (${before.reason})`, transcript: rt.transcript() } };
    }
    await feedLines(rt.session, step.solution);
    const after = evaluateCheck(step.check, { cluster: rt.cluster, history: rt.session.history(), stepStart });
    if (!after.pass) {
      return { ok: false, failure: { step: step.id, when: "after", reason: `check fails after its solution: ${after.reason}`, transcript: rt.transcript() } };
    }
  }
  return { ok: true, steps: lab.steps.length };
}
