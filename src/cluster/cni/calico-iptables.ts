// The iptables chains Calico's Felix (v3.29, iptables dataplane, calico.yaml defaults:
// IP-in-IP pool with natOutgoing) keeps in a node's nat table: cali-PREROUTING,
// cali-OUTPUT, cali-POSTROUTING, the floating-IP chains and cali-nat-outgoing, with the
// jumps Felix inserts at the top of the builtin chains (projectcalico/calico
// felix/rules/static.go StaticNATTableChains, felix/rules/nat.go NATOutgoingChain).
//
// Every Felix rule carries a `cali:<hash>` comment. The hash chains SHA-224 over the
// chain name and each rule as Felix renders it for hashing ("-A <chain> HASH <match>
// <action>"), base64url, first 16 characters (felix/generictables/rules.go RuleHashes):
// so the hashes here are the ones a real node shows for the same rules.
import { sha224 } from "@noble/hashes/sha2.js";
import { base64urlnopad } from "@scure/base";
import { sha256 } from "@noble/hashes/sha2.js";
import { comment, type Match, type Rule, type Table } from "../proxy/rules.ts";

/** One Felix rule: its match criteria in Felix's order, extra comments, and the action. */
type FelixMatch = Match | { iface: "in" | "out"; name: string } | { protoNum: number; name: string };

interface FelixRule {
  match?: FelixMatch[];
  comments?: string[];
  jump?: string;
  goto?: string;
  masquerade?: boolean;
  /** "--jump MARK --set-mark 0/<mask>": clear these mark bits. */
  clearMark?: number;
  /** "--jump MARK --set-mark <bits>/<bits>": set these mark bits. */
  setMark?: number;
}

const encoder = new TextEncoder();
const hex = (n: number) => `0x${n.toString(16)}`;

/** How Felix renders a match fragment (felix/iptables/match_builder.go), as hashed. */
function felixMatch(m: FelixMatch): string {
  if ("iface" in m) return `--${m.iface === "in" ? "in" : "out"}-interface ${m.name}`;
  if ("protoNum" in m) return `-p ${m.protoNum}`;
  switch (m.m) {
    case "set":
      return `-m set ${m.neg ? "! " : ""}--match-set ${m.name} ${m.flags}`;
    case "addrtype":
      return `-m addrtype ${m.neg ? "! " : ""}--${m.dir}-type ${m.type}${m.limitIfaceOut ? " --limit-iface-out" : ""}`;
    case "comment":
      return `-m comment --comment "${m.text}"`;
    case "conntrack":
      return `-m conntrack ${m.neg ? "! " : ""}--ctstate ${m.states}`;
    case "mark":
      // Felix writes a cleared mask as "0/<mask>"; the kernel echoes "0x0/<mask>".
      return `-m mark ${m.neg ? "! " : ""}--mark ${m.value.replace(/^0x0\//, "0/")}`;
    case "multiport":
      return `-m multiport --destination-ports ${m.dports}`;
    default:
      throw new Error(`no Felix rendering for match ${m.m}`);
  }
}

function felixAction(r: FelixRule): string {
  if (r.masquerade) return "--jump MASQUERADE --random-fully";
  if (r.clearMark !== undefined) return `--jump MARK --set-mark 0/${hex(r.clearMark)}`;
  if (r.setMark !== undefined) return `--jump MARK --set-mark ${hex(r.setMark)}/${hex(r.setMark)}`;
  if (r.goto) return `--goto ${r.goto}`;
  return `--jump ${r.jump}`;
}

