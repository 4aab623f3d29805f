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

  schedule(delayMs: number, task: Omit<Task, "at" | "seq">): void {
    const t: Task = { ...task, at: this.current + Math.max(0, delayMs), seq: this.seq++ };
    // Keep the queue sorted; queues are short (pods starting), so insertion is cheap.
    let i = this.tasks.length;
    while (i > 0 && before(t, this.tasks[i - 1])) i--;
    this.tasks.splice(i, 0, t);
  }

  /** The next task due at or before `limit`, removed from the queue, with the clock moved to its time. */
  takeDue(limit: number): Task | undefined {
    const t = this.tasks[0];
    if (!t || t.at > limit) return undefined;
    this.tasks.shift();
    if (t.at > this.current) this.current = t.at;
    return t;
  }

  nextDue(): number | undefined {
    return this.tasks[0]?.at;
  }

  setNow(ms: number): void {
    if (ms > this.current) this.current = ms;
  }

  state(): ClockState {
    return { now: this.current, seq: this.seq, tasks: this.tasks.map((t) => ({ ...t })) };
  }

  static restore(s: ClockState): VirtualClock {
    const c = new VirtualClock(s.now);
    c.seq = s.seq;
    c.tasks = s.tasks.map((t) => ({ ...t }));
    return c;
  }
}

function before(a: Task, b: Task): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
