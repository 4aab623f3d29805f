// Everything a lab page needs that is not drawing: the session and cluster, the
// terminal controller, step checks after every command, the trace and topology
// models, and saving to IndexedDB. It runs in the Web Worker; tests drive it in
// Node with fake-indexeddb.
import { restoreCluster, type Cluster } from "../cluster/index.ts";
import { parseLab, formatLabError } from "../labs/format.ts";
import { labVersion as fingerprint, RECORD_FORMAT, exportProgress, parseProgressExport, type LabRecord, type LabStore } from "../labs/persist.ts";
import { countDone, freshProgress, restoreProgress, updateProgress, type Progress } from "../labs/progress.ts";
import { resumeLabSession, startLabSession, type LabSession } from "../labs/runtime.ts";
import { createSession } from "../shell/session.ts";
import { buildTopology } from "../labs/topology.ts";
import { pickEvent, recordingCluster, traceFromEvent, type NetEvent } from "../labs/trace.ts";
import type { Lab } from "../labs/types.ts";
import { TerminalController } from "./controller.ts";
import type { InitMessage, PageMessage, StepState, WorkerMessage } from "./protocol.ts";

export interface EngineDeps {
  post(msg: WorkerMessage): void;
  openStore(): Promise<LabStore>;
  now(): number;
  /** Run a command on a scratch cluster once the session is up, so the learner's first one runs on compiled code (the browser worker). */
  warmUp?: boolean;
}

/** The warm-up line: the shell's parse and run path and kubectl's table printers for the common kinds. */
const WARM_UP_LINE = "kubectl get all";

export class LabEngine {
  private lab: Lab | null = null;
  private init: InitMessage | null = null;
  private version = "";
  private store: LabStore | null = null;
  private cluster: Cluster | null = null;
  private session: LabSession | null = null;
  private controller: TerminalController | null = null;
  private progress: Progress = {};
  private events: NetEvent[] = [];
  private saveWarned = false;
  /** Keys and resizes that arrive while the session is (re)starting: replayed once it is up. */
  private early: PageMessage[] = [];
  /** Whether the topology includes system namespaces (the page's toggle). */
  private showSystem = false;
  /** The last steps and topology messages posted (see postChanged). */
  private readonly lastPosted = new Map<string, string>();
  /** Saving runs after the prompt is back; one save at a time, and one more if a command ran meanwhile. */
  private saving: Promise<void> = Promise.resolve();
  private saveQueued = false;
  /** The warm-up ran (once per worker: compiled code stays compiled). */
  private warmed = false;
  /** Bumped by Reset and Import: a save queued before them must not write the old session back. */
  private generation = 0;

  constructor(private readonly deps: EngineDeps) {}

  async handle(msg: PageMessage): Promise<void> {
    try {
      await this.dispatch(msg);
    } catch (e) {
      // Nothing the learner does may take the page down: report and carry on.
      this.deps.post({ type: "notice", kind: "error", code: "internal", detail: (e as Error)?.message ?? String(e) });
    }
  }

  private async dispatch(msg: PageMessage): Promise<void> {
    switch (msg.type) {
      case "init":
        return this.start(msg);
      case "input":
      case "resize":
      case "run-line":
        if (!this.controller) this.early.push(msg);
        else if (msg.type === "input") this.controller.input(msg.data);
        else if (msg.type === "resize") this.controller.resize(msg.cols, msg.rows);
        else this.controller.typeLine(msg.line);
        return;
      case "interrupt":
        this.controller?.interrupt();
        return;
      case "topology-options":
        this.showSystem = msg.showSystem;
        this.postTopology();
        return;
      case "check-now":
        this.evaluate(true);
        return;
      case "reset":
        this.controller = null;
        await this.dropPendingSaves();
        await this.store?.remove(this.init!.labId);
        this.deps.post({ type: "output", data: "\x1bc" });
        return this.begin(null);
      case "export": {
        const records = (await this.store?.all()) ?? [];
        this.deps.post({ type: "export", text: exportProgress(records, new Date(this.deps.now())) });
        return;
      }
      case "import": {
        const parsed = parseProgressExport(msg.text);
        if (!parsed.ok) {
          this.deps.post({ type: "notice", kind: "import", code: "import-failed", detail: parsed.error });
          return;
        }
        for (const r of parsed.records) await this.store?.save(r);
        this.deps.post({ type: "notice", kind: "import", code: "imported", detail: String(parsed.records.length) });
        const mine = parsed.records.find((r) => r.labId === this.init?.labId);
        if (mine) {
          this.controller = null;
          await this.dropPendingSaves();
          this.deps.post({ type: "output", data: "\x1bc" });
          await this.begin(mine.labVersion === this.version ? mine : null);
        }
        return;
      }
    }
  }

