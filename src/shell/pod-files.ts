// The files and environment the kubelet and the container runtime give a container:
// /etc/resolv.conf (containerd writes search, nameserver, options in that order),
// /etc/hosts (kubelet-managed), /etc/hostname and the Service link variables.
import type { Cluster, KObject } from "../cluster/index.ts";

type Obj = Record<string, any>;

/** The kube-dns Service address; kubeadm puts it at the 10th address of the Service range. */
export function clusterDnsIp(cluster: Cluster): string {
  const svc = cluster.get({ group: "", resource: "services", namespace: "kube-system", name: "kube-dns" });
  const ip = svc.ok ? ((svc.value as Obj).spec?.clusterIP as string | undefined) : undefined;
  if (ip && ip !== "None") return ip;
  const [base] = cluster.config.serviceCIDR.split("/");
  const parts = base.split(".").map(Number);
  parts[3] += 10;
  return parts.join(".");
}

/** A node's own resolv.conf: Ubuntu's systemd-resolved stub. */
export const NODE_RESOLV_CONF = "nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch .\n";

export function resolvConf(cluster: Cluster, pod: KObject): string {
  const spec = (pod as Obj).spec ?? {};
  const policy: string = spec.dnsPolicy ?? "ClusterFirst";
  const hostNetwork = spec.hostNetwork === true;
  const dnsConfig: Obj = spec.dnsConfig ?? {};
  const domain = cluster.config.clusterDomain;
  const ns = pod.metadata.namespace ?? "default";
  let search: string[] = [];
  let servers: string[] = [];
  let options: string[] = [];
  const clusterFirst = policy === "ClusterFirstWithHostNet" || (policy === "ClusterFirst" && !hostNetwork);
  if (policy === "None") {
    // only dnsConfig below
  } else if (clusterFirst) {
    search = [`${ns}.svc.${domain}`, `svc.${domain}`, domain];
    servers = [clusterDnsIp(cluster)];
    options = ["ndots:5"];
  } else {
    return NODE_RESOLV_CONF;
  }
  search.push(...((dnsConfig.searches as string[]) ?? []));
  servers.push(...((dnsConfig.nameservers as string[]) ?? []));
  for (const o of (dnsConfig.options as { name: string; value?: string }[]) ?? []) {
    const text = o.value !== undefined ? `${o.name}:${o.value}` : o.name;
    const at = options.findIndex((x) => x.split(":")[0] === o.name);
    if (at >= 0) options[at] = text;
    else options.push(text);
  }
  const lines: string[] = [];
  if (search.length) lines.push(`search ${search.join(" ")}`);
  for (const s of servers) lines.push(`nameserver ${s}`);
  if (options.length) lines.push(`options ${options.join(" ")}`);
  return lines.join("\n") + "\n";
}

/** The hostname a container sees: spec.hostname when set, else the pod name. */
export function podHostname(pod: KObject): string {
  return ((pod as Obj).spec?.hostname as string | undefined) ?? pod.metadata.name ?? "";
}

export function hostsFile(cluster: Cluster, pod: KObject): string {
  const spec = (pod as Obj).spec ?? {};
  let text =
    "# Kubernetes-managed hosts file.\n" +
    "127.0.0.1\tlocalhost\n" +
    "::1\tlocalhost ip6-localhost ip6-loopback\n" +
    "fe00::0\tip6-localnet\n" +
    "fe00::0\tip6-mcastprefix\n" +
    "fe00::1\tip6-allnodes\n" +
    "fe00::2\tip6-allrouters\n";
  const ip: string | undefined = (pod as Obj).status?.podIP;
  const hostname = podHostname(pod);
  if (ip) {
    text += spec.subdomain
      ? `${ip}\t${hostname}.${spec.subdomain}.${pod.metadata.namespace}.svc.${cluster.config.clusterDomain}\t${hostname}\n`
      : `${ip}\t${hostname}\n`;
  }
  const aliases = (spec.hostAliases as { ip: string; hostnames?: string[] }[]) ?? [];
  if (aliases.length) {
    text += "\n# Entries added by HostAliases.\n";
    for (const a of aliases) text += `${a.ip}\t${(a.hostnames ?? []).join("\t")}\n`;
  }
  return text;
}

