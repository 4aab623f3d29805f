// Per-container log buffers, keyed by namespace/pod/container; the text `kubectl logs` prints.
// Each line keeps the virtual time it was written (for --timestamps and --since); a restarted
// container's last run is kept as its previous log (`kubectl logs -p`), as the kubelet keeps
// the previous container's log file.

interface Entry {
  at: number;
  text: string;
}

export interface LogReadOptions {
  previous?: boolean;
  /** Only lines written at or after this time (ms). */
  since?: number;
}

// Snapshot keys beside the namespace/pod/container ones (which always hold slashes after a name).
const AT = "#at/";
const PREVIOUS = "#previous/";
const PREVIOUS_AT = "#previous-at/";
const RAN = "#ran";
/** Lines kept per container (a loop writing every second keeps almost three hours). */
export const MAX_LINES = 10_000;
const ROTATE_BATCH = 1000;
const LOOPS = "#loops";

export class LogBook {
  private buffers = new Map<string, Entry[]>();
  private previous = new Map<string, Entry[]>();
  /** Container IDs whose one-shot command has already run (its output is in the log). */
  private ran = new Set<string>();
  /** When each looping container (by container ID) last ran its loop body. */
  private loops = new Map<string, number>();

  private key(ns: string, pod: string, container: string): string {
    return `${ns}/${pod}/${container}`;
  }

  append(ns: string, pod: string, container: string, line: string, at = 0): void {
    const k = this.key(ns, pod, container);
    let b = this.buffers.get(k);
    if (!b) {
      b = [];
      this.buffers.set(k, b);
    }
    b.push({ at, text: line.endsWith("\n") ? line.slice(0, -1) : line });
    // The kubelet rotates a container's log file (10 MiB); here the oldest lines go, in batches.
    if (b.length > MAX_LINES) b.splice(0, b.length - MAX_LINES + ROTATE_BATCH);
  }

  /** Output a command wrote: every line (a last line without a newline too). */
  appendOutput(ns: string, pod: string, container: string, output: string, at: number): void {
    if (!output) return;
    const lines = output.split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    for (const l of lines) this.append(ns, pod, container, l, at);
  }

  read(ns: string, pod: string, container: string): string | undefined {
    const b = this.buffers.get(this.key(ns, pod, container));
    return b ? b.map((l) => l.text + "\n").join("") : undefined;
  }

  /** The lines with their times; undefined when that container (or its previous run) never logged. */
  entries(ns: string, pod: string, container: string, opts: LogReadOptions = {}): Entry[] | undefined {
    const k = this.key(ns, pod, container);
    const b = opts.previous ? this.previous.get(k) : this.buffers.get(k);
    if (!b) return undefined;
    return opts.since === undefined ? [...b] : b.filter((e) => e.at >= opts.since!);
  }

  hasPrevious(ns: string, pod: string, container: string): boolean {
    return this.previous.has(this.key(ns, pod, container));
  }

  /** A container restarts: its log becomes the previous one and a new, empty log begins. */
  rotate(ns: string, pod: string, container: string): void {
    const k = this.key(ns, pod, container);
    this.previous.set(k, this.buffers.get(k) ?? []);
    this.buffers.set(k, []);
  }

  markRan(containerID: string): void {
    this.ran.add(containerID);
  }

  hasRun(containerID: string): boolean {
    return this.ran.has(containerID);
  }

  loopRanAt(containerID: string): number | undefined {
    return this.loops.get(containerID);
  }

  markLoopRan(containerID: string, at: number): void {
    this.loops.set(containerID, at);
  }

  /** A deleted pod takes its logs with it. */
  dropPod(ns: string, pod: string): void {
    const prefix = `${ns}/${pod}/`;
    for (const m of [this.buffers, this.previous]) for (const k of [...m.keys()]) if (k.startsWith(prefix)) m.delete(k);
  }

  dump(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    const sorted = (m: Map<string, Entry[]>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [k, v] of sorted(this.buffers)) {
      out[k] = v.map((e) => e.text);
      if (v.some((e) => e.at)) out[AT + k] = v.map((e) => String(e.at));
    }
    for (const [k, v] of sorted(this.previous)) {
      out[PREVIOUS + k] = v.map((e) => e.text);
      out[PREVIOUS_AT + k] = v.map((e) => String(e.at));
    }
    if (this.ran.size) out[RAN] = [...this.ran].sort();
    if (this.loops.size) out[LOOPS] = [...this.loops.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, at]) => `${id}=${at}`);
    return out;
  }

  static restore(d: Record<string, string[]>): LogBook {
    const l = new LogBook();
    const entries = (texts: string[], ats: string[] | undefined) => texts.map((text, i) => ({ text, at: Number(ats?.[i] ?? 0) || 0 }));
    for (const [k, v] of Object.entries(d)) {
      if (k === RAN) for (const id of v) l.ran.add(id);
      else if (k === LOOPS) for (const e of v) l.loops.set(e.slice(0, e.lastIndexOf("=")), Number(e.slice(e.lastIndexOf("=") + 1)) || 0);
      else if (k.startsWith(PREVIOUS)) l.previous.set(k.slice(PREVIOUS.length), entries(v, d[PREVIOUS_AT + k.slice(PREVIOUS.length)]));
      else if (!k.startsWith("#")) l.buffers.set(k, entries(v, d[AT + k]));
    }
    return l;
  }
}
