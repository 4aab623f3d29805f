// kube-system as kubeadm leaves it, plus the CNI's own pods and the add-ons the
// cluster file asks for. Labels, ports and images follow the upstream manifests
// (kubeadm's addon templates, calico.yaml, kube-flannel.yml, ingress-nginx's
// baremetal/cloud deploy.yaml) so that selectors and `kubectl get` look real.
import type { ClusterConfig } from "../types.ts";
import type { KObject } from "../api/types.ts";
import { serviceIP } from "./bootstrap.ts";
import { COREFILE, kubeProxyConfig, KUBE_PROXY_KUBECONFIG } from "./configs.ts";
import { cniObjects } from "./cni.ts";
import { addonObjects } from "./addons.ts";

const CONTROL_PLANE_TOLERATION = { key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" };

export function sa(namespace: string, name: string): KObject {
  return { apiVersion: "v1", kind: "ServiceAccount", metadata: { name, namespace } };
}

function cm(namespace: string, name: string, data: Record<string, string>, labels?: Record<string, string>): KObject {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace, ...(labels ? { labels } : {}) }, data };
}

/** A control-plane component as a static (mirror) pod on the control-plane node. */
/** kubeadm's static pod requests (cmd/kubeadm/app/phases/controlplane and etcd manifests). */
const STATIC_REQUESTS: Record<string, Record<string, string>> = {
  etcd: { cpu: "100m", memory: "100Mi" },
  "kube-apiserver": { cpu: "250m" },
  "kube-controller-manager": { cpu: "200m" },
  "kube-scheduler": { cpu: "100m" },
};

function staticPod(cfg: ClusterConfig, component: string, image: string, command: string[], port: number): KObject {
  const cp = cfg.nodes.find((n) => n.roles.includes("control-plane")) ?? cfg.nodes[0];
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: `${component}-${cp.name}`,
      namespace: "kube-system",
      labels: { component, tier: "control-plane" },
      annotations: {
        "kubernetes.io/config.source": "file",
        "kubernetes.io/config.seen": "",
        ...(component === "kube-apiserver" ? { "kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint": `${cp.ip}:6443` } : {}),
        ...(component === "etcd" ? { "kubeadm.kubernetes.io/etcd.advertise-client-urls": `https://${cp.ip}:2379` } : {}),
      },
    },
    spec: {
      nodeName: cp.name,
      hostNetwork: true,
      priorityClassName: "system-node-critical",
      priority: 2000001000,
      securityContext: { seccompProfile: { type: "RuntimeDefault" } },
      tolerations: [{ effect: "NoExecute", operator: "Exists" }],
      containers: [
        {
          name: component,
          image,
          command,
          resources: { requests: STATIC_REQUESTS[component] },
          livenessProbe: { httpGet: { host: component === "etcd" ? "127.0.0.1" : cp.ip, path: component === "etcd" ? "/livez" : "/livez", port, scheme: component === "etcd" ? "HTTP" : "HTTPS" } },
        },
      ],
    },
  };
}

function staticPods(cfg: ClusterConfig): KObject[] {
  const v = cfg.kubernetesVersion;
  const cp = cfg.nodes.find((n) => n.roles.includes("control-plane")) ?? cfg.nodes[0];
  return [
    staticPod(cfg, "etcd", "registry.k8s.io/etcd:3.5.16-0", ["etcd", `--advertise-client-urls=https://${cp.ip}:2379`, "--data-dir=/var/lib/etcd", `--listen-client-urls=https://127.0.0.1:2379,https://${cp.ip}:2379`, `--name=${cp.name}`], 2381),
    staticPod(cfg, "kube-apiserver", `registry.k8s.io/kube-apiserver:${v}`, ["kube-apiserver", `--advertise-address=${cp.ip}`, "--secure-port=6443", `--service-cluster-ip-range=${cfg.serviceCIDR}`, "--service-node-port-range=30000-32767"], 6443),
    staticPod(cfg, "kube-controller-manager", `registry.k8s.io/kube-controller-manager:${v}`, ["kube-controller-manager", "--allocate-node-cidrs=true", `--cluster-cidr=${cfg.podCIDR}`, `--service-cluster-ip-range=${cfg.serviceCIDR}`], 10257),
    staticPod(cfg, "kube-scheduler", `registry.k8s.io/kube-scheduler:${v}`, ["kube-scheduler", "--bind-address=127.0.0.1", "--kubeconfig=/etc/kubernetes/scheduler.conf"], 10259),
  ];
}

