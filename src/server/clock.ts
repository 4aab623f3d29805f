// Virtual time that follows the wall clock while serving, so pods start and grace
// periods run out as real clients expect. The offset is fixed at start, so calling
// the sync function from several places never runs the clock ahead.
import type { Cluster } from "../cluster/index.ts";

export type ClockMode = "real" | "manual";

export function followWallClock(cluster: Cluster, wallNow: () => number = Date.now): () => void {
  const offset = cluster.now() - wallNow();
  return () => {
    const behind = wallNow() + offset - cluster.now();
    if (behind > 0) cluster.advance(behind);
  };
}