/** The `cali:` hashes of a chain's rules (generictables.RuleHashes). */
export function felixRuleHashes(chain: string, rules: readonly FelixRule[]): string[] {
  let hash = sha224(encoder.encode(chain));
  return rules.map((r) => {
    const parts = [`-A ${chain}`, "HASH", ...(r.comments ?? []).map((c) => `-m comment --comment "${c}"`), ...(r.match ?? []).map(felixMatch), felixAction(r)];
    hash = sha224.create().update(hash).update(encoder.encode(parts.join(" "))).digest();
    return base64url16(hash);
  });
}

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** The first 16 base64url characters (12 bytes) of a digest: Felix keeps only those; a node holds thousands. */
function base64url16(b: Uint8Array): string {
  let out = "";
  for (let i = 0; i < 12; i += 3) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    out += BASE64URL[(n >> 18) & 63]! + BASE64URL[(n >> 12) & 63]! + BASE64URL[(n >> 6) & 63]! + BASE64URL[n & 63]!;
  }
  return out;
}

/** The rules as iptables-save shows them: interfaces up front, Felix's hash comment first among the matches. */
function toRules(chain: string, rules: readonly FelixRule[]): Rule[] {
  const hashes = felixRuleHashes(chain, rules);
  return rules.map((r, i) => {
    const out: Rule = { chain, matches: [comment(`cali:${hashes[i]}`), ...(r.comments ?? []).map(comment)], target: "" };
    for (const m of r.match ?? []) {
      if ("iface" in m) {
        if (m.iface === "in") out.inIface = m.name;
        else out.outIface = m.name;
      } else if ("protoNum" in m) out.proto = m.name;
      else out.matches.push(m);
    }
    if (r.masquerade) {
      out.target = "MASQUERADE";
      out.opts = { t: "random-fully" };
    } else if (r.clearMark !== undefined) {
      out.target = "MARK";
      out.opts = { t: "xmark", mark: "0x0", mask: hex(r.clearMark) };
    } else if (r.setMark !== undefined) {
      out.target = "MARK";
      out.opts = { t: "xmark", mark: hex(r.setMark), mask: hex(r.setMark) };
    } else if (r.goto) {
      out.target = r.goto;
      out.goto = true;
    } else out.target = r.jump!;
    return out;
  });
}

/** Felix's chain in `table`: declared, with its rules appended. */
function addChain(table: Table, chain: string, rules: readonly FelixRule[]): void {
  table.chains.add(chain);
  table.rules.push(...toRules(chain, rules));
}

/** Felix inserts its jumps at the top of the builtin chains (ChainInsertMode "insert"). */
function insertJump(table: Table, builtin: string, target: string): void {
  table.rules.unshift(...toRules(builtin, [{ jump: target }]));
}

/** Rules Felix appends to a builtin chain: hashed as the chain "<name>*appends*" so they never collide with its inserts. */
function appendRules(table: Table, builtin: string, rules: readonly FelixRule[]): void {
  const hashes = felixRuleHashes(`${builtin}*appends*`, rules);
  table.rules.push(...toRules(builtin, rules).map((r, i) => ({ ...r, matches: [comment(`cali:${hashes[i]}`), ...r.matches.slice(1)] })));
}

// felix/rules IPSet names for IPv4 ("cali40" + id): the pools whose traffic is masqueraded, and all pools.
const MASQ_POOLS = "cali40masq-ipam-pools";
const ALL_POOLS = "cali40all-ipam-pools";

export interface CalicoNatOptions {
  /** The node has an IP-in-IP tunnel address (tunl0): Felix then fixes the source of tunnel traffic. */
  tunnelAddress: boolean;
  /** The default pool masquerades traffic leaving the pools (calico.yaml: CALICO_IPV4POOL_NAT_OUTGOING, default true). */
  natOutgoing: boolean;
}

