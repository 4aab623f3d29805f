// What the CNI set up on nodes and in pods: addresses (`ip addr`), routes
// (`ip route`) and, for Calico, `calicoctl node status`. Calico: IP-in-IP over
// tunl0 with BGP-learnt block routes; Flannel: VXLAN over flannel.1 and the cni0
// bridge; Cilium and Weave in outline.
import type { ClusterView } from "../view.ts";
import type { Source } from "../net/types.ts";
import { netModel, type NetModel, type NodeInfo, type PodInfo } from "../net/model.ts";
import { compareIp, ipToInt, nthAddress, parseCidr } from "../net/ip.ts";
import { kubeIpvs0Addresses } from "../proxy/index.ts";
import { caliVethName, dockerMac, lxcVethName, macFor, vethName } from "./names.ts";
import type { CalicoWorkload } from "./calico-iptables.ts";

export { caliVethName } from "./names.ts";

interface Route {
  dst: string; // "default", "10.244.1.0/24", "192.168.1.5"
  text: string; // the rest of the line after dst, without the trailing space
}

function sortRoutes(routes: Route[]): Route[] {
  const key = (r: Route) => {
    if (r.dst === "default") return [-1, 0];
    const d = r.dst.replace(/^blackhole /, "");
    const c = parseCidr(d);
    return [c ? c.base : ipToInt(d), c ? c.bits : 32];
  };
  return [...routes].sort((a, b) => {
    const [x1, y1] = key(a);
    const [x2, y2] = key(b);
    return x1 - x2 || y1 - y2;
  });
}

// iproute2 ends every route line with a space.
function renderRoutes(routes: Route[]): string {
  return sortRoutes(routes)
    .map((r) => `${r.dst} ${r.text} `)
    .join("\n")
    .concat(routes.length ? "\n" : "");
}

function gateway(node: NodeInfo): string {
  return node.ip.replace(/\.\d+$/, ".1");
}

function nodeLan(node: NodeInfo): Route {
  return { dst: `${node.ip.split(".").slice(0, 2).join(".")}.0.0/16`, text: `dev eth0 proto kernel scope link src ${node.ip}` };
}

function blocksOf(view: ClusterView, _model: NetModel, node: NodeInfo): string[] {
  const b = view.podBlocks(node.name);
  if (b.length) return [...b];
  // Calico claims blocks only when a node needs pod addresses; the others use the node's podCIDR.
  if (view.config.cni === "calico") return [];
  return node.podCIDR ? [node.podCIDR] : [];
}

function localPods(model: NetModel, node: NodeInfo): PodInfo[] {
  return model.pods.filter((p) => p.nodeName === node.name && p.ip && !p.hostNetwork && p.phase === "Running").sort((a, b) => compareIp(a.ip!, b.ip!));
}

/** The workload endpoints Felix sees on a node: its running pods with an address, by veth name and profiles. */
export function calicoWorkloads(view: ClusterView, nodeName: string): CalicoWorkload[] {
  const model = netModel(view);
  const node = model.node(nodeName);
  if (!node) return [];
  return localPods(model, node).map((p) => ({
    iface: caliVethName(p.namespace, p.name),
    namespace: p.namespace,
    serviceAccount: String((p.obj.spec as { serviceAccountName?: string } | undefined)?.serviceAccountName || "default"),
  }));
}