function coredns(cfg: ClusterConfig): KObject[] {
  const labels = { "k8s-app": "kube-dns" };
  return [
    sa("kube-system", "coredns"),
    cm("kube-system", "coredns", { Corefile: COREFILE.replace("cluster.local", cfg.clusterDomain) }),
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "coredns", namespace: "kube-system", labels },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: "25%" } },
        template: {
          metadata: { labels },
          spec: {
            priorityClassName: "system-cluster-critical",
            serviceAccountName: "coredns",
            tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists" }, CONTROL_PLANE_TOLERATION],
            nodeSelector: { "kubernetes.io/os": "linux" },
            dnsPolicy: "Default",
            containers: [
              {
                name: "coredns",
                image: "registry.k8s.io/coredns/coredns:v1.11.3",
                imagePullPolicy: "IfNotPresent",
                resources: { limits: { memory: "170Mi" }, requests: { cpu: "100m", memory: "70Mi" } },
                args: ["-conf", "/etc/coredns/Corefile"],
                securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ["NET_BIND_SERVICE"], drop: ["ALL"] }, readOnlyRootFilesystem: true },
                ports: [
                  { containerPort: 53, name: "dns", protocol: "UDP" },
                  { containerPort: 53, name: "dns-tcp", protocol: "TCP" },
                  { containerPort: 9153, name: "metrics", protocol: "TCP" },
                ],
                livenessProbe: { httpGet: { path: "/health", port: 8080, scheme: "HTTP" }, initialDelaySeconds: 60, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 5 },
                readinessProbe: { httpGet: { path: "/ready", port: 8181, scheme: "HTTP" } },
                volumeMounts: [{ name: "config-volume", mountPath: "/etc/coredns", readOnly: true }],
              },
            ],
            volumes: [{ name: "config-volume", configMap: { name: "coredns", items: [{ key: "Corefile", path: "Corefile" }] } }],
          },
        },
      },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: {
        name: "kube-dns",
        namespace: "kube-system",
        labels: { "k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "KubeDNS" },
        annotations: { "prometheus.io/port": "9153", "prometheus.io/scrape": "true" },
      },
      spec: {
        clusterIP: serviceIP(cfg, 10),
        selector: labels,
        ports: [
          { name: "dns", port: 53, protocol: "UDP", targetPort: 53 },
          { name: "dns-tcp", port: 53, protocol: "TCP", targetPort: 53 },
          { name: "metrics", port: 9153, protocol: "TCP", targetPort: 9153 },
        ],
      },
    },
  ];
}

function kubeProxy(cfg: ClusterConfig): KObject[] {
  const labels = { "k8s-app": "kube-proxy" };
  return [
    sa("kube-system", "kube-proxy"),
    cm("kube-system", "kube-proxy", { "config.conf": kubeProxyConfig(cfg), "kubeconfig.conf": KUBE_PROXY_KUBECONFIG(cfg) }, { app: "kube-proxy" }),
    {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { name: "kube-proxy", namespace: "kube-system", labels },
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            priorityClassName: "system-node-critical",
            serviceAccountName: "kube-proxy",
            hostNetwork: true,
            nodeSelector: { "kubernetes.io/os": "linux" },
            tolerations: [{ operator: "Exists" }],
            containers: [
              {
                name: "kube-proxy",
                image: `registry.k8s.io/kube-proxy:${cfg.kubernetesVersion}`,
                imagePullPolicy: "IfNotPresent",
                command: ["/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf", "--hostname-override=$(NODE_NAME)"],
                env: [{ name: "NODE_NAME", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "spec.nodeName" } } }],
                securityContext: { privileged: true },
                volumeMounts: [
                  { mountPath: "/var/lib/kube-proxy", name: "kube-proxy" },
                  { mountPath: "/run/xtables.lock", name: "xtables-lock" },
                  { mountPath: "/lib/modules", name: "lib-modules", readOnly: true },
                ],
              },
            ],
            volumes: [
              { name: "kube-proxy", configMap: { name: "kube-proxy", defaultMode: 420 } },
              { name: "xtables-lock", hostPath: { path: "/run/xtables.lock", type: "FileOrCreate" } },
              { name: "lib-modules", hostPath: { path: "/lib/modules", type: "" } },
            ],
          },
        },
      },
    },
  ];
}

export function kubeSystemObjects(cfg: ClusterConfig): KObject[] {
  const cp = cfg.nodes.find((n) => n.roles.includes("control-plane")) ?? cfg.nodes[0];
  return [
    ...staticPods(cfg),
    cm("kube-public", "cluster-info", { kubeconfig: `apiVersion: v1\nclusters:\n- cluster:\n    server: https://${cp.ip}:6443\n  name: ""\ncontexts: null\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: null\n` }),
    cm("kube-system", "kubeadm-config", {
      ClusterConfiguration: `apiServer: {}\napiVersion: kubeadm.k8s.io/v1beta4\ncertificatesDir: /etc/kubernetes/pki\nclusterName: kubernetes\ncontrolPlaneEndpoint: ${cp.ip}:6443\ncontrollerManager: {}\ndns: {}\nencryptionAlgorithm: RSA-2048\netcd:\n  local:\n    dataDir: /var/lib/etcd\nimageRepository: registry.k8s.io\nkind: ClusterConfiguration\nkubernetesVersion: ${cfg.kubernetesVersion}\nnetworking:\n  dnsDomain: ${cfg.clusterDomain}\n  podSubnet: ${cfg.podCIDR}\n  serviceSubnet: ${cfg.serviceCIDR}\nproxy: {}\nscheduler: {}\n`,
    }),
    ...coredns(cfg),
    ...kubeProxy(cfg),
    ...cniObjects(cfg),
    ...addonObjects(cfg),
  ];
}
