// kube-proxy on one node, in the mode its running pod started with: the rule
// tables and their renderings for the shell's iptables, iptables-save and ipvsadm.
import type { ClusterView } from "../view.ts";
import type { ProxyMode, ProxyState } from "../types.ts";
import { memoPerGeneration, netModel } from "../net/model.ts";
import { buildIptables } from "./iptables.ts";
import { buildIpvsIptables, ipvsAddresses, renderIpvsadm, virtualServers } from "./ipvs.ts";
import { renderList, renderRules, renderSave, type ListResult } from "./render.ts";
import type { Table } from "./rules.ts";
import { conntrackList } from "../net/conntrack.ts";
import { buildMangle } from "./kubelet.ts";
import { addFlannelRules } from "../cni/flannel-iptables.ts";
import { calicoWorkloads, nodeLocalAddresses } from "../cni/index.ts";
import { addCalicoFilterRules, addCalicoMangleRules, addCalicoNatRules } from "../cni/calico-iptables.ts";

export type { ListResult } from "./render.ts";
export { portProtoHash, sepChain, svcChain, svlChain, extChain } from "./hash.ts";
export { virtualServers, ipvsAddresses } from "./ipvs.ts";
export { portPlan, proxiedPorts } from "./plan.ts";

export interface NodeTables {
  mode: ProxyMode;
  nat: Table;
  filter: Table;
  mangle: Table;
  /** Felix's per-workload filter chains, added the first time the filter table is read (see tableOf). */
  pendingFilter?: () => void;
}

const cache = new WeakMap<ClusterView, { gen: number; value: Map<string, NodeTables> }>();

/** The nat and filter tables on this node: kube-proxy's rules, kubelet's chains and the CNI's. */
function nodeTables(view: ClusterView, node: string): NodeTables {
  const perNode = memoPerGeneration(cache, view, () => new Map<string, NodeTables>());
  const hit = perNode.get(node);
  if (hit && hit.mode === view.proxyModeOn(node)) return hit;
  const model = netModel(view);
  const mode = view.proxyModeOn(node);
  const clusterCIDR = view.config.podCIDR || undefined;
  const nodeIP = model.node(node)?.ip;
  // A cluster configured for IPVS never ran the iptables proxier; one switched later keeps its canary.
  const proxyCanary = mode === "iptables" || view.config.proxyMode !== "ipvs";
  const tables = mode === "ipvs" ? buildIpvsIptables(model, node, { clusterCIDR, nodeIP, proxyCanary }) : buildIptables(model, node, { clusterCIDR, nodeIP });
  // The CNI's own rules share the tables (flanneld appends after kube-proxy's jumps).
  const lease = view.podBlocks(node)[0];
  if (view.config.cni === "flannel" && clusterCIDR && lease) addFlannelRules(tables.nat, tables.filter, clusterCIDR, lease);
  // Felix owns the cali-* chains; its pool masquerades by default and tunl0 exists once the node has a block.
  if (view.config.cni === "calico") addCalicoNatRules(tables.nat, { tunnelAddress: lease !== undefined, natOutgoing: true });
  // Beside an IPVS proxier Felix adds its IPVS support chains (endpoint marks, forward checks), not emulated: no filter chains then.
  const value: NodeTables = { mode, ...tables, mangle: buildMangle(proxyCanary) };
  // They cost a SHA-224 chain per rule for every local pod, and only `iptables` on the filter table reads them.
  if (view.config.cni === "calico" && mode === "iptables") value.pendingFilter = () => addCalicoFilterRules(tables.filter, calicoWorkloads(view, node));
  if (view.config.cni === "calico") addCalicoMangleRules(value.mangle);
  perNode.set(node, value);
  return value;
}

export type TableName = "nat" | "filter" | "mangle";

function tableOf(view: ClusterView, node: string, table: TableName): Table {
  const tables = nodeTables(view, node);
  if (table === "filter" && tables.pendingFilter) {
    const add = tables.pendingFilter;
    delete tables.pendingFilter;
    add();
  }
  return tables[table];
}

export function iptablesSave(view: ClusterView, node: string, table: TableName): string {
  return renderSave(tableOf(view, node, table), view.now());
}

/** iptables [-t table] -L [chain] [-n] [-v] [--line-numbers]. */
export function iptablesList(view: ClusterView, node: string, opts: { table?: TableName; chain?: string; numeric?: boolean; verbose?: boolean; lineNumbers?: boolean }): ListResult {
  return renderList(tableOf(view, node, opts.table ?? "filter"), opts);
}

/** iptables [-t table] -S [chain]. */
export function iptablesRules(view: ClusterView, node: string, opts: { table?: TableName; chain?: string }): ListResult {
  return renderRules(tableOf(view, node, opts.table ?? "filter"), opts.chain);
}

/** ipvsadm -L[n]: empty in iptables mode (no virtual servers exist). */
export function ipvsadm(view: ClusterView, node: string, numeric = true): string {
  const mode = view.proxyModeOn(node);
  return renderIpvsadm(mode === "ipvs" ? virtualServers(netModel(view), node, nodeLocalAddresses(view, node)) : [], numeric);
}

/** Addresses on kube-ipvs0 for this node (none in iptables mode). */
export function kubeIpvs0Addresses(view: ClusterView, node: string): string[] {
  return view.proxyModeOn(node) === "ipvs" ? ipvsAddresses(netModel(view)) : [];
}

export function proxyState(view: ClusterView, node: string): ProxyState {
  return {
    mode: view.proxyModeOn(node),
    iptablesSave: (table) => iptablesSave(view, node, table),
    ipvsadm: (opts) => ipvsadm(view, node, opts?.numeric ?? true),
    iptablesList: (opts) => iptablesList(view, node, opts),
    iptablesRules: (opts) => iptablesRules(view, node, opts),
    conntrackList: (opts) => conntrackList(view, node, opts),
  };
}