/** Adds Felix's nat chains and the jumps to them. */
export function addCalicoNatRules(nat: Table, opts: CalicoNatOptions): void {
  // The jumps are inserted in reverse so that the builtin chains read PREROUTING, OUTPUT, POSTROUTING.
  insertJump(nat, "POSTROUTING", "cali-POSTROUTING");
  insertJump(nat, "OUTPUT", "cali-OUTPUT");
  insertJump(nat, "PREROUTING", "cali-PREROUTING");
  addChain(nat, "cali-PREROUTING", [{ jump: "cali-fip-dnat" }]);
  const postrouting: FelixRule[] = [{ jump: "cali-fip-snat" }, { jump: "cali-nat-outgoing" }];
  if (opts.tunnelAddress) {
    // Traffic leaving through tunl0 from one of the host's other addresses gets the tunnel address.
    postrouting.push({
      match: [{ iface: "out", name: "tunl0" }, { m: "addrtype", dir: "src", type: "LOCAL", neg: true, limitIfaceOut: true }, { m: "addrtype", dir: "src", type: "LOCAL" }],
      masquerade: true,
    });
  }
  addChain(nat, "cali-POSTROUTING", postrouting);
  addChain(nat, "cali-OUTPUT", [{ jump: "cali-fip-dnat" }]);
  // No floating IPs on a Kubernetes cluster: the chains exist and stay empty.
  addChain(nat, "cali-fip-dnat", []);
  addChain(nat, "cali-fip-snat", []);
  addChain(nat, "cali-nat-outgoing", opts.natOutgoing ? [{ match: [{ m: "set", name: MASQ_POOLS, flags: "src" }, { m: "set", name: ALL_POOLS, flags: "dst", neg: true }], masquerade: true }] : []);
}

// Felix's mark bits with calico.yaml's IptablesMarkMask 0xffff0000: accept, pass, scratch0,
// scratch1 are the four lowest bits of the mask.
const MARK_ACCEPT = 0x10000;
const ALL_CALICO_MARKS = 0xf0000;
const accepted: Match = { m: "mark", neg: false, value: `${hex(MARK_ACCEPT)}/${hex(MARK_ACCEPT)}` };
const HEP_ACCEPTED = "Host endpoint policy accepted packet.";

/**
 * Felix's mangle chains (StaticManglePreroutingChain, StaticManglePostroutingChain, with
 * IptablesMangleAllowAction ACCEPT): established and already-accepted traffic passes,
 * everything else meets host endpoint policy, and with no host endpoints those chains are empty.
 */
export function addCalicoMangleRules(mangle: Table): void {
  insertJump(mangle, "POSTROUTING", "cali-POSTROUTING");
  insertJump(mangle, "PREROUTING", "cali-PREROUTING");
  addChain(mangle, "cali-PREROUTING", [
    { match: [{ m: "conntrack", states: "RELATED,ESTABLISHED" }], jump: "ACCEPT" },
    { match: [accepted], jump: "ACCEPT" },
    { jump: "cali-from-host-endpoint" },
    { comments: [HEP_ACCEPTED], match: [accepted], jump: "ACCEPT" },
  ]);
  addChain(mangle, "cali-POSTROUTING", [
    { match: [accepted], jump: "RETURN" },
    { clearMark: ALL_CALICO_MARKS },
    { match: [{ m: "conntrack", states: "DNAT" }], jump: "cali-to-host-endpoint" },
    { comments: [HEP_ACCEPTED], match: [accepted], jump: "RETURN" },
  ]);
  addChain(mangle, "cali-from-host-endpoint", []);
  addChain(mangle, "cali-to-host-endpoint", []);
}

// ---- filter table (felix/rules/static.go StaticFilterTableChains, dispatch.go, endpoints.go) ----

const MARK_PASS = 0x20000;
const IPIP: FelixMatch = { protoNum: 4, name: "ipv4" };
const ALL_HOSTS = "cali40all-hosts-net";
const WORKLOADS = "cali+";
const DROP_NO_PROFILE = "Drop if no profiles matched";
const hostAccepted: FelixRule = { comments: [HEP_ACCEPTED], match: [accepted], jump: "ACCEPT" };

/** One local workload endpoint: its host-side veth and the profiles Calico gives a pod (namespace, then service account). */
export interface CalicoWorkload {
  iface: string;
  namespace: string;
  serviceAccount: string;
}

