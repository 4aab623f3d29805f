// kube-proxy's endpoint choice for one connection: iptables walks its statistic
// rules with random draws, IPVS goes round-robin, and ClientIP affinity (recent
// match / IPVS persistence) pins a client to the endpoint it had.
import type { ClusterView } from "../view.ts";
import type { EndpointInfo, ServiceInfo, ServicePortInfo } from "./model.ts";
import type { Walk } from "./walk.ts";
import { kernelProbability } from "../proxy/rules.ts";
import { sepChain, svcChain, svlChain } from "../proxy/hash.ts";
import { recordSlot } from "./memory.ts";

// Session affinity (-m recent / IPVS persistence) and IPVS round-robin positions: cluster memory, snapshotted.
const AFFINITY = "proxy.affinity";
const IPVS_RR = "proxy.ipvsRR";

export function chooseEndpoint(w: Walk, mode: string, svc: ServiceInfo, sp: ServicePortInfo, eps: EndpointInfo[], clientIP: string, vip: string, vport: number, kind: "internal" | "external"): { ep: EndpointInfo; label: string } {
  const proto = sp.protocol.toLowerCase();
  const key = `${sp.spn}|${sp.protocol}|${clientIP}`;
  const sticky = svc.sessionAffinity === "ClientIP" ? recordSlot<{ ep: string; at: number }>(w.view, AFFINITY) : undefined;
  const now = w.view.now();
  const remember = (ep: EndpointInfo) => {
    if (sticky && !w.dry) sticky[key] = { ep: `${ep.ip}:${ep.port}`, at: now };
  };
  const chain = kind === "internal" && svc.internalTrafficPolicy === "Local" ? svlChain(sp.spn, proto) : kind === "external" && svc.externalTrafficPolicy === "Local" ? svlChain(sp.spn, proto) : svcChain(sp.spn, proto);
  if (sticky) {
    const prev = Object.hasOwn(sticky, key) ? sticky[key] : undefined;
    const ep = prev && typeof prev.at === "number" && now - prev.at < svc.affinityTimeoutSeconds * 1000 ? eps.find((e) => `${e.ip}:${e.port}` === prev.ep) : undefined;
    if (ep) {
      remember(ep);
      return { ep, label: mode === "ipvs" ? `IPVS ${sp.protocol} ${vip}:${vport} persistent → ${ep.ip}:${ep.port}` : `${chain} -> ${sepChain(sp.spn, proto, `${ep.ip}:${ep.port}`)} (recent: ClientIP affinity)` };
    }
  }
  if (mode === "ipvs") {
    const rr = recordSlot<number>(w.view, IPVS_RR);
    const vsKey = `${sp.protocol}|${vip}|${vport}`;
    const stored = Object.hasOwn(rr, vsKey) ? rr[vsKey] : 0;
    const i = Number.isInteger(stored) && stored >= 0 ? stored : 0;
    const ep = eps[i % eps.length];
    if (!w.dry) rr[vsKey] = i + 1;
    remember(ep);
    return { ep, label: `IPVS ${sp.protocol} ${vip}:${vport} rr → ${ep.ip}:${ep.port}` };
  }
  // iptables walks the chain: each statistic rule draws once until one matches; the last rule always matches.
  const n = eps.length;
  let chosen = n - 1;
  let probability = 1;
  for (let i = 0; i < n - 1; i++) {
    const p = kernelProbability(n - i);
    if (w.rnd() < p) {
      chosen = i;
      probability = p;
      break;
    }
  }
  const ep = eps[chosen];
  remember(ep);
  const sep = sepChain(sp.spn, proto, `${ep.ip}:${ep.port}`);
  return { ep, label: `${chain} -> ${sep}${chosen < n - 1 ? ` (probability ${probability.toFixed(11)})` : ""}` };
}
