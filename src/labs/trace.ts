// The trace view's model: the path of the learner's last curl, nslookup, ping or
// connect, hop by hop, from what the packet walk and the DNS lookup reported.
// Also the recorder that notices those calls without the shell having to.
import type { Cluster, ConnectRequest, ConnectResult, DnsExchange, DnsLookup, DnsLookupRequest, Hop, Outcome, Source } from "../cluster/index.ts";

export interface TraceHop {
  kind: Hop["kind"];
  label: string;
  at: string;
  verdict: Hop["verdict"];
}

export interface TraceView {
  /** The command line that caused it. */
  command: string;
  target: string;
  ok: boolean;
  /** One line: "HTTP 200 OK", "timed out: dropped by NetworkPolicy"… */
  summary: string;
  hops: TraceHop[];
}

export type NetEvent =
  | { kind: "connect"; req: ConnectRequest; result: ConnectResult }
  | { kind: "lookup"; from: Source; req: DnsLookupRequest; result: DnsLookup };

export function outcomeSummary(o: Outcome): { ok: boolean; text: string } {
  switch (o.kind) {
    case "connected":
      return { ok: true, text: `connected to ${o.ip}${o.port ? `:${o.port}` : ""}` };
    case "http":
      return { ok: o.response.status < 400, text: `HTTP ${o.response.status} ${o.response.reason}` };
    case "refused":
      return { ok: false, text: `connection refused by ${o.ip}${o.port ? `:${o.port}` : ""} (${o.reason === "no-endpoints" ? "the Service has no endpoints" : "nothing listens"})` };
    case "timeout":
      return { ok: false, text: `timed out after ${o.afterMs} ms (${o.reason === "policy" ? "dropped by a NetworkPolicy" : o.reason === "no-route" ? "no route" : "no answer"})` };
    case "unreachable":
      return { ok: false, text: `${o.ip} unreachable` };
    case "nxdomain":
      return { ok: false, text: `${o.name}: no such name (NXDOMAIN)` };
    case "dns-timeout":
      return { ok: false, text: `${o.name}: DNS timed out` };
    case "tls-error":
      return { ok: false, text: `TLS error with ${o.ip}:${o.port} (${o.reason})` };
  }
}

function sourceLabel(s: Source): string {
  return s.kind === "pod" ? `${s.namespace}/${s.name}` : s.kind === "node" ? s.name : "outside";
}

function dnsHop(ex: DnsExchange, at: string): TraceHop {
  const q = `${ex.question.name} ${ex.question.type}`;
  if (!ex.reply) return { kind: "dns", label: `${q} → ${ex.server}: no reply`, at, verdict: "drop" };
  const answers = ex.reply.answer.map((rr) => rr.data);
  if (ex.reply.rcode === "NXDOMAIN") return { kind: "dns", label: `${q} → NXDOMAIN`, at, verdict: "nxdomain" };
  const text = answers.length ? answers.slice(0, 4).join(", ") + (answers.length > 4 ? ` +${answers.length - 4}` : "") : `${ex.reply.rcode}, no records`;
  return { kind: "dns", label: `${q} → ${text}`, at, verdict: answers.length ? "answer" : "nxdomain" };
}

export function dnsHops(lookup: DnsLookup, at: string): TraceHop[] {
  return lookup.exchanges.map((ex) => dnsHop(ex, at));
}

export function traceFromEvent(command: string, ev: NetEvent): TraceView {
  if (ev.kind === "lookup") {
    const final = ev.result.final;
    const answers = final?.reply?.answer.map((rr) => rr.data) ?? [];
    const last = ev.result.exchanges[ev.result.exchanges.length - 1];
    const ok = answers.length > 0;
    const summary = ok ? `${ev.req.name} → ${answers.join(", ")}` : last?.reply ? `${ev.req.name}: ${last.reply.rcode}` : `${ev.req.name}: no reply`;
    const at = sourceLabel(ev.from);
    return { command, target: ev.req.name, ok, summary, hops: [{ kind: "source", label: at, at, verdict: "pass" }, ...dnsHops(ev.result, at)] };
  }
  const at = sourceLabel(ev.req.from);
  const hops: TraceHop[] = ev.result.trace.map((h) => ({ kind: h.kind, label: h.label, at: h.at, verdict: h.verdict }));
  if (ev.result.dns && !hops.some((h) => h.kind === "dns")) {
    const insertAt = hops[0]?.kind === "source" ? 1 : 0;
    hops.splice(insertAt, 0, ...dnsHops(ev.result.dns, at));
  }
  if (hops[0]?.kind !== "source") hops.unshift({ kind: "source", label: at, at, verdict: "pass" });
  const { ok, text } = outcomeSummary(ev.result.outcome);
  const target = ev.req.port && !/^https?:/i.test(ev.req.to) ? `${ev.req.to}:${ev.req.port}` : ev.req.to;
  return { command, target, ok, summary: text, hops };
}

/**
 * Wraps a cluster so that every real (not dry-run) connect and lookup is noted.
 * Checks use dryRun, so they never show up as the learner's trace.
 */
export function recordingCluster(cluster: Cluster, onEvent: (ev: NetEvent) => void): Cluster {
  return new Proxy(cluster, {
    get(target, prop, receiver) {
      if (prop === "connect") {
        return (req: ConnectRequest) => {
          const result = target.connect(req);
          if (!req.dryRun) onEvent({ kind: "connect", req, result });
          return result;
        };
      }
      if (prop === "lookup") {
        return (from: Source, req: DnsLookupRequest) => {
          const result = target.lookup(from, req);
          onEvent({ kind: "lookup", from, req, result });
          return result;
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Of the events one command caused, the one worth drawing: the last connect, else the last lookup. */
export function pickEvent(events: readonly NetEvent[]): NetEvent | null {
  for (let i = events.length - 1; i >= 0; i--) if (events[i].kind === "connect") return events[i];
  return events.length ? events[events.length - 1] : null;
}