  private async start(msg: InitMessage): Promise<void> {
    this.init = msg;
    this.showSystem = msg.showSystem ?? false;
    // IndexedDB opens on its own thread while the lab is parsed (opening never rejects: it degrades).
    const opening = msg.ephemeral ? null : this.deps.openStore();
    const parsed = parseLab(msg.labId, `labs/${msg.labId}/lab.md`, msg.labSource);
    if (!parsed.ok) {
      this.deps.post({ type: "fatal", message: parsed.errors.map(formatLabError).join("\n") });
      return;
    }
    this.lab = parsed.lab;
    this.version = fingerprint(msg.labSource, msg.clusterYaml);
    this.store = opening ? await opening : null;
    let saved = null;
    if (this.store) {
      const outcome = await this.store.load(msg.labId, this.version);
      if (outcome.kind === "resumed") saved = outcome.record;
      else if (outcome.kind === "fallback") this.deps.post({ type: "notice", kind: "storage", code: outcome.reason, detail: outcome.detail });
    }
    if (msg.restarted) this.deps.post({ type: "notice", kind: "restarted", code: "restarted", detail: "" });
    await this.begin(saved);
  }

  /** Starts the session from a saved record, or fresh; a record that fails to restore falls back to fresh. */
  private async begin(saved: Pick<LabRecord, "session" | "progress"> | null): Promise<void> {
    const lab = this.lab!;
    const init = this.init!;
    const controller = new TerminalController({
      write: (data) => this.deps.post({ type: "output", data }),
      cols: init.cols,
      rows: init.rows,
      // A command that ends after Reset or Import belongs to a session that is gone: its checks and save must not touch the new one.
      afterCommand: async (line) => {
        if (this.controller === controller) await this.afterCommand(line);
      },
      onBusy: (busy) => this.deps.post({ type: "busy", busy }),
    });
    const wrap = (c: Cluster) => recordingCluster(c, (ev) => this.events.push(ev));
    let started = null;
    if (saved) {
      try {
        started = await resumeLabSession(saved.session, controller.host, { wrap });
        this.progress = restoreProgress(lab, saved.progress);
      } catch (e) {
        this.deps.post({ type: "notice", kind: "storage", code: "corrupt", detail: (e as Error)?.message ?? String(e) });
      }
    }
    if (!started) {
      started = await startLabSession(init.clusterYaml, controller.host, { wrap });
      this.progress = freshProgress(lab);
    }
    this.cluster = started.cluster;
    this.session = started.session;
    this.controller = controller;
    this.events = [];
    controller.attach(started.session);
    this.deps.post({ type: "ready", prompt: started.session.prompt() });
    this.evaluate(false);
    this.postTopology();
    this.deps.post({ type: "trace", trace: null });
    const early = this.early;
    this.early = [];
    // Keys typed ahead run at once instead: a warm-up would only hold them up.
    if (!early.some((m) => m.type === "input" || m.type === "run-line")) this.warmUpSoon(started.cluster);
    for (const m of early) await this.dispatch(m);
  }

