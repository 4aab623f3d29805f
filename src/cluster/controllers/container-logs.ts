// What the kubelet serves for `kubectl logs`: the container's current (or previous) log,
// filtered by --since/--since-time, with --timestamps prefixes, or the API's error.
import type { ObjectStore } from "../api/store.ts";
import type { Result, Status } from "../api/types.ts";
import type { LogOptions } from "../types.ts";
import { notFound } from "../api/errors.ts";
import type { LogBook } from "./logs.ts";
import { fnv32a } from "./hash.ts";

function badRequest(message: string): Result<string> {
  const status: Status = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason: "BadRequest", code: 400 };
  return { ok: false, status };
}

/**
 * Go's RFC3339Nano (trailing zeros trimmed). The log keeps milliseconds; the runtime's
 * nanoseconds are filled in from the line's place and text, so stamps rise line by line
 * and stay the same on every read.
 */
export function rfc3339Nano(ms: number, seq: number, text: string): string {
  const iso = new Date(ms).toISOString();
  const sub = Math.min(999_999, seq * 1237 + (fnv32a(text) % 1000));
  const nanos = String((ms % 1000) * 1_000_000 + sub).padStart(9, "0").replace(/0+$/, "");
  return `${iso.slice(0, 19)}${nanos ? "." + nanos : ""}Z`;
}

interface StatusLike {
  name: string;
  state?: { waiting?: { reason?: string } };
  lastState?: { terminated?: unknown };
}

export function containerLogs(store: ObjectStore, book: LogBook, now: number, ref: { namespace: string; pod: string; container?: string }, opts: LogOptions = {}): Result<string> {
  const { namespace, pod } = ref;
  const p = store.get("pods", namespace, pod);
  if (!p) return { ok: false, status: notFound({ group: "", resource: "pods" }, pod) };
  const spec = p.spec as { containers?: { name: string }[]; initContainers?: { name: string }[] } | undefined;
  const containers = (spec?.containers ?? []).map((c) => c.name);
  const name = ref.container ?? containers[0];
  // Init containers have logs too (kubectl logs POD -c INIT).
  if (!name || ![...containers, ...(spec?.initContainers ?? []).map((c) => c.name)].includes(name)) return badRequest(`container ${name} is not valid for pod ${pod}`);
  const st = p.status as { containerStatuses?: StatusLike[]; initContainerStatuses?: StatusLike[] } | undefined;
  const cs = [...(st?.initContainerStatuses ?? []), ...(st?.containerStatuses ?? [])].find((x) => x.name === name);
  if (opts.previous) {
    if (!book.hasPrevious(namespace, pod, name)) return badRequest(`previous terminated container "${name}" in pod "${pod}" not found`);
  } else {
    // A container that never ran has no log yet: the kubelet says why. One waiting to restart serves its last run.
    const waiting = cs ? cs.state?.waiting?.reason : "ContainerCreating";
    if (waiting && !cs?.lastState?.terminated) return badRequest(`container "${name}" in pod "${pod}" is waiting to start: ${waiting}`);
  }
  let since: number | undefined;
  if (opts.sinceSeconds !== undefined) since = now - opts.sinceSeconds * 1000;
  else if (opts.sinceTime) since = Date.parse(opts.sinceTime);
  const entries = book.entries(namespace, pod, name, { previous: opts.previous, ...(since !== undefined && !Number.isNaN(since) ? { since } : {}) }) ?? [];
  // Lines written in the same millisecond are numbered from the first of them.
  let first = 0;
  const text = entries
    .map((e, i) => {
      if (i > 0 && entries[i - 1]!.at !== e.at) first = i;
      return (opts.timestamps ? `${rfc3339Nano(e.at, i - first, e.text)} ` : "") + e.text + "\n";
    })
    .join("");
  return { ok: true, value: text };
}
