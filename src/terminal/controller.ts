// Connects a line editor and a Session to a terminal: keys in, escape sequences
// out. It runs wherever the session runs (the Web Worker in the browser, Node in
// tests), so the page thread only has to pass data to xterm and back.
import type { Completion, Session, SessionHost, Stream } from "../shell/types.ts";
import { parseKeys, type Key } from "./keys.ts";
import { applyCompletion, handleKey, newEditor, type EditorEffect, type EditorState } from "./line-editor.ts";
import { columns, drawLine, leaveLine } from "./render.ts";
import { FullScreenEditor } from "./fullscreen.ts";
import { throttledYield } from "./yielder.ts";

export interface ControllerOptions {
  /** Raw terminal data: text with CRLF and escape sequences. */
  write(data: string): void;
  cols?: number;
  rows?: number;
  /** After every command (checks, persistence). Errors are reported, never thrown. */
  afterCommand?(line: string, status: number): void | Promise<void>;
  /** Busy goes true while a command runs (the page shows a Ctrl-C hint and the watchdog arms). */
  onBusy?(busy: boolean): void;
}

const CONTINUATION_PROMPT = "> ";

export class TerminalController {
  private session: Session | null = null;
  private editor: EditorState = newEditor();
  private cols: number;
  private rows: number;
  private cursorRow = 0;
  private pending: string | null = null;
  private busy = false;
  private abort: AbortController | null = null;
  private queue: Key[] = [];
  private fullscreen: FullScreenEditor | null = null;
  private atLineStart = true;
  /** Serialises key handling: a completion or a command finishes before the next key is looked at. */
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly opts: ControllerOptions) {
    this.cols = opts.cols ?? 80;
    this.rows = opts.rows ?? 24;
  }

  /** The host to create the session with: output and the full-screen editor go through here. */
  readonly host: SessionHost = {
    write: (text: string, stream: Stream) => this.output(text, stream),
    edit: (fileName: string, text: string, flavour: "vi" | "nano") => this.openEditor(fileName, text, flavour),
    // Loops yield now and then, so the Ctrl-C message reaches a busy worker.
    yieldToHost: throttledYield(),
  };

  attach(session: Session): void {
    this.session = session;
    this.editor = newEditor(session.shellHistory?.() ?? session.history());
    this.pending = null;
    // Bracketed paste: xterm then marks pasted text, so a pasted newline is not an Enter mid-paste.
    this.opts.write("\x1b[?2004h");
    this.showPrompt();
  }

  isBusy(): boolean {
    return this.busy;
  }

  resize(cols: number, rows: number): void {
    this.cols = Math.max(1, cols);
    this.rows = Math.max(1, rows);
    if (this.fullscreen) this.fullscreen.resize(this.cols, this.rows);
    else if (!this.busy && this.session) this.redraw();
  }

  /** Raw data from the terminal (keys, pastes). */
  input(data: string): void {
    for (const key of parseKeys(data)) {
      if (this.fullscreen) {
        this.fullscreen.key(key);
        continue;
      }
      if (this.busy) {
        if (key.kind === "ctrl" && key.letter === "c") this.interrupt();
        else this.queue.push(key);
        continue;
      }
      this.queue.push(key);
    }
    this.pump();
  }

  /** Ctrl-C while a command runs: abort it. */
  interrupt(): void {
    if (this.busy && this.abort) {
      this.queue = [];
      // The terminal echoes ^C the moment it is pressed; what the program prints as it stops (ping's statistics) follows.
      if (!this.abort.signal.aborted) this.output("^C", "stdout");
      this.abort.abort();
    }
  }

  /** Types a line as if the learner typed it and pressed Enter (Run buttons). */
  typeLine(text: string): void {
    this.input(`\x1b[200~${text.replace(/\n?$/, "\n")}\x1b[201~`);
  }

  private pump(): void {
    this.chain = this.chain.then(async () => {
      while (!this.busy && !this.fullscreen && this.queue.length) {
        const key = this.queue.shift()!;
        const step = handleKey(this.editor, key);
        this.editor = step.state;
        let redraw = true;
        for (const effect of step.effects) redraw = (await this.effect(effect)) && redraw;
        if (redraw && !this.busy && !this.fullscreen) this.redraw();
      }
    });
  }

  /** Returns false when the effect already drew what it needed. */
  private async effect(effect: EditorEffect): Promise<boolean> {
    switch (effect.kind) {
      case "submit":
        await this.submit(effect.line);
        return false;
      case "interrupt":
        this.opts.write(leaveLine(this.currentPrompt(), this.editor.buffer, this.cursorRow, this.cols).replace("\r\n", "^C\r\n"));
        this.pending = null;
        this.showPrompt();
        return false;
      case "eof":
        if (this.session && this.session.depth() > 0) {
          this.opts.write(leaveLine(this.currentPrompt(), "", this.cursorRow, this.cols));
          // The shell's own end-of-input prints "exit" like bash; a session without it just runs exit.
          const s = this.session as Session & { endOfInput?(): Promise<number> };
          await this.runCommand("exit", s.endOfInput ? () => s.endOfInput!() : undefined);
          return false;
        }
        this.opts.write("\x07");
        return true;
      case "clear":
        this.opts.write("\x1b[H\x1b[2J");
        this.cursorRow = 0;
        return true;
      case "bell":
        this.opts.write("\x07");
        return true;
      case "complete":
        return this.complete(effect.line, effect.cursor, effect.list);
    }
  }

  private async complete(line: string, cursor: number, list: boolean): Promise<boolean> {
    if (!this.session || this.pending !== null) return true;
    let c: Completion;
    try {
      c = this.session.complete(line, cursor);
    } catch {
      return true;
    }
    if (c.candidates.length === 0) {
      this.opts.write("\x07");
      return true;
    }
    const before = this.editor.buffer;
    this.editor = applyCompletion(this.editor, c.replaceFrom, c.replacement);
    if (c.candidates.length > 1 && this.editor.buffer === before) {
      if (!list) {
        this.opts.write("\x07");
        return true;
      }
      this.opts.write(leaveLine(this.currentPrompt(), before, this.cursorRow, this.cols));
      this.opts.write(toCrlf(columns(c.candidates, this.cols)));
      this.cursorRow = 0;
    }
    return true;
  }

  private async submit(line: string): Promise<void> {
    const prompt = this.currentPrompt();
    // Pasted lines were never drawn: show each as it is submitted, like a terminal echoing a paste.
    const drawn = drawLine(prompt, line, line.length, this.cols, this.cursorRow);
    this.opts.write(drawn.out);
    this.opts.write(leaveLine(prompt, line, drawn.cursorRow, this.cols));
    this.cursorRow = 0;
    this.atLineStart = true;
    const text = this.pending === null ? line : `${this.pending}\n${line}`;
    if (!this.session) return;
    if (this.session.needsMoreInput(text)) {
      this.pending = text;
      this.showPrompt();
      return;
    }
    this.pending = null;
    if (text.trim() === "") {
      this.showPrompt();
      return;
    }
    await this.runCommand(text);
  }

  /** Runs a line (or `run`, for Ctrl-D's end of input) with Ctrl-C wired to abort it. */
  private async runCommand(label: string, run?: () => Promise<number>): Promise<void> {
    const session = this.session!;
    this.busy = true;
    this.abort = new AbortController();
    this.opts.onBusy?.(true);
    let status = 0;
    try {
      status = run ? await run() : await session.run(label, { signal: this.abort.signal });
      // After the echoed ^C, bash starts a fresh line unless the program already did.
      if (this.abort.signal.aborted && !this.atLineStart) this.opts.write("\r\n");
    } catch (e) {
      this.output(`labnotes: ${(e as Error).message ?? e}\n`, "stderr");
      status = 1;
    }
    this.abort = null;
    try {
      await this.opts.afterCommand?.(label, status);
    } catch (e) {
      this.output(`labnotes: ${(e as Error).message ?? e}\n`, "stderr");
    }
    this.busy = false;
    this.opts.onBusy?.(false);
    this.editor = newEditor(session.shellHistory?.() ?? session.history(), this.editor.kill);
    this.showPrompt();
  }

  private output(text: string, _stream: Stream): void {
    if (!text) return;
    this.opts.write(toCrlf(text));
    this.atLineStart = text.endsWith("\n");
  }

  private currentPrompt(): string {
    if (this.editor.search) {
      const s = this.editor.search;
      const failed = s.query !== "" && s.match < 0;
      return `(${failed ? "failed " : ""}reverse-i-search)\`${s.query}': `;
    }
    if (this.pending !== null) return CONTINUATION_PROMPT;
    return this.session ? this.session.prompt() : "$ ";
  }

  private showPrompt(): void {
    this.cursorRow = 0;
    this.atLineStart = true;
    this.redraw();
  }

  private redraw(): void {
    const drawn = drawLine(this.currentPrompt(), this.editor.buffer, this.editor.cursor, this.cols, this.cursorRow);
    this.opts.write(drawn.out);
    this.cursorRow = drawn.cursorRow;
  }

  private openEditor(fileName: string, text: string, flavour: "vi" | "nano"): Promise<string | null> {
    return new Promise((resolve) => {
      this.fullscreen = new FullScreenEditor({
        fileName,
        text,
        flavour,
        cols: this.cols,
        rows: this.rows,
        write: (d) => this.opts.write(d),
        done: (result) => {
          this.fullscreen = null;
          resolve(result);
        },
      });
    });
  }
}

export function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, "\r\n");
}
