// Virtual time. Due work is kept as plain data (not closures) so that the queue
// survives a snapshot: each task names what to do and to which object.

export interface Task {
  at: number;
  /** Insertion order: tasks due at the same instant run in the order they were scheduled. */
  seq: number;
  type: string;
  namespace?: string;
  name?: string;
  uid?: string;
  /** Plain data the task needs later (kept in snapshots). */
  data?: Record<string, number | string>;
}

export interface ClockState {
  now: number;
  seq: number;
  tasks: Task[];
}

export class VirtualClock {
  private tasks: Task[] = [];
  private seq = 0;

  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  // `tasks` is a binary min-heap on (at, seq): thousands of pods starting at once stay cheap.
  schedule(delayMs: number, task: Omit<Task, "at" | "seq">): void {
    const t: Task = { ...task, at: this.current + Math.max(0, delayMs), seq: this.seq++ };
    const h = this.tasks;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  /** The next task due at or before `limit`, removed from the queue, with the clock moved to its time. */
  takeDue(limit: number): Task | undefined {
    const h = this.tasks;
    const t = h[0];
    if (!t || t.at > limit) return undefined;
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    if (t.at > this.current) this.current = t.at;
    return t;
  }

  nextDue(): number | undefined {
    return this.tasks[0]?.at;
  }

  setNow(ms: number): void {
    if (ms > this.current) this.current = ms;
  }

  /** Tasks in due order (a sorted array is also a valid heap, so restore keeps it as is). */
  state(): ClockState {
    return { now: this.current, seq: this.seq, tasks: [...this.tasks].sort((a, b) => (before(a, b) ? -1 : 1)).map((t) => ({ ...t })) };
  }

  static restore(s: ClockState): VirtualClock {
    const c = new VirtualClock(s.now);
    c.seq = s.seq;
    c.tasks = s.tasks.map((t) => ({ ...t })).sort((a, b) => (before(a, b) ? -1 : 1));
    return c;
  }
}

function before(a: Task, b: Task): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