  /**
   * A fresh worker runs its first command on code the JavaScript engine has not compiled yet (the
   * shell's parser and executor, kubectl's printers): that first command took ~40 ms in Chromium, a
   * warm one ~5 ms. While the learner reads the page, one command runs on a scratch copy of the
   * cluster with its output dropped, so the lab's own cluster, clock and history are untouched.
   */
  private warmUpSoon(cluster: Cluster): void {
    if (!this.deps.warmUp || this.warmed) return;
    this.warmed = true;
    setTimeout(() => {
      if (this.controller?.isBusy() || this.cluster !== cluster) return;
      void (async () => {
        const scratch = createSession({ cluster: restoreCluster(cluster.snapshot()), host: { write: () => {}, edit: async () => null } });
        await scratch.run(WARM_UP_LINE);
      })().catch(() => {});
    }, 0);
  }

  /** Resolves once the saves queued so far are written (tests; Reset and Import wait for it too). */
  settled(): Promise<void> {
    return this.saving;
  }

  private async afterCommand(line: string): Promise<void> {
    const ev = pickEvent(this.events);
    this.events = [];
    if (ev) this.deps.post({ type: "trace", trace: traceFromEvent(line, ev) });
    this.evaluate(false);
    this.postTopology();
    this.saveSoon();
  }

  /** Saves after the prompt is back (a snapshot and an IndexedDB write are not the learner's wait). */
  private saveSoon(): void {
    if (this.saveQueued) return;
    this.saveQueued = true;
    const generation = this.generation;
    this.saving = this.saving.then(
      () =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            this.saveQueued = false;
            // A command that started meanwhile saves when it ends: never save halfway through one.
            if (generation !== this.generation || this.controller?.isBusy()) return resolve();
            this.save()
              .catch((e) => this.deps.post({ type: "notice", kind: "storage", code: "error", detail: (e as Error)?.message ?? String(e) }))
              .finally(() => {
                if (!this.saveQueued) this.deps.post({ type: "saved", ...(this.session ? { prompt: this.session.prompt() } : {}) });
                resolve();
              });
          }, 0),
        ),
    );
  }

  private async dropPendingSaves(): Promise<void> {
    this.generation++;
    await this.saving;
  }

  private evaluate(explain: boolean): void {
    if (!this.lab || !this.cluster || !this.session) return;
    this.progress = updateProgress(this.lab, this.progress, this.cluster, this.session.history(), { explain });
    const steps: StepState[] = this.lab.steps.map((s) => ({ id: s.id, status: this.progress[s.id].status, ...(this.progress[s.id].reason ? { reason: this.progress[s.id].reason } : {}) }));
    // Check now always answers, even when nothing changed.
    this.postChanged({ type: "steps", steps, done: countDone(this.progress), total: this.lab.steps.length }, explain);
  }

  private postTopology(): void {
    if (!this.cluster) return;
    this.postChanged({ type: "topology", topology: buildTopology(this.cluster, { showSystem: this.showSystem }) });
  }

  /**
   * Most commands change no step and nothing the topology shows: such a message, equal to the last
   * one of its type, is not posted, so the page touches nothing and the output it is about to draw
   * does not wait for the instructions to be laid out again.
   */
  private postChanged(msg: Extract<WorkerMessage, { type: "steps" | "topology" }>, always = false): void {
    const key = JSON.stringify(msg);
    if (!always && this.lastPosted.get(msg.type) === key) return;
    this.lastPosted.set(msg.type, key);
    this.deps.post(msg);
  }

  private async save(): Promise<void> {
    if (!this.store || !this.session || !this.init) return;
    const session = this.session.saveState ? await this.session.saveState() : this.session.state();
    const progress = Object.fromEntries(Object.entries(this.progress).map(([id, p]) => [id, { status: p.status, start: p.start }]));
    const r = await this.store.save({ format: RECORD_FORMAT, labId: this.init.labId, labVersion: this.version, savedAt: this.deps.now(), session, progress });
    if (!r.ok && !this.saveWarned) {
      this.saveWarned = true;
      this.deps.post({ type: "notice", kind: "storage", code: r.reason, detail: r.detail });
    }
  }
}
