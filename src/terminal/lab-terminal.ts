// <lab-terminal>: xterm.js on the page, the lab engine in a Web Worker. The element
// forwards keys and shows output; everything else (steps, pictures) listens to the
// events it dispatches. If the worker stops answering after Ctrl-C, it is
// terminated and started again from the last saved state.
import { Terminal, type ITheme } from "@xterm/xterm";
import { FitAddon } from "@xterm/addon-fit";
import { WebLinksAddon } from "@xterm/addon-web-links";
import "@xterm/xterm/css/xterm.css";
import type { PageMessage, WorkerMessage } from "./protocol.ts";
import { parseKeys } from "./keys.ts";
import { handleKey, newEditor, type EditorState } from "./line-editor.ts";
import { drawLine } from "./render.ts";
import { InterruptWatchdog } from "./watchdog.ts";

/** How long a command may ignore Ctrl-C before the worker is restarted. */
const INTERRUPT_GRACE_MS = 900;

export interface LabData {
  labId: string;
  labSource: string;
  clusterYaml: string;
  ephemeral?: boolean;
  /** The prompt a fresh session shows first (lab.json; the lab page has it in its HTML). */
  firstPrompt?: string;
}

export type LabTerminalEvent = CustomEvent<WorkerMessage>;

/** The terminal takes the page's own colours, so it follows the light/dark theme. */
function themeFromPage(): ITheme {
  const cs = getComputedStyle(document.body);
  const transparent = (c: string) => c === "" || c === "transparent" || c === "rgba(0, 0, 0, 0)";
  const background = transparent(cs.backgroundColor) ? "#ffffff" : cs.backgroundColor;
  return { background, foreground: cs.color, cursor: cs.color, cursorAccent: background, selectionBackground: "rgba(68, 147, 248, 0.35)" };
}

export class LabTerminalElement extends HTMLElement {
  private term: Terminal | null = null;
  private fit: FitAddon | null = null;
  private worker: Worker | null = null;
  private data: LabData | null = null;
  private showSystem = false;
  private pending: string[] = [];
  private unsent: PageMessage[] = [];
  private readonly watchdog = new InterruptWatchdog(INTERRUPT_GRACE_MS, () => {
    // The command did not notice Ctrl-C: the worker is stuck. Start over from the last save.
    this.write("^C\r\n");
    this.spawn(true);
  });
  private resizeObserver: ResizeObserver | null = null;
  private themeObserver: MutationObserver | null = null;
  /** performance.now() when xterm first rendered the prompt; typing is accepted from then on (the benchmark reads it). */
  promptAt: number | null = null;
  /** performance.now() when the session in the worker was up. */
  readyAt: number | null = null;
  /**
   * Until the worker's session is up, the prompt is drawn here and typing is echoed
   * with the same line editor; the keys also go to the worker, which replays them
   * once it starts, so nothing typed early is lost. Keys that need the session
   * (Enter, Tab, history…) stop the local echo and simply wait.
   */
  private early: { prompt: string; editor: EditorState; cursorRow: number; echo: boolean } | null = null;

  connectedCallback(): void {
    if (this.term) return;
    const term = new Terminal({
      fontFamily: getComputedStyle(document.documentElement).getPropertyValue("--mono").trim() || "monospace",
      fontSize: 14,
      cursorBlink: true,
      scrollback: 5000,
      theme: themeFromPage(),
      screenReaderMode: this.hasAttribute("screen-reader"),
    });
    this.fit = new FitAddon();
    term.loadAddon(this.fit);
    term.loadAddon(new WebLinksAddon());
    term.open(this);
    this.term = term;
    this.fitNow();
    term.onData((data) => this.onData(data));
    // Tab completes in the terminal, so keyboard users leave it with Esc then Tab (or Shift+Tab).
    let afterEscape = false;
    term.attachCustomKeyEventHandler((e) => {
      if (e.type !== "keydown") return true;
      if (e.key === "Tab" && afterEscape) {
        afterEscape = false;
        this.focusNeighbour(e.shiftKey ? -1 : 1);
        e.preventDefault();
        return false;
      }
      afterEscape = e.key === "Escape";
      return true;
    });
    this.resizeObserver = new ResizeObserver(() => this.fitNow());
    this.resizeObserver.observe(this);
    this.themeObserver = new MutationObserver(() => term && (term.options.theme = themeFromPage()));
    this.themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    for (const chunk of this.pending) term.write(chunk);
    this.pending = [];
    if (!this.readyAt) this.drawEarlyPrompt();
  }

  /**
   * The prompt goes up at once, before the worker's session is, if the page knows it: the HTML
   * carries the fresh lab's first prompt (data-first-prompt), dropped by the page's inline script
   * when a saved session would show another one. The inline script's input line (LabView.astro)
   * was the terminal until now: what was typed there is replayed here, then that line goes away
   * once xterm has drawn the same text in the same place.
   */
  private drawEarlyPrompt(): void {
    const term = this.term;
    const prompt = this.dataset.firstPrompt;
    if (!term || prompt === undefined) return;
    const box = this.querySelector<HTMLElement>(".lab-early");
    const hadFocus = !!box && box.contains(document.activeElement);
    const typed = (this as { takeEarlyInput?: () => string }).takeEarlyInput?.() ?? "";
    this.early = { prompt, editor: newEditor(), cursorRow: 0, echo: true };
    this.redrawEarly();
    // The same keys as if typed here: echoed by the line editor and queued for the session.
    if (typed) this.onData(typed);
    if (hadFocus) term.focus();
    // Once xterm has parsed all of that and put it on screen (not merely been handed the text).
    term.write("", () => {
      const rendered = term.onRender(() => {
        rendered.dispose();
        this.promptAt ??= performance.now();
        this.dataset.prompt = "true";
        box?.remove();
        if (hadFocus) this.dispatchEvent(new Event("lab-takeover", { bubbles: true }));
      });
    });
  }

