// What every controller gets: the API server to write through, the store to read,
// time, randomness, the cluster's configuration, IPAM and the container logs.
import type { ApiServer } from "../api/server.ts";
import type { ObjectStore } from "../api/store.ts";
import type { VirtualClock } from "../clock.ts";
import type { SeededRandom } from "../random.ts";
import type { ClusterConfig, ImageBehavior } from "../types.ts";
import type { Ipam } from "../cni/ipam.ts";
import type { LogBook } from "./logs.ts";
import type { EventIndex } from "./events.ts";

export interface ControllerContext {
  api: ApiServer;
  store: ObjectStore;
  clock: VirtualClock;
  random: SeededRandom;
  config: ClusterConfig;
  ipam: Ipam;
  logs: LogBook;
  image(name: string): ImageBehavior;
  /** kube-proxy pods record the proxy mode they started with (uid -> mode). */
  proxyModes: Map<string, string>;
  /** Event recorder's dedup index: (object uid, reason, message, fieldPath) -> event name. */
  eventIndex: EventIndex;
}
