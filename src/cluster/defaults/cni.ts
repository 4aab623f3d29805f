// The CNI plugin's own workloads, as their upstream manifests install them
// (calico.yaml v3.29, kube-flannel.yml v0.26, the Cilium 1.16 chart, weave-daemonset-k8s).
import type { ClusterConfig } from "../types.ts";
import type { KObject } from "../api/types.ts";
import { sa } from "./kube-system.ts";

const EXISTS = [{ operator: "Exists" }];

function daemonSet(ns: string, name: string, labels: Record<string, string>, containers: Record<string, unknown>[], extra: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name, namespace: ns, labels },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { hostNetwork: true, priorityClassName: "system-node-critical", tolerations: EXISTS, nodeSelector: { "kubernetes.io/os": "linux" }, containers, ...extra },
      },
    },
  };
}

function deployment(ns: string, name: string, labels: Record<string, string>, replicas: number, containers: Record<string, unknown>[], extra: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: ns, labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      strategy: { type: "Recreate" },
      template: { metadata: { labels }, spec: { priorityClassName: "system-cluster-critical", nodeSelector: { "kubernetes.io/os": "linux" }, containers, ...extra } },
    },
  };
}

const CP_TOLERATIONS = [
  { key: "CriticalAddonsOnly", operator: "Exists" },
  { key: "node-role.kubernetes.io/master", effect: "NoSchedule" },
  { key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" },
];

function calico(cfg: ClusterConfig): KObject[] {
  return [
    sa("kube-system", "calico-node"),
    sa("kube-system", "calico-kube-controllers"),
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "calico-config", namespace: "kube-system" },
      data: { calico_backend: "bird", typha_service_name: "none", veth_mtu: "0", cni_network_config: '{\n  "name": "k8s-pod-network",\n  "cniVersion": "0.3.1",\n  "plugins": [\n    {\n      "type": "calico",\n      "log_level": "info",\n      "datastore_type": "kubernetes",\n      "nodename": "__KUBERNETES_NODE_NAME__",\n      "mtu": __CNI_MTU__,\n      "ipam": {\n          "type": "calico-ipam"\n      },\n      "policy": {\n          "type": "k8s"\n      },\n      "kubernetes": {\n          "kubeconfig": "__KUBECONFIG_FILEPATH__"\n      }\n    },\n    {\n      "type": "portmap",\n      "snat": true,\n      "capabilities": {"portMappings": true}\n    },\n    {\n      "type": "bandwidth",\n      "capabilities": {"bandwidth": true}\n    }\n  ]\n}' },
    },
    daemonSet("kube-system", "calico-node", { "k8s-app": "calico-node" }, [
      {
        name: "calico-node",
        image: "docker.io/calico/node:v3.29.1",
        imagePullPolicy: "IfNotPresent",
        env: [
          { name: "DATASTORE_TYPE", value: "kubernetes" },
          { name: "CALICO_NETWORKING_BACKEND", valueFrom: { configMapKeyRef: { name: "calico-config", key: "calico_backend" } } },
          { name: "CLUSTER_TYPE", value: "k8s,bgp" },
          { name: "IP", value: "autodetect" },
          { name: "CALICO_IPV4POOL_IPIP", value: "Always" },
          { name: "CALICO_IPV4POOL_VXLAN", value: "Never" },
          { name: "CALICO_IPV4POOL_CIDR", value: cfg.podCIDR },
          { name: "FELIX_IPINIPMTU", valueFrom: { configMapKeyRef: { name: "calico-config", key: "veth_mtu" } } },
          { name: "CALICO_DISABLE_FILE_LOGGING", value: "true" },
          { name: "FELIX_DEFAULTENDPOINTTOHOSTACTION", value: "ACCEPT" },
          { name: "FELIX_IPV6SUPPORT", value: "false" },
          { name: "FELIX_HEALTHENABLED", value: "true" },
        ],
        resources: { requests: { cpu: "250m" } },
        securityContext: { privileged: true },
        readinessProbe: { exec: { command: ["/bin/calico-node", "-felix-ready", "-bird-ready"] }, periodSeconds: 10, timeoutSeconds: 10 },
      },
    ], { serviceAccountName: "calico-node", terminationGracePeriodSeconds: 0 }),
    deployment("kube-system", "calico-kube-controllers", { "k8s-app": "calico-kube-controllers" }, 1, [
      {
        name: "calico-kube-controllers",
        image: "docker.io/calico/kube-controllers:v3.29.1",
        imagePullPolicy: "IfNotPresent",
        env: [
          { name: "ENABLED_CONTROLLERS", value: "node,loadbalancer" },
          { name: "DATASTORE_TYPE", value: "kubernetes" },
        ],
        readinessProbe: { exec: { command: ["/usr/bin/check-status", "-r"] }, periodSeconds: 10 },
      },
    ], { serviceAccountName: "calico-kube-controllers", tolerations: CP_TOLERATIONS }),
  ];
}

