// ss (iproute2) in a pod: the listening sockets of the pod's containers, from the
// ports their images listen on. Column layout as iproute2 6.x renders it (checked
// against the real ss here): each column as wide as its widest cell, addresses
// right-aligned, ":port" left-aligned, the Process column last.
import type { KObject } from "../../cluster/index.ts";
import { has, parseArgs } from "./argv.ts";
import type { Tool } from "./types.ts";

/** Accept-queue length a listening socket reports in Send-Q: Linux's default somaxconn. [U] */
const BACKLOG = 4096;

interface Row {
  state: string;
  recvQ: string;
  sendQ: string;
  localAddr: string;
  localPort: string;
  peerAddr: string;
  peerPort: string;
}

export function renderSs(rows: Row[]): string {
  const w = (header: string, cells: string[]) => Math.max(header.length, ...cells.map((c) => c.length));
  const wState = w("State", rows.map((r) => r.state));
  const wRecv = w("Recv-Q", rows.map((r) => r.recvQ));
  const wSend = w("Send-Q", rows.map((r) => r.sendQ));
  const wLocal = w("Local Address", rows.map((r) => r.localAddr));
  const wLocalPort = w("Port", rows.map((r) => r.localPort));
  const wPeer = w("Peer Address", rows.map((r) => r.peerAddr));
  const wPeerPort = w("Port", rows.map((r) => r.peerPort));
  const line = (c: Row, process: string) =>
    `${c.state.padEnd(wState)} ${c.recvQ.padEnd(wRecv)} ${c.sendQ.padEnd(wSend)} ${c.localAddr.padStart(wLocal)}:${c.localPort.padEnd(wLocalPort)} ${c.peerAddr.padStart(wPeer)}:${c.peerPort.padEnd(wPeerPort)}${process}`;
  const header = line({ state: "State", recvQ: "Recv-Q", sendQ: "Send-Q", localAddr: "Local Address", localPort: "Port", peerAddr: "Peer Address", peerPort: "Port" }, "Process");
  return [header, ...rows.map((r) => line(r, " ".repeat("Process".length)))].map((l) => l + "\n").join("");
}

export const ss: Tool = (io, host) => {
  const p = parseArgs(io.args, { flags: ["t", "u", "l", "n", "p", "a", "4", "6", "x", "w", "e", "o", "i", "m", "H"], values: ["f", "A"] });
  if (p.unknown) {
    io.err(`ss: invalid option -- '${p.unknown.replace(/^-+/, "")}'\n`);
    return 1;
  }
  const where = host.where;
  const rows: Row[] = [];
  if (where.kind === "pod" && (has(p, "l") || has(p, "a"))) {
    const got = host.cluster.get({ group: "", resource: "pods", namespace: where.namespace, name: where.name });
    const containers = got.ok ? ((((got.value as KObject & { spec?: { containers?: { image?: string }[] } }).spec?.containers) ?? [])) : [];
    const wantTcp = has(p, "t") || !has(p, "u");
    const wantUdp = has(p, "u") || !has(p, "t");
    for (const c of containers) {
      for (const port of host.cluster.image(c.image ?? "").ports ?? []) {
        const udp = port.protocol === "UDP";
        if ((udp && !wantUdp) || (!udp && !wantTcp)) continue;
        rows.push({ state: udp ? "UNCONN" : "LISTEN", recvQ: "0", sendQ: udp ? "0" : String(BACKLOG), localAddr: "0.0.0.0", localPort: String(port.port), peerAddr: "0.0.0.0", peerPort: "*" });
      }
    }
  }
  io.out(has(p, "H") ? renderSs(rows).split("\n").slice(1).join("\n") : renderSs(rows));
  return 0;
};
