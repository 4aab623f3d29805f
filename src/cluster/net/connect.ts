import type { ClusterView } from "../view.ts";
import type { ConnectRequest, ConnectResult } from "./types.ts";

export function connect(_view: ClusterView, _req: ConnectRequest): ConnectResult {
  throw new Error("net/connect: not built yet");
}
