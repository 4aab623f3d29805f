// Runs the controllers. Each controller watches store changes and queues work; the
// manager drains every queue until the cluster is quiet. Work that happens later in
// virtual time (a container finishing its start, a pod finishing termination) is a
// clock task routed to the controller that scheduled it.
import type { KObject, WatchEventType } from "../api/types.ts";
import type { Task } from "../clock.ts";
import type { ControllerContext } from "./context.ts";

export interface Controller {
  /** Note a committed change; cheap, only queues keys. */
  observe(type: WatchEventType, resourceKey: string, obj: KObject, old: KObject | undefined): void;
  /** Do queued work; true when something was done (another round may be needed). */
  sync(): boolean;
  /** Task types this controller schedules on the clock. */
  readonly tasks?: readonly string[];
  /** The resource keys whose changes it observes; without it, every change (most writes are Events, which few controllers read). */
  readonly watches?: readonly string[];
  run?(task: Task): void;
}

// Controllers feed each other (Deployment -> ReplicaSet -> Pod -> EndpointSlice); a
// bound on rounds turns a bug that would loop forever into a stop.
const MAX_ROUNDS = 200;

/**
 * A controller that trips over an object it cannot handle drops that piece of work
 * rather than taking the whole cluster down: the learner's terminal must keep working.
 */
function guarded<T>(fn: () => T): T | false {
  try {
    return fn();
  } catch {
    return false;
  }
}

export class ControllerManager {
  private controllers: Controller[] = [];
  private byTask = new Map<string, Controller>();
  /** Resource key -> the controllers that observe it, in the order they were added. */
  private observers = new Map<string, Controller[]>();
  private running = false;

  constructor(private readonly ctx: ControllerContext) {
    ctx.store.onChange((type, key, obj, old) => {
      for (const c of this.observersOf(key)) {
        try {
          c.observe(type, key, obj, old);
        } catch {
          // A controller that cannot index an object simply does not see it.
        }
      }
    });
  }

  add(c: Controller): void {
    this.controllers.push(c);
    for (const t of c.tasks ?? []) this.byTask.set(t, c);
    this.observers.clear();
  }

  private observersOf(key: string): Controller[] {
    let list = this.observers.get(key);
    if (!list) {
      list = this.controllers.filter((c) => !c.watches || c.watches.includes(key));
      this.observers.set(key, list);
    }
    return list;
  }

  /** Drain every queue. Re-entrant calls (a controller's write) are absorbed by the outer loop. */
  runUntilQuiet(): void {
    if (this.running) return;
    this.running = true;
    try {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        let busy = false;
        for (const c of this.controllers) {
          // Inline rather than guarded(): this loop runs for every write.
          try {
            if (c.sync()) busy = true;
          } catch {
            // The work that failed is dropped; see guarded().
          }
        }
        if (!busy) return;
      }
    } finally {
      this.running = false;
    }
  }

  /** Let time pass up to `until`, running each due task and the work it causes. */
  advanceTo(until: number): void {
    this.runUntilQuiet();
    for (;;) {
      const task = this.ctx.clock.takeDue(until);
      if (!task) break;
      const c = this.byTask.get(task.type);
      guarded(() => c?.run?.(task));
      this.runUntilQuiet();
    }
    this.ctx.clock.setNow(until);
  }
}
