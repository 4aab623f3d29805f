// iptables -L / -S and iptables-save on a node: kube-proxy's rules for that node,
// rendered by the proxy layer; this module only speaks iptables' command line.
import type { IptablesTable } from "../../cluster/index.ts";
import { has, last, parseArgs } from "./argv.ts";
import type { Tool, ToolHost } from "./types.ts";

const VERSION = "iptables v1.8.9 (nf_tables)";
const TABLES = new Set<string>(["nat", "filter", "mangle"] satisfies IptablesTable[]);
/** iptables-save without -t: every table the node has, in the order nft lists them. */
const SAVE_ORDER: IptablesTable[] = ["mangle", "filter", "nat"];

function nodeOf(host: ToolHost): string | undefined {
  if (host.where.kind === "node") return host.where.name;
  return undefined;
}

const SPEC = {
  flags: ["n", "numeric", "v", "verbose", "line-numbers", "x", "exact", "L", "list", "S", "list-rules", "w", "wait"],
  values: ["t", "table"],
};

export const iptables: Tool = (io, host) => {
  const node = nodeOf(host);
  // L and S take an optional chain: pull them out before the generic parser sees them.
  const args = [...io.args];
  let command: "L" | "S" | undefined;
  let chain: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (["-L", "--list", "-S", "--list-rules"].includes(args[i]) || /^-[nvx]*[LS][nvx]*$/.test(args[i])) {
      command = /S|list-rules/.test(args[i]) ? "S" : "L";
      const flags = args[i].startsWith("--") ? "" : args[i].replace(/[LS-]/g, "");
      args[i] = flags ? `-${flags}` : "";
      if (args[i + 1] !== undefined && !args[i + 1].startsWith("-")) {
        chain = args[i + 1];
        args[i + 1] = "";
      }
    }
  }
  const p = parseArgs(args.filter(Boolean), SPEC);
  if (p.unknown) {
    io.err(`${VERSION}: unknown option "${p.unknown}"\nTry \`iptables -h' or 'iptables --help' for more information.\n`);
    return 2;
  }
  if (!command) {
    io.err(`${VERSION}: no command specified\nTry \`iptables -h' or 'iptables --help' for more information.\n`);
    return 2;
  }
  const table = last(p, "t", "table") ?? "filter";
  if (!TABLES.has(table)) {
    io.err(`${VERSION}: table '${table}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n`);
    return 3;
  }
  if (!node) {
    // Inside a pod without NET_ADMIN the netlink socket is refused.
    io.err(`${VERSION}: Could not fetch rule set generation id: Permission denied (you must be root)\n\n`);
    return 4;
  }
  const state = host.cluster.proxy(node);
  const t = table as IptablesTable;
  const out =
    command === "S"
      ? state.iptablesRules({ table: t, ...(chain ? { chain } : {}) })
      : state.iptablesList({ table: t, ...(chain ? { chain } : {}), numeric: has(p, "n", "numeric"), verbose: has(p, "v", "verbose"), lineNumbers: has(p, "line-numbers") });
  io.out(out.stdout);
  io.err(out.stderr);
  return out.exitCode;
};

export const iptablesSave: Tool = (io, host) => {
  const node = nodeOf(host);
  const p = parseArgs(io.args, { flags: ["c", "counters"], values: ["t", "table"] });
  if (p.unknown) {
    io.err(`iptables-save: unrecognized option '${p.unknown}'\n`);
    return 1;
  }
  if (!node) {
    io.err(`${VERSION}: Could not fetch rule set generation id: Permission denied (you must be root)\n`);
    return 1;
  }
  const table = last(p, "t", "table");
  if (table && !TABLES.has(table)) {
    io.err(`iptables-save: Unable to open table ${table}\n`);
    return 1;
  }
  const state = host.cluster.proxy(node);
  const tables = table ? [table as IptablesTable] : SAVE_ORDER;
  io.out(tables.map((t) => state.iptablesSave(t)).join(""));
  return 0;
};

export const ipvsadm: Tool = (io, host) => {
  const node = nodeOf(host);
  const p = parseArgs(io.args, { flags: ["L", "l", "list", "n", "numeric", "c", "connection", "stats", "rate", "nosort"], values: ["t", "u"] });
  if (p.unknown) {
    io.err(`ipvsadm: invalid option -- '${p.unknown.replace(/^-+/, "")}'\n`);
    return 2;
  }
  if (!node) {
    io.err("Can't initialize ipvs: Permission denied (you must be root)\nAre you sure that IP Virtual Server is built in the kernel or as module?\n");
    return 1;
  }
  io.out(host.cluster.proxy(node).ipvsadm({ numeric: has(p, "n", "numeric") }));
  return 0;
};
