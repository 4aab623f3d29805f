// kube-proxy's chain names: prefix + first 16 chars of base32(sha256(...)), exactly
// as pkg/proxy/iptables/proxier.go computes them, so learners see the real names.
import { sha256 } from "@noble/hashes/sha2.js";
import { base32 } from "@scure/base";
import type { ChainName } from "../api/types.ts";

const enc = new TextEncoder();

// 16 base32 characters carry exactly the first 10 bytes, so only those are encoded.
function hash16(s: string): string {
  return base32.encode(sha256(enc.encode(s)).subarray(0, 10));
}

/** portProtoHash: servicePortName ("ns/svc" or "ns/svc:port") + lower-case protocol, no separator. */
export function portProtoHash(spn: string, protocol: string): string {
  return hash16(spn + protocol.toLowerCase());
}

export function svcChain(spn: string, protocol: string): ChainName {
  return `KUBE-SVC-${portProtoHash(spn, protocol)}` as ChainName;
}
export function svlChain(spn: string, protocol: string): ChainName {
  return `KUBE-SVL-${portProtoHash(spn, protocol)}` as ChainName;
}
export function extChain(spn: string, protocol: string): ChainName {
  return `KUBE-EXT-${portProtoHash(spn, protocol)}` as ChainName;
}
export function fwChain(spn: string, protocol: string): ChainName {
  return `KUBE-FW-${portProtoHash(spn, protocol)}` as ChainName;
}
/** KUBE-SEP-: the endpoint "ip:port" is appended after the protocol. */
export function sepChain(spn: string, protocol: string, endpoint: string): ChainName {
  return `KUBE-SEP-${hash16(spn + protocol.toLowerCase() + endpoint)}` as ChainName;
}
