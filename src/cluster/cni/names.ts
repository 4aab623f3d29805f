// Interface names and link-layer addresses the CNIs create, derived the way the
// plugins derive them so that the same pod always gets the same names.
import { sha1 } from "@noble/hashes/legacy.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";

const enc = new TextEncoder();

/** Calico's host-side veth: "cali" + first 11 hex chars of sha1("<namespace>.<pod>") (libcalico-go VethNameForWorkload). */
export function caliVethName(namespace: string, pod: string): string {
  return "cali" + bytesToHex(sha1(enc.encode(`${namespace}.${pod}`))).slice(0, 11);
}

/** Cilium's host-side veth: "lxc" + 11 hex chars. */
export function lxcVethName(namespace: string, pod: string): string {
  return "lxc" + bytesToHex(sha256(enc.encode(`${namespace}/${pod}`))).slice(0, 11);
}

/** Bridge-plugin veths (flannel's cni0, weave): "veth" + 8 hex chars. */
export function vethName(namespace: string, pod: string): string {
  return "veth" + bytesToHex(sha256(enc.encode(`veth:${namespace}/${pod}`))).slice(0, 8);
}

/** A stable locally administered MAC for an interface key. */
export function macFor(key: string): string {
  const b = sha256(enc.encode(key));
  const bytes = [((b[0] & 0xfe) | 0x02) >>> 0, b[1], b[2], b[3], b[4], b[5]];
  return bytes.map((x) => x.toString(16).padStart(2, "0")).join(":");
}

/** Docker's MAC for a container address: 02:42 + the IPv4 bytes (kind nodes are containers). */
export function dockerMac(ip: string): string {
  return ["02", "42", ...ip.split(".").map((o) => Number(o).toString(16).padStart(2, "0"))].join(":");
}
