// What a container prints when it starts, for `kubectl logs`. Only images whose
// real start-up output we know are listed (nginx, kube-proxy, CoreDNS); the rest start silently.
import type { KObject } from "../api/types.ts";
import type { ClusterConfig } from "../types.ts";
import { sha512 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { fnv32a } from "./hash.ts";

type Container = { name?: string; image?: string; command?: unknown; args?: unknown };

function repo(image: string): string {
  const noDigest = image.split("@")[0];
  const last = noDigest.lastIndexOf(":");
  const noTag = last > noDigest.lastIndexOf("/") ? noDigest.slice(0, last) : noDigest;
  return noTag.replace(/^docker\.io\//, "").replace(/^library\//, "");
}

/** nginx's docker-entrypoint.sh and the master/worker notices (nginx 1.27 on Debian bookworm). */
function nginxLines(now: number): string[] {
  const d = new Date(now);
  const p = (n: number) => String(n).padStart(2, "0");
  const t = `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  return [
    "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
    "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
    "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
    "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
    "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
    "/docker-entrypoint.sh: Configuration complete; ready for start up",
    `${t} [notice] 1#1: using the "epoll" event method`,
    `${t} [notice] 1#1: nginx/1.27.3`,
    `${t} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) `,
    `${t} [notice] 1#1: OS: Linux 6.1.0-28-amd64`,
    `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
    `${t} [notice] 1#1: start worker processes`,
    // worker_processes auto: one per CPU (the nodes have 4).
    ...[29, 30, 31, 32].map((pid) => `${t} [notice] 1#1: start worker process ${pid}`),
  ];
}

/** klog's header: `I1212 03:47:15.257067       1 file.go:66] ` (severity, MMDD, time to the microsecond, thread id). */
function klog(severity: "I" | "E", ms: number, micros: number, where: string, msg: string): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  const us = (ms % 1000) * 1000 + micros;
  return `${severity}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(Math.floor(us), 6)} ${String(1).padStart(7)} ${where}] ${msg}`;
}

/**
 * kube-proxy v1.31/1.32 starting on a kubeadm node (read off a real `kubectl logs` of a
 * fresh kubeadm cluster; the ipvs line is the same function's other branch). "Using iptables
 * proxy" is only printed when the configured mode is empty, as kubeadm leaves it.
 */
function kubeProxyLines(now: number, mode: string, nodeIP: string, configuredMode: string | undefined, version: string, startUs: number): string[] {
  // Offsets (µs) between the lines, as in the capture: most of the wait is fetching the node.
  const at = (offsetUs: number) => now + Math.floor((startUs + offsetUs) / 1000);
  const line = (sev: "I" | "E", offsetUs: number, where: string, msg: string) => klog(sev, at(offsetUs), (startUs + offsetUs) % 1000, where, msg);
  const out: string[] = [];
  if (!configuredMode) out.push(line("I", 0, "server_linux.go:66", `"Using iptables proxy"`));
  out.push(
    line("I", 440165, "server.go:677", `"Successfully retrieved node IP(s)" IPs=["${nodeIP}"]`),
    line("I", 442610, "conntrack.go:121", `"Set sysctl" entry="net/netfilter/nf_conntrack_max" value=131072`),
    line("I", 442748, "conntrack.go:60", `"Setting nf_conntrack_max" nfConntrackMax=131072`),
    line("I", 443055, "conntrack.go:121", `"Set sysctl" entry="net/netfilter/nf_conntrack_tcp_timeout_established" value=86400`),
    line("I", 443191, "conntrack.go:121", `"Set sysctl" entry="net/netfilter/nf_conntrack_tcp_timeout_close_wait" value=3600`),
    line("E", 443297, "server.go:234", `"Kube-proxy configuration may be incomplete or incorrect" err="nodePortAddresses is unset; NodePort connections will be accepted on all local IPs. Consider using \`--nodeport-addresses primary\`"`),
    line("I", 530538, "server.go:243", `"kube-proxy running in dual-stack mode" primary ipFamily="IPv4"`),
  );
  if (mode === "ipvs") out.push(line("I", 530664, "server_linux.go:230", `"Using ipvs Proxier"`));
  else {
    out.push(
      line("I", 530664, "server_linux.go:169", `"Using iptables Proxier"`),
      line("I", 533366, "proxier.go:255", `"Setting route_localnet=1 to allow node-ports on localhost; to change this either disable iptables.localhostNodePorts (--iptables-localhost-nodeports) or set nodePortAddresses (--nodeport-addresses) to filter loopback addresses" ipFamily="IPv4"`),
    );
  }
  out.push(
    line("I", 533875, "server.go:483", `"Version info" version="${version}"`),
    line("I", 533941, "server.go:485", `"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""`),
    line("I", 537123, "config.go:197", `"Starting service config controller"`),
    line("I", 539759, "shared_informer.go:313", "Waiting for caches to sync for service config"),
    line("I", 537391, "config.go:104", `"Starting endpoint slice config controller"`),
    line("I", 539789, "shared_informer.go:313", "Waiting for caches to sync for endpoint slice config"),
    line("I", 538570, "config.go:326", `"Starting node config controller"`),
    line("I", 539797, "shared_informer.go:313", "Waiting for caches to sync for node config"),
    line("I", 640762, "shared_informer.go:320", "Caches are synced for node config"),
    line("I", 640822, "shared_informer.go:320", "Caches are synced for service config"),
    line("I", 641044, "shared_informer.go:320", "Caches are synced for endpoint slice config"),
  );
  return out;
}

/**
 * CoreDNS 1.11.3's banner: the server block, the reload plugin's hash of the Corefile it
 * loaded (SHA-512 of the file's bytes), the version and the build (platform, Go, commit).
 */
function corednsLines(corefile: string): string[] {
  return [".:53", `[INFO] plugin/reload: Running configuration SHA512 = ${bytesToHex(sha512(utf8ToBytes(corefile)))}`, "CoreDNS-1.11.3", "linux/amd64, go1.21.11, a6338e9"];
}

export interface StartupContext {
  /** The mode the kube-proxy pod started with. */
  proxyMode?: string;
  config?: ClusterConfig;
  /** The mode its ConfigMap names ("" when unset, as kubeadm leaves it). */
  configuredProxyMode?: string;
  /** The coredns ConfigMap's Corefile. */
  corefile?: string;
}

export function startupLog(c: Container, pod: KObject, now: number, sc: StartupContext = {}): string[] {
  const r = repo(c.image ?? "");
  if (r === "registry.k8s.io/kube-proxy") {
    const hostIP = (pod.status as { hostIP?: string } | undefined)?.hostIP ?? "";
    // The process starts some microseconds into the kubelet's millisecond; each pod its own.
    const startUs = fnv32a(pod.metadata.uid ?? pod.metadata.name ?? "") % 1000;
    return kubeProxyLines(now, sc.proxyMode ?? sc.config?.proxyMode ?? "iptables", hostIP, sc.configuredProxyMode, sc.config?.kubernetesVersion ?? "v1.32.0", startUs);
  }
  if (r === "registry.k8s.io/coredns/coredns" || r === "coredns/coredns") return sc.corefile === undefined ? [] : corednsLines(sc.corefile);
  // A custom command replaces the entrypoint, and with it the banner.
  if (c.command !== undefined) return [];
  if (r === "nginx") return nginxLines(now);
  return [];
}
