// Node objects as a kubeadm cluster (kind-like, containerd on Debian) registers them.
import type { ClusterConfig } from "../types.ts";
import type { KObject } from "../api/types.ts";
import { stableUid } from "../api/objects.ts";

export const CONTROL_PLANE_TAINT = { key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" };

export function nodeObject(
  cfg: ClusterConfig,
  node: ClusterConfig["nodes"][number],
  podCIDR: string,
  createdAt: string,
): KObject {
  const labels: Record<string, string> = {
    "beta.kubernetes.io/arch": "amd64",
    "beta.kubernetes.io/os": "linux",
    "kubernetes.io/arch": "amd64",
    "kubernetes.io/hostname": node.name,
    "kubernetes.io/os": "linux",
  };
  for (const r of node.roles) labels[`node-role.kubernetes.io/${r}`] = "";
  if (node.roles.includes("control-plane")) labels["node.kubernetes.io/exclude-from-external-load-balancers"] = "";
  const spec: Record<string, unknown> = { podCIDR, podCIDRs: [podCIDR] };
  if (node.roles.includes("control-plane")) spec.taints = [{ ...CONTROL_PLANE_TAINT }];
  const cond = (type: string, status: string, reason: string, message: string) => ({
    lastHeartbeatTime: createdAt,
    lastTransitionTime: createdAt,
    message,
    reason,
    status,
    type,
  });
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: node.name,
      // Nodes are stored before anything draws from the seeded generator; a uid derived
      // from the name keeps every later uid and generated name where it was.
      uid: stableUid(`node/${node.name}`),
      labels,
      annotations: {
        "kubeadm.alpha.kubernetes.io/cri-socket": "unix:///run/containerd/containerd.sock",
        "node.alpha.kubernetes.io/ttl": "0",
        "volumes.kubernetes.io/controller-managed-attach-detach": "true",
      },
      creationTimestamp: createdAt,
    },
    spec,
    status: {
      addresses: [
        { address: node.ip, type: "InternalIP" },
        { address: node.name, type: "Hostname" },
      ],
      allocatable: { cpu: "4", "ephemeral-storage": "102626232Ki", "hugepages-2Mi": "0", memory: "8025424Ki", pods: "110" },
      capacity: { cpu: "4", "ephemeral-storage": "102626232Ki", "hugepages-2Mi": "0", memory: "8025424Ki", pods: "110" },
      conditions: [
        cond("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
        cond("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        cond("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        cond("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: "amd64",
        bootID: "",
        containerRuntimeVersion: "containerd://1.7.24",
        kernelVersion: "6.1.0-28-amd64",
        kubeProxyVersion: cfg.kubernetesVersion,
        kubeletVersion: cfg.kubernetesVersion,
        machineID: "",
        operatingSystem: "linux",
        osImage: "Debian GNU/Linux 12 (bookworm)",
        systemUUID: "",
      },
    },
  };
}
