// ip addr / ip route (iproute2, and BusyBox's ip which prints the same layout for
// these two): the text comes from the CNI layer; this module picks the object,
// the subcommand abbreviations and `show dev X` filtering.
import type { Tool } from "./types.ts";

const OBJECTS: [string, "addr" | "route" | "link"][] = [
  ["address", "addr"],
  ["route", "route"],
  ["link", "link"],
];

/** iproute2 accepts any prefix of an object name ("a", "ad", "r", "ro"). */
function objectOf(word: string): "addr" | "route" | "link" | undefined {
  if (word === "addr") return "addr";
  for (const [full, obj] of OBJECTS) if (full.startsWith(word)) return obj;
  return undefined;
}

/** Keep the blocks of `ip addr` whose interface name is `dev`. */
function onlyDevice(text: string, dev: string): string | undefined {
  const blocks = text.split(/(?=^\d+: )/m);
  const hit = blocks.filter((b) => new RegExp(`^\\d+: ${dev.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(@\\S+)?:`).test(b));
  return hit.length ? hit.join("") : undefined;
}

/** iproute2's usage text (captured from iproute2 6.1). */
const USAGE = `Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }
       ip [ -force ] -batch filename
where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |
                   link | macsec | maddress | monitor | mptcp | mroute | mrule |
                   neighbor | neighbour | netconf | netns | nexthop | ntable |
                   ntbl | route | rule | sr | tap | tcpmetrics |
                   token | tunnel | tuntap | vrf | xfrm }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |
                    -h[uman-readable] | -iec | -j[son] | -p[retty] |
                    -f[amily] { inet | inet6 | mpls | bridge | link } |
                    -4 | -6 | -M | -B | -0 |
                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |
                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |
                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |
                    -c[olor]}
`;

export const ip: Tool = (io, host) => {
  const args = io.args.filter((a) => a !== "-4" && a !== "-o");
  const objWord = args[0];
  if (!objWord) {
    io.err(USAGE);
    return 255;
  }
  const obj = objectOf(objWord);
  if (!obj) {
    io.err(`Object "${objWord}" is unknown, try "ip help".\n`);
    return 1;
  }
  const rest = args.slice(1).filter((a) => a !== "show" && a !== "list" && a !== "ls");
  if (obj === "route") {
    const text = host.cluster.ipRoute(host.where);
    const dev = rest[0] === "dev" ? rest[1] : undefined;
    io.out(dev ? text.split("\n").filter((l) => l.includes(` dev ${dev} `) || l.endsWith(` dev ${dev}`)).map((l) => l.replace(` dev ${dev}`, "")).join("\n") + "\n" : text);
    return 0;
  }
  const text = host.cluster.ipAddr(host.where);
  const dev = rest[0] === "dev" ? rest[1] : rest[0];
  if (!dev) {
    io.out(obj === "link" ? text.split("\n").filter((l) => /^\d+: |^\s+link\//.test(l)).join("\n") + "\n" : text);
    return 0;
  }
  const block = onlyDevice(text, dev);
  if (!block) {
    io.err(`Device "${dev}" does not exist.\n`);
    return 1;
  }
  io.out(obj === "link" ? block.split("\n").filter((l) => /^\d+: |^\s+link\//.test(l)).join("\n") + "\n" : block);
  return 0;
};
