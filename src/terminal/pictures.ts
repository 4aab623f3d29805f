// Draws the topology panel and the trace view as SVG. Text goes in through
// textContent only (names come from the learner's objects). Each picture has a
// <title> and a <desc> that says in words what the drawing shows.
import type { Topology, TopoPod } from "../labs/topology.ts";
import type { TraceView } from "../labs/trace.ts";
import { strings } from "./strings.ts";

const NS = "http://www.w3.org/2000/svg";
let uid = 0;

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function clip(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + "…" : s;
}

function frame(width: number, height: number, title: string, desc: string, cls: string): SVGSVGElement {
  const id = `pic-${++uid}`;
  const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", class: cls, "aria-labelledby": `${id}-t ${id}-d` });
  svg.append(el("title", { id: `${id}-t` }, title), el("desc", { id: `${id}-d` }, desc));
  return svg;
}

const POD_H = 26;
const COL_W = 220;

export function topologySvg(topo: Topology, lang?: string): SVGSVGElement {
  const t = strings(lang);
  const cols = Math.max(1, topo.nodes.length);
  const width = Math.max(660, cols * COL_W);
  const svcPerRow = Math.max(1, Math.floor(width / 210));
  const ingressH = topo.ingresses.length ? 52 : 0;
  const svcRows = Math.ceil(topo.services.length / svcPerRow);
  const svcTop = 10 + ingressH;
  const nodeTop = svcTop + svcRows * 60 + 30;
  const maxPods = Math.max(1, ...topo.nodes.map((n) => n.pods.length));
  const height = nodeTop + 44 + maxPods * (POD_H + 8) + 16;

  const desc = describeTopology(topo, lang);
  const svg = frame(width, height, `${t.topologyTitle} (${topo.cni}, kube-proxy ${topo.proxyMode})`, desc, "lab-topology");
  const lines = el("g", { class: "links" });
  const boxes = el("g");
  svg.append(lines, boxes);

  const podPos = new Map<string, { x: number; y: number; w: number }>();
  const fenced = new Map<string, string[]>();
  for (const p of topo.policies) for (const id of p.pods) fenced.set(id, [...(fenced.get(id) ?? []), p.name]);

  topo.nodes.forEach((node, i) => {
    const x = i * (width / cols) + 8;
    const w = width / cols - 16;
    const h = 44 + Math.max(1, node.pods.length) * (POD_H + 8);
    const g = el("g", { class: "node" });
    g.append(el("rect", { x, y: nodeTop, width: w, height: h, rx: 8 }));
    g.append(el("text", { x: x + 10, y: nodeTop + 18, class: "node-name" }, node.name || t.unscheduled));
    if (node.ip) g.append(el("text", { x: x + 10, y: nodeTop + 34, class: "meta" }, node.ip + (node.roles.length ? ` · ${node.roles.join(",")}` : "")));
    node.pods.forEach((pod, j) => {
      const py = nodeTop + 44 + j * (POD_H + 8);
      podPos.set(pod.id, { x: x + 10, y: py, w: w - 20 });
      g.append(podBox(pod, x + 10, py, w - 20, fenced.get(pod.id)));
    });
    boxes.append(g);
  });

  const svcPos = new Map<string, { x: number; y: number }>();
  topo.services.forEach((svc, i) => {
    const x = (i % svcPerRow) * 210 + 8;
    const y = svcTop + Math.floor(i / svcPerRow) * 60;
    svcPos.set(svc.name + "|" + svc.namespace, { x: x + 100, y: y + 46 });
    const g = el("g", { class: `service type-${svc.type.toLowerCase()}`, "data-service": svc.id });
    g.append(el("rect", { x, y, width: 200, height: 46, rx: 6 }));
    g.append(el("text", { x: x + 8, y: y + 18, class: "svc-name" }, clip(`${svc.name}${svc.namespace !== "default" ? ` (${svc.namespace})` : ""}`, 26)));
    g.append(el("text", { x: x + 8, y: y + 36, class: "meta" }, clip(`${svc.type} ${svc.clusterIP} ${svc.externalIP}`.trim(), 30)));
    boxes.append(g);
    for (const ep of svc.endpoints) {
      const p = podPos.get(ep);
      if (p) lines.append(el("line", { x1: x + 100, y1: y + 46, x2: p.x + p.w / 2, y2: p.y, class: "endpoint" }));
    }
  });

  topo.ingresses.forEach((ing, i) => {
    const x = i * 260 + 8;
    const g = el("g", { class: "ingress" });
    g.append(el("rect", { x, y: 6, width: 250, height: 38, rx: 6 }));
    const hosts = [...new Set(ing.rules.map((r) => r.host))].join(", ");
    g.append(el("text", { x: x + 8, y: 22, class: "svc-name" }, clip(`${t.ingress} ${ing.name}`, 32)));
    g.append(el("text", { x: x + 8, y: 38, class: "meta" }, clip(hosts, 36)));
    boxes.append(g);
    for (const r of ing.rules) {
      const s = svcPos.get(r.service + "|" + ing.namespace);
      if (s) lines.append(el("line", { x1: x + 125, y1: 44, x2: s.x, y2: s.y - 46, class: "route" }));
    }
  });
  return svg;
}