  private redrawEarly(): void {
    if (!this.term || !this.early) return;
    const d = drawLine(this.early.prompt, this.early.editor.buffer, this.early.editor.cursor, this.term.cols, this.early.cursorRow);
    this.early.cursorRow = d.cursorRow;
    this.term.write(d.out);
  }

  private echoEarly(data: string): void {
    const early = this.early;
    if (!early?.echo) return;
    for (const key of parseKeys(data)) {
      const local = key.kind === "text" || key.kind === "backspace" || key.kind === "delete" || key.kind === "left" || key.kind === "right" || key.kind === "home" || key.kind === "end" || key.kind === "word-left" || key.kind === "word-right";
      if (!local) {
        early.echo = false;
        return;
      }
      early.editor = handleKey(early.editor, key).state;
    }
    this.redrawEarly();
  }

  disconnectedCallback(): void {
    this.resizeObserver?.disconnect();
    this.themeObserver?.disconnect();
    this.worker?.terminate();
    this.worker = null;
  }

  /** Starts the lab: called once the lab data is known. `worker` may have been started earlier (spawnLabWorker). */
  start(data: LabData, worker?: Worker): void {
    this.data = data;
    this.spawn(false, worker);
  }

  /** Moves focus to the next (or previous) focusable element outside the terminal. */
  private focusNeighbour(direction: 1 | -1): void {
    const focusable = [...document.querySelectorAll<HTMLElement>("a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex='-1'])")].filter(
      (el) => el.offsetParent !== null && (!this.contains(el) || el === this.querySelector("textarea")),
    );
    const here = focusable.findIndex((el) => this.contains(el));
    focusable[(here + direction + focusable.length) % focusable.length]?.focus();
  }

  focusTerminal(): void {
    this.term?.focus();
  }

  setScreenReaderMode(on: boolean): void {
    if (this.term) this.term.options.screenReaderMode = on;
    this.toggleAttribute("screen-reader", on);
  }

  /** Types a command line as if the learner typed it (Run buttons). */
  runLine(line: string): void {
    this.post({ type: "run-line", line });
    this.focusTerminal();
  }

  checkNow(): void {
    this.post({ type: "check-now" });
  }

  /** Whether the topology shows system namespaces; kept for a restarted worker too. */
  showSystemNamespaces(on: boolean): void {
    this.showSystem = on;
    this.post({ type: "topology-options", showSystem: on });
  }

  reset(): void {
    this.post({ type: "reset" });
    this.focusTerminal();
  }

  exportProgress(): void {
    this.post({ type: "export" });
  }

  importProgress(text: string): void {
    this.post({ type: "import", text });
  }

  private spawn(restarted: boolean, early?: Worker): void {
    if (!this.data) return;
    this.worker?.terminate();
    const worker = early ?? spawnLabWorker();
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => this.onMessage(e.data);
    worker.onerror = (e) => this.emit({ type: "notice", kind: "error", code: "internal", detail: e.message || "worker error" });
    this.worker = worker;
    this.watchdog.setBusy(false);
    const { cols, rows } = this.term ?? { cols: 80, rows: 24 };
    this.post({ type: "init", labId: this.data.labId, labSource: this.data.labSource, clusterYaml: this.data.clusterYaml, cols, rows, restarted, ephemeral: this.data.ephemeral, showSystem: this.showSystem });
    for (const msg of this.unsent.splice(0)) this.post(msg);
  }

  private post(msg: PageMessage): void {
    if (this.worker) this.worker.postMessage(msg);
    // Keys replayed from the page's early input line arrive before start(): they follow init.
    else if (msg.type === "input") this.unsent.push(msg);
  }

  private onData(data: string): void {
    this.echoEarly(data);
    if (data.includes("\x03") && this.watchdog.isBusy()) {
      this.post({ type: "interrupt" });
      this.watchdog.interrupted();
    }
    this.post({ type: "input", data });
  }

  private onMessage(msg: WorkerMessage): void {
    switch (msg.type) {
      case "output":
        // The session's first prompt replaces the one drawn while it started.
        if (this.early) this.early = { ...this.early, echo: false };
        this.write(msg.data);
        return;
      case "busy":
        this.watchdog.setBusy(msg.busy);
        // Until the worker says the command's result is saved, a reload would resume before it.
        if (msg.busy) this.dataset.unsaved = "true";
        break;
      case "saved":
        delete this.dataset.unsaved;
        break;
      case "ready":
        this.readyAt ??= performance.now();
        this.promptAt ??= this.readyAt;
        this.early = null;
        this.dataset.ready = "true";
        break;
    }
    this.emit(msg);
  }

  private emit(msg: WorkerMessage): void {
    this.dispatchEvent(new CustomEvent<WorkerMessage>("lab-message", { detail: msg, bubbles: true }));
  }

  private write(data: string): void {
    if (this.term) this.term.write(data);
    else this.pending.push(data);
  }

  private fitNow(): void {
    if (!this.term || !this.fit || !this.isConnected || this.clientWidth === 0) return;
    try {
      this.fit.fit();
    } catch {
      return;
    }
    this.post({ type: "resize", cols: this.term.cols, rows: this.term.rows });
  }
}

/** Starts a lab worker; pages call it first thing, so the worker boots while xterm sets up. */
export function spawnLabWorker(): Worker {
  return new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name: "labnotes-lab" });
}

export function defineLabTerminal(): void {
  if (!customElements.get("lab-terminal")) customElements.define("lab-terminal", LabTerminalElement);
}
