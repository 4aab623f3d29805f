// kube-system as kubeadm leaves it (filled in below).
import type { ClusterConfig } from "../types.ts";
import type { KObject } from "../api/types.ts";

export function kubeSystemObjects(_cfg: ClusterConfig): KObject[] {
  return [];
}