function nodeRoutes(view: ClusterView, model: NetModel, node: NodeInfo): Route[] {
  const routes: Route[] = [{ dst: "default", text: `via ${gateway(node)} dev eth0` }, nodeLan(node)];
  const cni = view.config.cni;
  for (const other of model.nodes) {
    const blocks = blocksOf(view, model, other);
    for (const block of blocks) {
      const c = parseCidr(block);
      if (!c) continue;
      if (other.name === node.name) {
        if (cni === "calico") routes.push({ dst: `blackhole ${block}`, text: "proto bird" });
        else if (cni === "flannel") routes.push({ dst: block, text: `dev cni0 proto kernel scope link src ${nthAddress(block, 1)}` });
        else if (cni === "cilium") routes.push({ dst: block, text: `via ${nthAddress(block, 1)} dev cilium_host proto kernel src ${nthAddress(block, 1)}` });
      } else {
        if (cni === "calico") routes.push({ dst: block, text: `via ${other.ip} dev tunl0 proto bird onlink` });
        else if (cni === "flannel") routes.push({ dst: block, text: `via ${nthAddress(block, 0)} dev flannel.1 onlink` });
        else if (cni === "cilium") routes.push({ dst: block, text: `via ${nthAddress(blocksOf(view, model, node)[0] ?? block, 1)} dev cilium_host proto kernel src ${nthAddress(blocksOf(view, model, node)[0] ?? block, 1)} mtu 1450` });
      }
    }
  }
  if (cni === "calico") for (const p of localPods(model, node)) routes.push({ dst: p.ip!, text: `dev ${caliVethName(p.namespace, p.name)} scope link` });
  if (cni === "cilium") {
    const own = blocksOf(view, model, node)[0];
    if (own) routes.push({ dst: nthAddress(own, 1), text: "dev cilium_host proto kernel scope link" });
  }
  if (cni === "weave") routes.push({ dst: view.config.podCIDR, text: `dev weave proto kernel scope link src ${weaveAddress(view, model, node)}` });
  return routes;
}

function weaveAddress(view: ClusterView, model: NetModel, node: NodeInfo): string {
  const i = Math.max(0, model.nodes.findIndex((n) => n.name === node.name));
  return nthAddress(view.config.podCIDR, 1 + i * 4096);
}

function podRoutes(view: ClusterView, model: NetModel, pod: PodInfo): Route[] {
  const node = pod.nodeName ? model.node(pod.nodeName) : undefined;
  if (pod.hostNetwork && node) return nodeRoutes(view, model, node);
  if (!pod.ip) return [];
  switch (view.config.cni) {
    case "calico":
      return [{ dst: "default", text: "via 169.254.1.1 dev eth0" }, { dst: "169.254.1.1", text: "dev eth0 scope link" }];
    case "flannel": {
      const block = (node && blocksOf(view, model, node)[0]) ?? `${pod.ip.replace(/\.\d+$/, ".0")}/24`;
      const gw = nthAddress(block, 1);
      return [{ dst: "default", text: `via ${gw} dev eth0` }, { dst: view.config.podCIDR, text: `via ${gw} dev eth0` }, { dst: block, text: `dev eth0 proto kernel scope link src ${pod.ip}` }];
    }
    case "cilium": {
      const block = node ? blocksOf(view, model, node)[0] : undefined;
      const gw = block ? nthAddress(block, 1) : pod.ip;
      return [{ dst: "default", text: `via ${gw} dev eth0 mtu 1450` }, { dst: gw, text: "dev eth0 scope link" }];
    }
    case "weave":
      return [{ dst: "default", text: `via ${node ? weaveAddress(view, model, node) : pod.ip} dev eth0` }, { dst: view.config.podCIDR, text: `dev eth0 proto kernel scope link src ${pod.ip}` }];
  }
}

function resolveWhere(view: ClusterView, where: Source): { node?: NodeInfo; pod?: PodInfo; model: NetModel } {
  const model = netModel(view);
  if (where.kind === "node") return { node: model.node(where.name), model };
  if (where.kind === "pod") return { pod: model.pod(where.namespace, where.name), model };
  return { model };
}

/** `ip route` on a node or in a pod. */
export function ipRoute(view: ClusterView, where: Source): string {
  const { node, pod, model } = resolveWhere(view, where);
  if (node) return renderRoutes(nodeRoutes(view, model, node));
  if (pod) return renderRoutes(podRoutes(view, model, pod));
  return "";
}

/**
 * The address a node answers from when it routes pod traffic (what traceroute shows for that hop):
 * "gateway" for the node a packet leaves from, "tunnel" for the node it is decapsulated on.
 */
export function routerAddress(view: ClusterView, nodeName: string, role: "gateway" | "tunnel"): string | undefined {
  const model = netModel(view);
  const node = model.node(nodeName);
  if (!node) return undefined;
  const block = blocksOf(view, model, node)[0];
  switch (view.config.cni) {
    case "calico":
      return role === "gateway" || !block ? node.ip : nthAddress(block, 0);
    case "flannel":
      return block ? nthAddress(block, role === "gateway" ? 1 : 0) : node.ip;
    case "cilium":
      return block ? nthAddress(block, 1) : node.ip;
    case "weave":
      return weaveAddress(view, model, node);
  }
}

