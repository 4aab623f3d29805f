// Step progress: which steps are done, evaluated after every command. Done is
// sticky (a learner who finished a step and moved on keeps it); "failed" is
// what "Check now" reports for a step that does not pass yet.
import { evaluateCheck, type CheckCluster } from "./evaluate.ts";
import type { StepProgress } from "./persist.ts";
import type { Lab } from "./types.ts";

export interface StepOutcome extends StepProgress {
  reason?: string;
}

export type Progress = Record<string, StepOutcome>;

/** Nothing after this index: a step whose previous step is not done has no "after" yet. */
const NOT_STARTED = Number.MAX_SAFE_INTEGER;

export function freshProgress(lab: Lab): Progress {
  return Object.fromEntries(lab.steps.map((s, i) => [s.id, { status: "pending", start: i === 0 ? 0 : NOT_STARTED }]));
}

/** Saved progress for the current steps of the lab (steps added since start pending). */
export function restoreProgress(lab: Lab, saved: Record<string, StepProgress>): Progress {
  const fresh = freshProgress(lab);
  for (const step of lab.steps) {
    const s = saved[step.id];
    if (s) fresh[step.id] = { status: s.status, start: s.start };
  }
  return fresh;
}

/**
 * Re-evaluates every step that is not done. With `explain`, a failing step
 * (the first one not done) becomes "failed" with the reason ("Check now").
 */
export function updateProgress(lab: Lab, progress: Progress, cluster: CheckCluster, history: readonly string[], opts: { explain?: boolean } = {}): Progress {
  const next: Progress = { ...progress };
  let explained = false;
  lab.steps.forEach((step, i) => {
    const cur = next[step.id];
    if (cur.status === "done") return;
    const verdict = evaluateCheck(step.check, { cluster, history, stepStart: cur.start });
    if (verdict.pass) {
      next[step.id] = { status: "done", start: cur.start };
      const following = lab.steps[i + 1];
      if (following && next[following.id].status !== "done") next[following.id] = { ...next[following.id], start: history.length };
    } else if (opts.explain && !explained) {
      explained = true;
      next[step.id] = { status: "failed", start: cur.start, reason: verdict.reason };
    }
  });
  return next;
}

export function countDone(progress: Progress): number {
  return Object.values(progress).filter((p) => p.status === "done").length;
}
