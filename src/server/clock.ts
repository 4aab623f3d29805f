// Virtual time that follows the wall clock while serving, so pods start and grace
// periods run out as real clients expect. The offset is fixed at start, so calling
// the sync function from several places never runs the clock ahead.
//   real:    time catches up before every request and while watches are open;
//   watches: only while a watch is open (kubectl delete --wait) or on sync(), so a
//            test can freeze the state it compares between two runs;
//   manual:  never; the caller advances the cluster.
import type { Cluster } from "../cluster/index.ts";

export type ClockMode = "real" | "watches" | "manual";

export function followWallClock(cluster: Cluster, wallNow: () => number = Date.now): () => void {
  const offset = cluster.now() - wallNow();
  return () => {
    const behind = wallNow() + offset - cluster.now();
    if (behind > 0) cluster.advance(behind);
  };
}
