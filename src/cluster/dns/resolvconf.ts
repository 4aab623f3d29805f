// The files kubelet and the container runtime write into a pod: /etc/resolv.conf
// (search path, nameserver, ndots) and the kubelet-managed /etc/hosts.
import type { ClusterView } from "../view.ts";
import { netModel, type NetModel, type PodInfo } from "../net/model.ts";
import { nthAddress } from "../net/ip.ts";

export interface ResolverConfig {
  search: string[];
  nameservers: string[];
  ndots: number;
  options: string[];
}

/** The cluster DNS address: kube-dns's cluster IP, or kubeadm's 10th address of the Service CIDR. */
export function clusterDnsIP(view: ClusterView, model: NetModel = netModel(view)): string {
  return model.service("kube-system", "kube-dns")?.clusterIPs[0] ?? nthAddress(view.config.serviceCIDR, 10);
}

/** The upstream resolver nodes use (the node network's gateway); kubelet hands it to dnsPolicy Default pods. */
export function nodeResolver(view: ClusterView, nodeIP: string | undefined): ResolverConfig {
  const ip = nodeIP ?? view.config.nodes[0]?.ip ?? "172.18.0.2";
  return { search: [], nameservers: [ip.replace(/\.\d+$/, ".1")], ndots: 1, options: [] };
}

/** systemd-resolved's stub listener, which a node's own /etc/resolv.conf points at. */
export const NODE_STUB_RESOLVER = "127.0.0.53";

export function podResolver(view: ClusterView, pod: PodInfo): ResolverConfig {
  const model = netModel(view);
  const dnsConfig = ((pod.obj.spec as Record<string, unknown> | undefined)?.dnsConfig ?? {}) as { nameservers?: string[]; searches?: string[]; options?: { name: string; value?: string }[] };
  const node = pod.nodeName ? model.node(pod.nodeName) : undefined;
  const useCluster = pod.dnsPolicy === "ClusterFirst" ? !pod.hostNetwork : pod.dnsPolicy === "ClusterFirstWithHostNet";
  let cfg: ResolverConfig;
  if (pod.dnsPolicy === "None") cfg = { search: [], nameservers: [], ndots: 1, options: [] };
  else if (useCluster) {
    const d = view.config.clusterDomain;
    cfg = { search: [`${pod.namespace}.svc.${d}`, `svc.${d}`, d], nameservers: [clusterDnsIP(view, model)], ndots: 5, options: ["ndots:5"] };
  } else cfg = nodeResolver(view, node?.ip ?? pod.hostIP);
  cfg = { ...cfg, search: [...cfg.search, ...(dnsConfig.searches ?? [])], nameservers: [...cfg.nameservers, ...(dnsConfig.nameservers ?? [])] };
  for (const o of dnsConfig.options ?? []) {
    const text = o.value !== undefined ? `${o.name}:${o.value}` : o.name;
    cfg.options = [...cfg.options.filter((x) => x.split(":")[0] !== o.name), text];
    if (o.name === "ndots" && o.value !== undefined && /^\d+$/.test(o.value)) cfg.ndots = Number(o.value);
  }
  return cfg;
}

/** /etc/resolv.conf as containerd writes it: search, nameserver, options. */
export function resolvConf(view: ClusterView, pod: { namespace: string; name: string }): string {
  const p = netModel(view).pod(pod.namespace, pod.name);
  if (!p) return "";
  const cfg = podResolver(view, p);
  const lines: string[] = [];
  if (cfg.search.length) lines.push(`search ${cfg.search.join(" ")}`);
  for (const ns of cfg.nameservers) lines.push(`nameserver ${ns}`);
  if (cfg.options.length) lines.push(`options ${cfg.options.join(" ")}`);
  return lines.join("\n") + "\n";
}

/** The kubelet-managed /etc/hosts (pkg/kubelet/kubelet_pods.go managedHostsFileContent). */
export function hostsFile(view: ClusterView, pod: { namespace: string; name: string }): string {
  const p = netModel(view).pod(pod.namespace, pod.name);
  if (!p) return "";
  if (p.hostNetwork) {
    return ["127.0.0.1\tlocalhost", "::1\tlocalhost ip6-localhost ip6-loopback", "fe00::0\tip6-localnet", "ff00::0\tip6-mcastprefix", "ff02::1\tip6-allnodes", "ff02::2\tip6-allrouters", ""].join("\n");
  }
  const lines = [
    "# Kubernetes-managed hosts file.",
    "127.0.0.1\tlocalhost",
    "::1\tlocalhost ip6-localhost ip6-loopback",
    "fe00::0\tip6-localnet",
    "fe00::0\tip6-mcastprefix",
    "fe00::1\tip6-allnodes",
    "fe00::2\tip6-allrouters",
  ];
  const hostname = p.hostname ?? p.name;
  if (p.ip) {
    if (p.subdomain) lines.push(`${p.ip}\t${hostname}.${p.subdomain}.${p.namespace}.svc.${view.config.clusterDomain}\t${hostname}`);
    else lines.push(`${p.ip}\t${hostname}`);
  }
  const aliases = ((p.obj.spec as Record<string, unknown> | undefined)?.hostAliases ?? []) as { ip: string; hostnames?: string[] }[];
  if (aliases.length) {
    lines.push("", "# Entries added by HostAliases.");
    for (const a of aliases) lines.push(`${a.ip}\t${(a.hostnames ?? []).join("\t")}`);
  }
  return lines.join("\n") + "\n";
}