// ---- ip addr -----------------------------------------------------------------

interface Link {
  name: string;
  flags: string;
  mtu: number;
  qdisc: string;
  state: string;
  qlen?: number;
  linkType: string; // "link/ether 02:42:.. brd ff:ff:ff:ff:ff:ff"
  linkExtra?: string; // " link-netnsid 0"
  addrs: string[]; // "inet 172.18.0.3/16 brd 172.18.255.255 scope global eth0"
}

function loopback(): Link {
  return {
    name: "lo",
    flags: "<LOOPBACK,UP,LOWER_UP>",
    mtu: 65536,
    qdisc: "noqueue",
    state: "UNKNOWN",
    qlen: 1000,
    linkType: "link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00",
    addrs: ["inet 127.0.0.1/8 scope host lo", "inet6 ::1/128 scope host "],
  };
}

function renderLinks(links: Link[], peerIndex: (l: Link, i: number) => string = () => ""): string {
  const out: string[] = [];
  links.forEach((l, i) => {
    out.push(`${i + 1}: ${l.name}${peerIndex(l, i)}: ${l.flags} mtu ${l.mtu} qdisc ${l.qdisc} state ${l.state} group default${l.qlen !== undefined ? ` qlen ${l.qlen}` : " "}`);
    out.push(`    ${l.linkType}${l.linkExtra ?? ""}`);
    for (const a of l.addrs) out.push(`    ${a}`, "       valid_lft forever preferred_lft forever");
  });
  return out.join("\n") + "\n";
}

function broadcast(cidr: string): string {
  const c = parseCidr(cidr);
  if (!c) return "";
  const size = 2 ** (32 - c.bits);
  return nthAddress(cidr, size - 1);
}

