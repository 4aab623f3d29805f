// Every tool this project implements, by command name. Which of them a machine
// has is decided by its image (the app catalogue) or by being a node.
import { agnhost } from "./agnhost.ts";
import { curl } from "./curl.ts";
import { dig } from "./dig.ts";
import { host } from "./host.ts";
import { ip } from "./ip.ts";
import { iptables, iptablesSave, ipvsadm } from "./iptables.ts";
import { nc } from "./nc.ts";
import { calicoctl, conntrack, hostname } from "./node-tools.ts";
import { nslookup } from "./nslookup.ts";
import { ping } from "./ping.ts";
import { ss } from "./ss.ts";
import { traceroute } from "./traceroute.ts";
import type { Tool } from "./types.ts";
import { wget } from "./wget.ts";

export const TOOLS: Readonly<Record<string, Tool>> = {
  agnhost,
  calicoctl,
  conntrack,
  curl,
  dig,
  host,
  hostname,
  ip,
  iptables,
  "iptables-save": iptablesSave,
  ipvsadm,
  nc,
  nslookup,
  ping,
  ss,
  traceroute,
  wget,
};