function envName(service: string): string {
  return service.toUpperCase().replace(/-/g, "_");
}

/** Docker-link style variables for one Service (kubelet envvars.FromServices). */
function serviceVars(svc: Obj): [string, string][] {
  const ip: string | undefined = svc.spec?.clusterIP;
  const ports: Obj[] = svc.spec?.ports ?? [];
  if (!ip || ip === "None" || ports.length === 0) return [];
  const name = envName(svc.metadata.name);
  const vars: [string, string][] = [
    [`${name}_SERVICE_HOST`, ip],
    [`${name}_SERVICE_PORT`, String(ports[0].port)],
  ];
  for (const p of ports) if (p.name) vars.push([`${name}_SERVICE_PORT_${envName(p.name)}`, String(p.port)]);
  const first = ports[0];
  const proto = (p: Obj) => String(p.protocol ?? "TCP").toLowerCase();
  vars.push([`${name}_PORT`, `${proto(first)}://${ip}:${first.port}`]);
  for (const p of ports) {
    const prefix = `${name}_PORT_${p.port}_${String(p.protocol ?? "TCP").toUpperCase()}`;
    vars.push([prefix, `${proto(p)}://${ip}:${p.port}`]);
    vars.push([`${prefix}_PROTO`, proto(p)]);
    vars.push([`${prefix}_PORT`, String(p.port)]);
    vars.push([`${prefix}_ADDR`, ip]);
  }
  return vars;
}

/**
 * The Service variables fixed when the container was created: every Service of the
 * pod's namespace that existed then, plus `kubernetes` from default.
 */
export function serviceEnv(cluster: Cluster, pod: KObject): Record<string, string> {
  const spec = (pod as Obj).spec ?? {};
  const created = Date.parse(pod.metadata.creationTimestamp ?? "") || cluster.now();
  const ns = pod.metadata.namespace ?? "default";
  const env: Record<string, string> = {};
  const existedThen = (svc: KObject) => (Date.parse(svc.metadata.creationTimestamp ?? "") || 0) <= created;
  if (spec.enableServiceLinks !== false) {
    const list = cluster.list({ group: "", resource: "services" }, { namespace: ns });
    for (const svc of list.ok ? list.value : []) {
      if (svc.metadata.name === "kubernetes" && ns === "default") continue;
      if (existedThen(svc)) for (const [k, v] of serviceVars(svc)) env[k] = v;
    }
  }
  const k8s = cluster.get({ group: "", resource: "services", namespace: "default", name: "kubernetes" });
  if (k8s.ok) for (const [k, v] of serviceVars(k8s.value)) env[k] = v;
  return env;
}

/** Literal `env:` values of a container (valueFrom references are resolved when they are plain). */
export function containerEnv(cluster: Cluster, pod: KObject, container: string): Record<string, string> {
  const c = (((pod as Obj).spec?.containers as Obj[]) ?? []).find((x) => x.name === container);
  const env: Record<string, string> = {};
  for (const e of (c?.env as Obj[]) ?? []) {
    if (typeof e.value === "string") env[e.name] = e.value;
    else if (e.valueFrom?.fieldRef?.fieldPath) env[e.name] = fieldRef(pod, e.valueFrom.fieldRef.fieldPath) ?? "";
    else if (e.valueFrom?.configMapKeyRef) {
      const ref = e.valueFrom.configMapKeyRef;
      const cm = cluster.get({ group: "", resource: "configmaps", namespace: pod.metadata.namespace, name: ref.name });
      if (cm.ok) env[e.name] = ((cm.value as Obj).data ?? {})[ref.key] ?? "";
    }
  }
  return env;
}

function fieldRef(pod: KObject, path: string): string | undefined {
  const p = pod as Obj;
  const table: Record<string, unknown> = {
    "metadata.name": p.metadata.name,
    "metadata.namespace": p.metadata.namespace,
    "spec.nodeName": p.spec?.nodeName,
    "spec.serviceAccountName": p.spec?.serviceAccountName,
    "status.podIP": p.status?.podIP,
    "status.hostIP": p.status?.hostIP,
  };
  const v = table[path];
  return v === undefined ? undefined : String(v);
}
