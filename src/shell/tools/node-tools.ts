// Small node tools: calicoctl node status, conntrack -L, hostname.
import { has, last, parseArgs } from "./argv.ts";
import type { Tool } from "./types.ts";

export const calicoctl: Tool = (io, host) => {
  const [object, verb] = io.args;
  if (object !== "node" || verb !== "status") {
    io.err("Usage:\n  calicoctl [options] <command> [<args>...]\n");
    return 1;
  }
  if (host.where.kind !== "node") {
    io.err("Calico process is not running.\n");
    return 1;
  }
  const status = host.cluster.calicoNodeStatus(host.where.name);
  if (!status) {
    io.out("Calico process is not running.\n");
    return 1;
  }
  io.out(status.stdout);
  return status.exitCode;
};

/** conntrack -L: the node's flow table, which the packet walk fills as connections pass kube-proxy's NAT. */
export const conntrack: Tool = (io, host) => {
  const p = parseArgs(io.args, { flags: ["L", "list", "n", "E"], values: ["p", "d", "s", "o", "f"] });
  if (p.unknown || !has(p, "L", "list")) {
    io.err("conntrack v1.4.8 (conntrack-tools): no command specified\nTry `conntrack -h' or 'conntrack --help' for more information.\n");
    return 2;
  }
  if (host.where.kind !== "node") {
    io.err("conntrack v1.4.8 (conntrack-tools): Operation failed: Operation not permitted\n");
    return 1;
  }
  const proto = last(p, "p")?.toLowerCase();
  const r = host.cluster.proxy(host.where.name).conntrackList(proto === "tcp" || proto === "udp" ? { proto } : {});
  io.out(r.stdout);
  io.err(r.stderr);
  return r.exitCode;
};

export const hostname: Tool = async (io, host) => {
  const p = parseArgs(io.args, { flags: ["i", "I", "f", "s", "short"], values: [] });
  if (p.unknown) {
    io.err(`hostname: invalid option -- '${p.unknown.replace(/^-+/, "")}'\n`);
    return 1;
  }
  if (has(p, "i", "I")) {
    const hosts = (await io.readFile("/etc/hosts")) ?? "";
    const mine = hosts.split("\n").find((l) => l.split(/\s+/).slice(1).includes(host.hostname));
    const ip = mine?.split(/\s+/)[0];
    if (ip) {
      io.out(`${ip}${has(p, "I") ? " " : ""}\n`);
      return 0;
    }
  }
  const name = ((await io.readFile("/etc/hostname")) ?? host.hostname).trim() || host.hostname;
  io.out(`${has(p, "s", "short") ? name.split(".")[0] : name}\n`);
  return 0;
};
