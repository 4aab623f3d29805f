// Add-ons from the cluster file: ingress-nginx (controller-v1.12.0 deploy.yaml:
// NodePort on bare metal, LoadBalancer when the cluster has an address pool) and
// MetalLB (present whenever there is a pool, or asked for by name, so a lab can add
// an IPAddressPool in metallb-system at runtime).
import type { ClusterConfig } from "../types.ts";
import type { KObject } from "../api/types.ts";
import { sa } from "./kube-system.ts";

const NGINX_VERSION = "1.12.0";

function ingressNginx(cfg: ClusterConfig): KObject[] {
  const ns = "ingress-nginx";
  const common = {
    "app.kubernetes.io/instance": "ingress-nginx",
    "app.kubernetes.io/name": "ingress-nginx",
    "app.kubernetes.io/part-of": "ingress-nginx",
    "app.kubernetes.io/version": NGINX_VERSION,
  };
  const controller = { ...common, "app.kubernetes.io/component": "controller" };
  const selector = { "app.kubernetes.io/component": "controller", "app.kubernetes.io/instance": "ingress-nginx", "app.kubernetes.io/name": "ingress-nginx" };
  const withPool = cfg.loadBalancerPool.length > 0;
  return [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { "app.kubernetes.io/instance": "ingress-nginx", "app.kubernetes.io/name": "ingress-nginx" } } },
    { ...sa(ns, "ingress-nginx"), metadata: { name: "ingress-nginx", namespace: ns, labels: controller } },
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "ingress-nginx-controller", namespace: ns, labels: controller }, data: { "allow-snippet-annotations": "false" } },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "ingress-nginx-controller", namespace: ns, labels: controller },
      spec: {
        type: withPool ? "LoadBalancer" : "NodePort",
        ...(withPool ? { externalTrafficPolicy: "Local" } : {}),
        ipFamilies: ["IPv4"],
        ipFamilyPolicy: "SingleStack",
        selector,
        ports: [
          { appProtocol: "http", name: "http", port: 80, protocol: "TCP", targetPort: "http" },
          { appProtocol: "https", name: "https", port: 443, protocol: "TCP", targetPort: "https" },
        ],
      },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "ingress-nginx-controller-admission", namespace: ns, labels: controller },
      spec: { type: "ClusterIP", selector, ports: [{ appProtocol: "https", name: "https-webhook", port: 443, targetPort: "webhook" }] },
    },
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "ingress-nginx-controller", namespace: ns, labels: controller },
      spec: {
        replicas: 1,
        minReadySeconds: 0,
        revisionHistoryLimit: 10,
        selector: { matchLabels: selector },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } },
        template: {
          metadata: { labels: controller },
          spec: {
            serviceAccountName: "ingress-nginx",
            nodeSelector: { "kubernetes.io/os": "linux" },
            terminationGracePeriodSeconds: 300,
            dnsPolicy: "ClusterFirst",
            containers: [
              {
                name: "controller",
                image: `registry.k8s.io/ingress-nginx/controller:v${NGINX_VERSION}`,
                imagePullPolicy: "IfNotPresent",
                args: [
                  "/nginx-ingress-controller",
                  ...(withPool ? ["--publish-service=$(POD_NAMESPACE)/ingress-nginx-controller"] : []),
                  "--election-id=ingress-nginx-leader",
                  "--controller-class=k8s.io/ingress-nginx",
                  "--ingress-class=nginx",
                  "--configmap=$(POD_NAMESPACE)/ingress-nginx-controller",
                  "--validating-webhook=:8443",
                  "--validating-webhook-certificate=/usr/local/certificates/cert",
                  "--validating-webhook-key=/usr/local/certificates/key",
                ],
                env: [
                  { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
                  { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
                  { name: "LD_PRELOAD", value: "/usr/local/lib/libmimalloc.so" },
                ],
                ports: [
                  { containerPort: 80, name: "http", protocol: "TCP" },
                  { containerPort: 443, name: "https", protocol: "TCP" },
                  { containerPort: 8443, name: "webhook", protocol: "TCP" },
                ],
                readinessProbe: { httpGet: { path: "/healthz", port: 10254, scheme: "HTTP" }, initialDelaySeconds: 10, periodSeconds: 10 },
                securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ["NET_BIND_SERVICE"], drop: ["ALL"] }, runAsNonRoot: true, runAsUser: 101 },
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "IngressClass",
      metadata: { name: "nginx", labels: controller },
      spec: { controller: "k8s.io/ingress-nginx" },
    },
  ];
}

function metallb(cfg: ClusterConfig): KObject[] {
  const ns = "metallb-system";
  const out: KObject[] = [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { "pod-security.kubernetes.io/audit": "privileged", "pod-security.kubernetes.io/enforce": "privileged", "pod-security.kubernetes.io/warn": "privileged" } } },
    sa(ns, "controller"),
    sa(ns, "speaker"),
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "controller", namespace: ns, labels: { app: "metallb", component: "controller" } },
      spec: {
        selector: { matchLabels: { app: "metallb", component: "controller" } },
        template: {
          metadata: { labels: { app: "metallb", component: "controller" } },
          spec: {
            serviceAccountName: "controller",
            nodeSelector: { "kubernetes.io/os": "linux" },
            containers: [{ name: "controller", image: "quay.io/metallb/controller:v0.14.9", args: ["--port=7472", "--log-level=info"], ports: [{ containerPort: 7472, name: "monitoring" }] }],
          },
        },
      },
    },
    {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { name: "speaker", namespace: ns, labels: { app: "metallb", component: "speaker" } },
      spec: {
        selector: { matchLabels: { app: "metallb", component: "speaker" } },
        template: {
          metadata: { labels: { app: "metallb", component: "speaker" } },
          spec: {
            serviceAccountName: "speaker",
            hostNetwork: true,
            nodeSelector: { "kubernetes.io/os": "linux" },
            tolerations: [
              { effect: "NoSchedule", key: "node-role.kubernetes.io/master", operator: "Exists" },
              { effect: "NoSchedule", key: "node-role.kubernetes.io/control-plane", operator: "Exists" },
            ],
            containers: [{ name: "speaker", image: "quay.io/metallb/speaker:v0.14.9", args: ["--port=7472", "--log-level=info"], ports: [{ containerPort: 7472, name: "monitoring" }] }],
          },
        },
      },
    },
  ];
  if (cfg.loadBalancerPool.length) {
    out.push(
      { apiVersion: "metallb.io/v1beta1", kind: "IPAddressPool", metadata: { name: "default-pool", namespace: ns }, spec: { addresses: [...cfg.loadBalancerPool], autoAssign: true, avoidBuggyIPs: false } },
    );
  }
  return out;
}

export function addonObjects(cfg: ClusterConfig): KObject[] {
  const out: KObject[] = [];
  if (cfg.loadBalancerPool.length || cfg.addons.includes("metallb")) out.push(...metallb(cfg));
  if (cfg.addons.includes("ingress-nginx")) out.push(...ingressNginx(cfg));
  return out;
}
