// Per-container log buffers, keyed by namespace/pod/container; the text `kubectl logs` prints.

export class LogBook {
  private buffers = new Map<string, string[]>();

  private key(ns: string, pod: string, container: string): string {
    return `${ns}/${pod}/${container}`;
  }

  append(ns: string, pod: string, container: string, line: string): void {
    const k = this.key(ns, pod, container);
    let b = this.buffers.get(k);
    if (!b) {
      b = [];
      this.buffers.set(k, b);
    }
    b.push(line.endsWith("\n") ? line.slice(0, -1) : line);
  }

  read(ns: string, pod: string, container: string): string | undefined {
    const b = this.buffers.get(this.key(ns, pod, container));
    return b ? b.map((l) => l + "\n").join("") : undefined;
  }

  /** A deleted pod takes its logs with it. */
  dropPod(ns: string, pod: string): void {
    const prefix = `${ns}/${pod}/`;
    for (const k of [...this.buffers.keys()]) if (k.startsWith(prefix)) this.buffers.delete(k);
  }

  dump(): Record<string, string[]> {
    return Object.fromEntries([...this.buffers.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, [...v]]));
  }

  static restore(d: Record<string, string[]>): LogBook {
    const l = new LogBook();
    for (const [k, v] of Object.entries(d)) l.buffers.set(k, [...v]);
    return l;
  }
}
