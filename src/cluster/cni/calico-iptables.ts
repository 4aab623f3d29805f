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
import { comment, type Match, type Rule, type Table } from "../proxy/rules.ts";

/** One Felix rule: its match criteria in Felix's order, extra comments, and the action. */
interface FelixRule {
  match?: (Match | { iface: "in" | "out"; name: string })[];
  comments?: string[];
  jump?: string;
  goto?: string;
  masquerade?: boolean;
  /** "--jump MARK --set-mark 0/<mask>": clear these mark bits. */
  clearMark?: number;
}

const encoder = new TextEncoder();
const hex = (n: number) => `0x${n.toString(16)}`;

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** How Felix renders a match fragment (felix/iptables/match_builder.go), as hashed. */
function felixMatch(m: NonNullable<FelixRule["match"]>[number]): string {
  if ("iface" in m) return `--${m.iface === "in" ? "in" : "out"}-interface ${m.name}`;
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
    default:
      throw new Error(`no Felix rendering for match ${m.m}`);
  }
}

function felixAction(r: FelixRule): string {
  if (r.masquerade) return "--jump MASQUERADE --random-fully";
  if (r.clearMark !== undefined) return `--jump MARK --set-mark 0/${hex(r.clearMark)}`;
  if (r.goto) return `--goto ${r.goto}`;
  return `--jump ${r.jump}`;
}

/** The `cali:` hashes of a chain's rules (generictables.RuleHashes). */
export function felixRuleHashes(chain: string, rules: readonly FelixRule[]): string[] {
  let hash = sha224(encoder.encode(chain));
  return rules.map((r) => {
    const parts = [`-A ${chain}`, "HASH", ...(r.comments ?? []).map((c) => `-m comment --comment "${c}"`), ...(r.match ?? []).map(felixMatch), felixAction(r)];
    hash = sha224(concat(hash, encoder.encode(parts.join(" "))));
    return base64urlnopad.encode(hash).slice(0, 16);
  });
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
      } else out.matches.push(m);
    }
    if (r.masquerade) {
      out.target = "MASQUERADE";
      out.opts = { t: "random-fully" };
    } else if (r.clearMark !== undefined) {
      out.target = "MARK";
      out.opts = { t: "xmark", mark: "0x0", mask: hex(r.clearMark) };
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