function nodeLinks(view: ClusterView, model: NetModel, node: NodeInfo): Link[] {
  const cni = view.config.cni;
  const links: Link[] = [loopback()];
  const own = blocksOf(view, model, node)[0];
  if (cni === "calico") {
    const addrs = own ? [`inet ${nthAddress(own, 0)}/32 scope global tunl0`] : [];
    links.push({ name: "tunl0@NONE", flags: "<NOARP,UP,LOWER_UP>", mtu: 1480, qdisc: "noqueue", state: "UNKNOWN", qlen: 1000, linkType: "link/ipip 0.0.0.0 brd 0.0.0.0", addrs });
  }
  const ipvs = kubeIpvs0Addresses(view, node.name);
  if (view.proxyModeOn(node.name) === "ipvs") {
    links.push({ name: "kube-ipvs0", flags: "<BROADCAST,NOARP>", mtu: 1500, qdisc: "noop", state: "DOWN", linkType: `link/ether ${macFor(`kube-ipvs0/${node.name}`)} brd ff:ff:ff:ff:ff:ff`, addrs: ipvs.map((ip) => `inet ${ip}/32 scope global kube-ipvs0`) });
  }
  const lan = nodeLan(node).dst;
  links.push({
    name: "eth0@if" + (10 + model.nodes.findIndex((n) => n.name === node.name)),
    flags: "<BROADCAST,MULTICAST,UP,LOWER_UP>",
    mtu: 1500,
    qdisc: "noqueue",
    state: "UP",
    linkType: `link/ether ${dockerMac(node.ip)} brd ff:ff:ff:ff:ff:ff`,
    linkExtra: " link-netnsid 0",
    addrs: [`inet ${node.ip}/16 brd ${broadcast(lan)} scope global eth0`],
  });
  const pods = localPods(model, node);
  if (cni === "flannel" && own) {
    links.push({ name: "flannel.1", flags: "<BROADCAST,MULTICAST,UP,LOWER_UP>", mtu: 1450, qdisc: "noqueue", state: "UNKNOWN", linkType: `link/ether ${macFor(`flannel.1/${node.name}`)} brd ff:ff:ff:ff:ff:ff`, addrs: [`inet ${nthAddress(own, 0)}/32 scope global flannel.1`] });
    if (pods.length) links.push({ name: "cni0", flags: "<BROADCAST,MULTICAST,UP,LOWER_UP>", mtu: 1450, qdisc: "noqueue", state: "UP", qlen: 1000, linkType: `link/ether ${macFor(`cni0/${node.name}`)} brd ff:ff:ff:ff:ff:ff`, addrs: [`inet ${nthAddress(own, 1)}/24 brd ${broadcast(own)} scope global cni0`] });
  }
  if (cni === "cilium" && own) {
    links.push({ name: "cilium_net@cilium_host", flags: "<BROADCAST,MULTICAST,NOARP,UP,LOWER_UP>", mtu: 1500, qdisc: "noqueue", state: "UP", qlen: 1000, linkType: `link/ether ${macFor(`cilium_net/${node.name}`)} brd ff:ff:ff:ff:ff:ff`, addrs: [] });
    links.push({ name: "cilium_host@cilium_net", flags: "<BROADCAST,MULTICAST,NOARP,UP,LOWER_UP>", mtu: 1500, qdisc: "noqueue", state: "UP", qlen: 1000, linkType: `link/ether ${macFor(`cilium_host/${node.name}`)} brd ff:ff:ff:ff:ff:ff`, addrs: [`inet ${nthAddress(own, 1)}/32 scope global cilium_host`] });
    links.push({ name: "cilium_vxlan", flags: "<BROADCAST,MULTICAST,UP,LOWER_UP>", mtu: 1500, qdisc: "noqueue", state: "UNKNOWN", qlen: 1000, linkType: `link/ether ${macFor(`cilium_vxlan/${node.name}`)} brd ff:ff:ff:ff:ff:ff`, addrs: [] });
  }
  if (cni === "weave") {
    links.push({ name: "weave", flags: "<BROADCAST,MULTICAST,UP,LOWER_UP>", mtu: 1376, qdisc: "noqueue", state: "UP", qlen: 1000, linkType: `link/ether ${macFor(`weave/${node.name}`)} brd ff:ff:ff:ff:ff:ff`, addrs: [`inet ${weaveAddress(view, model, node)}/${parseCidr(view.config.podCIDR)?.bits ?? 12} brd ${broadcast(view.config.podCIDR)} scope global weave`] });
  }
  pods.forEach((p, i) => {
    const name = cni === "calico" ? caliVethName(p.namespace, p.name) : cni === "cilium" ? lxcVethName(p.namespace, p.name) : vethName(p.namespace, p.name);
    links.push({
      name: `${name}@if2`,
      flags: "<BROADCAST,MULTICAST,UP,LOWER_UP>",
      mtu: cni === "calico" ? 1480 : cni === "flannel" ? 1450 : 1500,
      qdisc: "noqueue",
      state: "UP",
      qlen: 1000,
      // Calico gives every host-side veth the same fixed MAC.
      linkType: `link/ether ${cni === "calico" ? "ee:ee:ee:ee:ee:ee" : macFor(`${name}/host`)} brd ff:ff:ff:ff:ff:ff`,
      linkExtra: ` link-netns cni-${macFor(`${p.namespace}/${p.name}/ns`).replace(/:/g, "")}-${i}`,
      addrs: [],
    });
  });
  return links;
}

function podLinks(view: ClusterView, model: NetModel, pod: PodInfo): Link[] {
  const node = pod.nodeName ? model.node(pod.nodeName) : undefined;
  if (pod.hostNetwork && node) return nodeLinks(view, model, node);
  const links: Link[] = [loopback()];
  const cni = view.config.cni;
  if (cni === "calico") links.push({ name: "tunl0@NONE", flags: "<NOARP>", mtu: 1480, qdisc: "noop", state: "DOWN", qlen: 1000, linkType: "link/ipip 0.0.0.0 brd 0.0.0.0", addrs: [] });
  if (!pod.ip) return links;
  const prefix = cni === "calico" ? "32" : cni === "flannel" ? "24" : cni === "weave" ? String(parseCidr(view.config.podCIDR)?.bits ?? 12) : "32";
  const brd = prefix === "32" ? "" : ` brd ${broadcast(`${pod.ip}/${prefix}`)}`;
  links.push({
    name: "eth0@if" + (5 + model.pods.indexOf(pod) % 50),
    flags: "<BROADCAST,MULTICAST,UP,LOWER_UP>",
    mtu: cni === "calico" ? 1480 : cni === "flannel" ? 1450 : cni === "weave" ? 1376 : 1500,
    qdisc: "noqueue",
    state: "UP",
    qlen: 1000, // a veth's default txqueuelen
    linkType: `link/ether ${macFor(`${pod.namespace}/${pod.name}/eth0`)} brd ff:ff:ff:ff:ff:ff`,
    linkExtra: " link-netnsid 0",
    addrs: [`inet ${pod.ip}/${prefix}${brd} scope global eth0`],
  });
  return links;
}