/** Felix's chain names stay within 28 characters: a longer suffix becomes "_" + its SHA-256 (hashutils.GetLengthLimitedID). */
function lengthLimited(prefix: string, suffix: string): string {
  const max = 28;
  if (prefix.length + suffix.length < max || (prefix.length + suffix.length === max && suffix[0] !== "_")) return prefix + suffix;
  return prefix + "_" + base64urlnopad.encode(sha256(encoder.encode(suffix))).slice(0, max - 1 - prefix.length);
}

const profilesOf = (w: CalicoWorkload) => [`kns.${w.namespace}`, `ksa.${w.namespace}.${w.serviceAccount}`];

/**
 * A workload's policy chain in one direction (endpointIptablesChain): conntrack, the policy
 * result bits cleared, encapsulated traffic from the pod dropped, then its profiles. Network
 * policies are left out: their chains (cali-pi-/cali-po-, tiers, policy groups) are named by
 * hashes of Calico's policy model this emulation does not keep, so none are rendered.
 */
function endpointChain(w: CalicoWorkload, direction: "to" | "from"): FelixRule[] {
  const rules: FelixRule[] = [
    { match: [{ m: "conntrack", states: "RELATED,ESTABLISHED" }], jump: "ACCEPT" },
    { match: [{ m: "conntrack", states: "INVALID" }], jump: "DROP" },
    { clearMark: MARK_ACCEPT | MARK_PASS },
  ];
  if (direction === "from") {
    // calico.yaml leaves AllowVXLANPacketsFromWorkloads/AllowIPIPPacketsFromWorkloads false.
    rules.push({ comments: ["Drop VXLAN encapped packets originating in workloads"], match: [{ protoNum: 17, name: "udp" }, { m: "multiport", dports: "4789" }], jump: "DROP" });
    rules.push({ comments: ["Drop IPinIP encapped packets originating in workloads"], match: [IPIP], jump: "DROP" });
  }
  const prefix = direction === "to" ? "cali-pri-" : "cali-pro-";
  for (const profile of profilesOf(w)) {
    rules.push({ jump: lengthLimited(prefix, profile) });
    rules.push({ comments: ["Return if profile accepted"], match: [accepted], jump: "RETURN" });
  }
  rules.push({ comments: [DROP_NO_PROFILE], jump: "DROP" });
  return rules;
}

/** A dispatch chain and its children: names sharing the next character after the common prefix get a child chain (buildSingleDispatchChains). */
function dispatchChains(root: string, ifaces: string[], dir: "in" | "out", endpointPrefix: string): [string, FelixRule[]][] {
  const names = [...new Set(ifaces)].sort();
  let common = names[0] ?? "";
  for (const n of names) while (!n.startsWith(common)) common = common.slice(0, -1);
  const groups = new Map<string, string[]>();
  for (const n of names) {
    const key = n.length > common.length ? n.slice(0, common.length + 1) : common;
    groups.set(key, [...(groups.get(key) ?? []), n]);
  }
  const unknown: FelixRule = { comments: ["Unknown interface"], jump: "DROP" };
  const toEndpoint = (n: string): FelixRule => ({ match: [{ iface: dir, name: n }], goto: lengthLimited(endpointPrefix, n) });
  const out: [string, FelixRule[]][] = [];
  const rootRules: FelixRule[] = [];
  for (const [prefix, members] of groups) {
    if (members.length === 1) {
      rootRules.push(toEndpoint(members[0]!));
      continue;
    }
    const child = `${root}-${prefix.slice(common.length)}`;
    rootRules.push({ match: [{ iface: dir, name: `${prefix}+` }], goto: child });
    out.push([child, [...members.map(toEndpoint), unknown]]);
  }
  out.push([root, [...rootRules, unknown]]);
  return out;
}

/**
 * Felix's filter chains on a node running the iptables proxier (calico.yaml: IP-in-IP pool,
 * DefaultEndpointToHostAction ACCEPT, no host endpoints, no WireGuard), with its jumps first in
 * INPUT/FORWARD/OUTPUT and its two rules appended to FORWARD. Felix programs only chains
 * something refers to, so the failsafe chains (used by host endpoints only) are absent.
 */