function flannel(cfg: ClusterConfig): KObject[] {
  const labels = { app: "flannel", "k8s-app": "flannel" };
  return [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "kube-flannel", labels: { "k8s-app": "flannel", "pod-security.kubernetes.io/enforce": "privileged" } } },
    sa("kube-flannel", "flannel"),
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "kube-flannel-cfg", namespace: "kube-flannel", labels: { app: "flannel", "k8s-app": "flannel", tier: "node" } },
      data: {
        "cni-conf.json": '{\n  "name": "cbr0",\n  "cniVersion": "0.3.1",\n  "plugins": [\n    {\n      "type": "flannel",\n      "delegate": {\n        "hairpinMode": true,\n        "isDefaultGateway": true\n      }\n    },\n    {\n      "type": "portmap",\n      "capabilities": {\n        "portMappings": true\n      }\n    }\n  ]\n}\n',
        "net-conf.json": `{\n  "Network": "${cfg.podCIDR}",\n  "EnableNFTables": false,\n  "Backend": {\n    "Type": "vxlan"\n  }\n}\n`,
      },
    },
    daemonSet("kube-flannel", "kube-flannel-ds", labels, [
      {
        name: "kube-flannel",
        image: "ghcr.io/flannel-io/flannel:v0.26.1",
        command: ["/opt/bin/flanneld"],
        args: ["--ip-masq", "--kube-subnet-mgr"],
        env: [
          { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
          { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
          { name: "EVENT_QUEUE_DEPTH", value: "5000" },
        ],
        securityContext: { privileged: false, capabilities: { add: ["NET_ADMIN", "NET_RAW"] } },
      },
    ], { serviceAccountName: "flannel", tolerations: [{ effect: "NoSchedule", operator: "Exists" }] }),
  ];
}

function cilium(_cfg: ClusterConfig): KObject[] {
  return [
    sa("kube-system", "cilium"),
    sa("kube-system", "cilium-operator"),
    daemonSet("kube-system", "cilium", { "k8s-app": "cilium", "app.kubernetes.io/name": "cilium-agent", "app.kubernetes.io/part-of": "cilium" }, [
      { name: "cilium-agent", image: "quay.io/cilium/cilium:v1.16.5", command: ["cilium-agent"], args: ["--config-dir=/tmp/cilium/config-map"], securityContext: { privileged: true } },
    ], { serviceAccountName: "cilium" }),
    deployment("kube-system", "cilium-operator", { "io.cilium/app": "operator", name: "cilium-operator", "app.kubernetes.io/name": "cilium-operator", "app.kubernetes.io/part-of": "cilium" }, 1, [
      { name: "cilium-operator", image: "quay.io/cilium/operator-generic:v1.16.5", command: ["cilium-operator-generic"], args: ["--config-dir=/tmp/cilium/config-map"] },
    ], { serviceAccountName: "cilium-operator", hostNetwork: true, tolerations: [{ operator: "Exists" }] }),
  ];
}

function weave(_cfg: ClusterConfig): KObject[] {
  return [
    sa("kube-system", "weave-net"),
    daemonSet("kube-system", "weave-net", { name: "weave-net" }, [
      { name: "weave", image: "weaveworks/weave-kube:latest", command: ["/home/weave/launch.sh"], securityContext: { privileged: true } },
      { name: "weave-npc", image: "weaveworks/weave-npc:latest", securityContext: { privileged: true } },
    ], { serviceAccountName: "weave-net", tolerations: [{ effect: "NoSchedule", operator: "Exists" }, { effect: "NoExecute", operator: "Exists" }] }),
  ];
}

export function cniObjects(cfg: ClusterConfig): KObject[] {
  switch (cfg.cni) {
    case "calico":
      return calico(cfg);
    case "flannel":
      return flannel(cfg);
    case "cilium":
      return cilium(cfg);
    case "weave":
      return weave(cfg);
  }
}