/**
 * The node's own IPv4 addresses on every interface but lo and kube-ipvs0 (eth0, and
 * cni0/flannel.1 or tunl0): where IPVS kube-proxy opens NodePorts when nodePortAddresses
 * is unset (ipvs/proxier.go: GetAllLocalAddressesExcept(kube-ipvs0), loopback filtered).
 */
export function nodeLocalAddresses(view: ClusterView, nodeName: string): string[] {
  const model = netModel(view);
  const node = model.node(nodeName);
  if (!node) return [];
  const out: string[] = [];
  for (const link of nodeLinks(view, model, node)) {
    if (link.name === "lo" || link.name === "kube-ipvs0") continue;
    for (const a of link.addrs) {
      const m = /^inet (\S+)\//.exec(a);
      if (m) out.push(m[1]);
    }
  }
  return out;
}

/** `ip addr` on a node or in a pod. */
export function ipAddr(view: ClusterView, where: Source): string {
  const { node, pod, model } = resolveWhere(view, where);
  if (node) return renderLinks(nodeLinks(view, model, node));
  if (pod) return renderLinks(podLinks(view, model, pod));
  return "";
}

// ---- calicoctl node status ----------------------------------------------------

function hhmmss(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

/** olekukonko/tablewriter defaults: borders, headers upper-case and centred, cells left-aligned with one space. */
function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)) + 2);
  const line = "+" + widths.map((w) => "-".repeat(w)).join("+") + "+";
  const center = (s: string, w: number) => {
    const gap = w - s.length;
    const left = Math.floor(gap / 2);
    return " ".repeat(left) + s + " ".repeat(gap - left);
  };
  const out = [line, "|" + headers.map((h, i) => center(h, widths[i])).join("|") + "|", line];
  for (const r of rows) out.push("|" + r.map((c, i) => ` ${c}`.padEnd(widths[i])).join("|") + "|");
  out.push(line);
  return out.join("\n");
}

export function calicoNodeStatus(view: ClusterView, nodeName: string): { stdout: string; exitCode: number } | null {
  if (view.config.cni !== "calico") return null;
  const model = netModel(view);
  const node = model.node(nodeName);
  const running = model.pods.some((p) => p.nodeName === nodeName && p.labels["k8s-app"] === "calico-node" && p.phase === "Running");
  const hasCalicoPods = model.pods.some((p) => p.labels["k8s-app"] === "calico-node");
  if (!node || (hasCalicoPods && !running)) return { stdout: "Calico process is not running.\n", exitCode: 1 };
  const peers = model.nodes.filter((n) => n.name !== nodeName).sort((a, b) => compareIp(a.ip, b.ip));
  const since = nodeSince(view, nodeName);
  const rows = peers.map((p) => [p.ip, "node-to-node mesh", "up", hhmmss(since), "Established"]);
  const text = ["Calico process is running.", "", "IPv4 BGP status", rows.length ? table(["PEER ADDRESS", "PEER TYPE", "STATE", "SINCE", "INFO"], rows) : "No IPv4 peers found.", "", "IPv6 BGP status", "No IPv6 peers found.", "", ""].join("\n");
  return { stdout: text, exitCode: 0 };
}

/** BGP sessions came up when calico-node started on the node. */
function nodeSince(view: ClusterView, nodeName: string): number {
  const pod = view.objects("pods", "kube-system").find((p) => p.metadata.labels?.["k8s-app"] === "calico-node" && (p.spec as { nodeName?: string } | undefined)?.nodeName === nodeName);
  const started = (pod?.status as { startTime?: string } | undefined)?.startTime ?? pod?.metadata.creationTimestamp ?? view.objects("nodes").find((n) => n.metadata.name === nodeName)?.metadata.creationTimestamp;
  const t = started ? Date.parse(started) : NaN;
  return Number.isNaN(t) ? view.now() : t;
}
