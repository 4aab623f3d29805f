// Virtual time that follows the wall clock while serving, so pods start and grace
// periods run out as real clients expect. Manual mode leaves time to the caller (tests).
import type { Cluster } from "../cluster/index.ts";

export type ClockMode = "real" | "manual";

export function followWallClock(cluster: Cluster, wallNow: () => number = Date.now): () => void {
  let last = wallNow();
  return () => {
    const now = wallNow();
    const elapsed = now - last;
    if (elapsed > 0) {
      last = now;
      cluster.advance(elapsed);
    }
  };
}
