import type { ClusterView } from "../view.ts";
import type { Source } from "../net/types.ts";

export function ipRoute(_view: ClusterView, _where: Source): string {
  throw new Error("cni/ipRoute: not built yet");
}
export function ipAddr(_view: ClusterView, _where: Source): string {
  throw new Error("cni/ipAddr: not built yet");
}
export function calicoNodeStatus(_view: ClusterView, _node: string): { stdout: string; exitCode: number } | null {
  throw new Error("cni/calicoNodeStatus: not built yet");
}