export function addCalicoFilterRules(filter: Table, workloads: readonly CalicoWorkload[]): void {
  insertJump(filter, "OUTPUT", "cali-OUTPUT");
  insertJump(filter, "FORWARD", "cali-FORWARD");
  insertJump(filter, "INPUT", "cali-INPUT");
  appendRules(filter, "FORWARD", [{ comments: ["Policy explicitly accepted packet."], match: [accepted], jump: "ACCEPT" }, { setMark: MARK_ACCEPT }]);
  addChain(filter, "cali-INPUT", [
    { comments: ["Allow IPIP packets from Calico hosts"], match: [IPIP, { m: "set", name: ALL_HOSTS, flags: "src" }, { m: "addrtype", dir: "dst", type: "LOCAL" }], jump: "ACCEPT" },
    { comments: ["Drop IPIP packets from non-Calico hosts"], match: [IPIP], jump: "DROP" },
    { match: [{ iface: "in", name: WORKLOADS }], goto: "cali-wl-to-host" },
    { match: [accepted], jump: "ACCEPT" },
    { clearMark: ALL_CALICO_MARKS },
    { jump: "cali-from-host-endpoint" },
    hostAccepted,
  ]);
  addChain(filter, "cali-FORWARD", [
    { clearMark: ALL_CALICO_MARKS & ~MARK_ACCEPT },
    { match: [{ m: "mark", neg: false, value: `0x0/${hex(MARK_ACCEPT)}` }], jump: "cali-from-hep-forward" },
    { match: [{ iface: "in", name: WORKLOADS }], jump: "cali-from-wl-dispatch" },
    { match: [{ iface: "out", name: WORKLOADS }], jump: "cali-to-wl-dispatch" },
    { jump: "cali-to-hep-forward" },
    { jump: "cali-cidr-block" },
  ]);
  addChain(filter, "cali-OUTPUT", [
    { match: [accepted], jump: "ACCEPT" },
    { match: [{ iface: "out", name: WORKLOADS }], jump: "RETURN" },
    { comments: ["Allow IPIP packets to other Calico hosts"], match: [IPIP, { m: "set", name: ALL_HOSTS, flags: "dst" }, { m: "addrtype", dir: "src", type: "LOCAL" }], jump: "ACCEPT" },
    { clearMark: ALL_CALICO_MARKS },
    { match: [{ m: "conntrack", neg: true, states: "DNAT" }], jump: "cali-to-host-endpoint" },
    hostAccepted,
  ]);
  addChain(filter, "cali-wl-to-host", [{ jump: "cali-from-wl-dispatch" }, { comments: ["Configured DefaultEndpointToHostAction"], jump: "ACCEPT" }]);
  // No host endpoints and no advertised service CIDRs: these stay empty.
  for (const chain of ["cali-from-hep-forward", "cali-to-hep-forward", "cali-from-host-endpoint", "cali-to-host-endpoint", "cali-cidr-block"]) addChain(filter, chain, []);
  const ifaces = workloads.map((w) => w.iface);
  for (const [chain, rules] of [...dispatchChains("cali-from-wl-dispatch", ifaces, "in", "cali-fw-"), ...dispatchChains("cali-to-wl-dispatch", ifaces, "out", "cali-tw-")]) addChain(filter, chain, rules);
  const profiles = new Set<string>();
  for (const w of workloads) {
    addChain(filter, lengthLimited("cali-tw-", w.iface), endpointChain(w, "to"));
    addChain(filter, lengthLimited("cali-fw-", w.iface), endpointChain(w, "from"));
    for (const p of profilesOf(w)) profiles.add(p);
  }
  // The namespace profile allows everything (the Kubernetes default); a service account's profile only carries labels.
  for (const p of profiles) {
    for (const prefix of ["cali-pri-", "cali-pro-"]) addChain(filter, lengthLimited(prefix, p), p.startsWith("kns.") ? [{ setMark: MARK_ACCEPT }, { match: [accepted], jump: "RETURN" }] : []);
  }
}