function podBox(pod: TopoPod, x: number, y: number, w: number, policies: string[] | undefined): SVGGElement {
  const status = pod.status.toLowerCase();
  const g = el("g", { class: `pod status-${status}${pod.ready ? " ready" : ""}`, "data-pod": pod.id });
  g.append(el("rect", { x, y, width: w, height: POD_H, rx: 4 }));
  g.append(el("text", { x: x + 6, y: y + 17 }, clip(`${pod.name} ${pod.ip}`, Math.floor(w / 7))));
  if (policies) {
    // The fence: a NetworkPolicy selects this pod.
    g.append(el("rect", { x: x - 4, y: y - 4, width: w + 8, height: POD_H + 8, rx: 6, class: "fence" }));
    g.append(el("title", {}, `NetworkPolicy: ${policies.join(", ")}`));
  }
  return g;
}

export function describeTopology(topo: Topology, lang?: string): string {
  const t = strings(lang);
  const parts = [
    `${t.nodes}: ` + topo.nodes.map((n) => `${n.name || t.unscheduled} (${n.pods.map((p) => `${p.name} ${p.status}`).join(", ") || "-"})`).join("; "),
    `${t.services}: ` + (topo.services.map((s) => `${s.name} ${s.type} ${s.clusterIP} → ${t.endpointsOf(s.endpoints.length)}`).join("; ") || "-"),
  ];
  if (topo.ingresses.length) parts.push(`${t.ingress}: ` + topo.ingresses.map((i) => `${i.name}: ${i.rules.map((r) => `${r.host}${r.path} → ${r.service}`).join(", ")}`).join("; "));
  if (topo.policies.length) parts.push(`${t.policies}: ` + topo.policies.map((p) => `${p.name} → ${p.pods.join(", ") || "-"}`).join("; "));
  return parts.join(". ");
}

const HOP_H = 50;

export function traceSvg(trace: TraceView, lang?: string): SVGSVGElement {
  const t = strings(lang);
  const width = 640;
  const height = 40 + trace.hops.length * HOP_H;
  const desc = `${trace.command}: ${trace.summary}. ` + trace.hops.map((h, i) => `${i + 1}. ${h.kind} @ ${h.at}: ${h.label} (${t.verdict[h.verdict] ?? h.verdict})`).join(" ");
  const svg = frame(width, height, `${t.traceTitle}: ${trace.target}`, desc, `lab-trace ${trace.ok ? "ok" : "failed"}`);
  svg.append(el("text", { x: 10, y: 22, class: `summary ${trace.ok ? "ok" : "failed"}` }, clip(trace.summary, 80)));
  trace.hops.forEach((hop, i) => {
    const y = 36 + i * HOP_H;
    const g = el("g", { class: `hop kind-${hop.kind} verdict-${hop.verdict}`, "data-verdict": hop.verdict });
    if (i > 0) g.append(el("line", { x1: 30, y1: y - HOP_H + 36, x2: 30, y2: y, class: "arrow" }));
    g.append(el("rect", { x: 10, y, width: width - 20, height: 36, rx: 6 }));
    g.append(el("text", { x: 20, y: y + 15, class: "hop-kind" }, `${hop.kind} · ${clip(hop.at, 40)}`));
    g.append(el("text", { x: 20, y: y + 30, class: "hop-label" }, clip(hop.label, 70)));
    g.append(el("title", {}, hop.label));
    const bad = hop.verdict === "drop" || hop.verdict === "reject";
    g.append(el("text", { x: width - 24, y: y + 24, class: "verdict", "text-anchor": "end" }, bad ? `✗ ${t.verdict[hop.verdict]}` : t.verdict[hop.verdict] ?? hop.verdict));
    svg.append(g);
  });
  return svg;
}
