import type { ClusterView } from "../view.ts";
import type { ProxyState } from "../types.ts";

export function proxyState(_view: ClusterView, _node: string): ProxyState {
  throw new Error("proxy: not built yet");
}
