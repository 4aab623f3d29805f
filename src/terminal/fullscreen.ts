// The full-screen editor behind `kubectl edit`, `vi` and `nano`: enough of vi
// (normal/insert/command-line modes) and of nano (modeless, ^O ^X ^K ^U) to
// change a manifest. It draws on xterm's alternate screen and gives the
// terminal back exactly as it was.
import type { Key } from "./keys.ts";
import { textWidth } from "./width.ts";

export interface FullScreenOptions {
  fileName: string;
  text: string;
  flavour: "vi" | "nano";
  cols: number;
  rows: number;
  write(data: string): void;
  /** The saved text (null when nothing was saved) once the editor closes. */
  done(result: string | null): void;
}

type ViMode = "normal" | "insert" | "command";

export class FullScreenEditor {
  private lines: string[];
  private row = 0;
  private col = 0; // index into the line, in code points
  private top = 0;
  private mode: ViMode = "normal";
  private command = "";
  private pendingOp = ""; // "d" of dd, "g" of gg, "Z" of ZZ
  private message = "";
  private saved: string | null = null;
  private modified = false;
  private askSave = false;
  private clip: string[] = [];
  private cols: number;
  private rows: number;
  private closed = false;

  constructor(private readonly o: FullScreenOptions) {
    this.lines = o.text.replace(/\n$/, "").split("\n");
    this.cols = o.cols;
    this.rows = o.rows;
    if (o.flavour === "vi") this.message = `"${o.fileName}" ${this.lines.length}L, ${o.text.length}B`;
    o.write("\x1b[?1049h");
    this.draw();
  }

  resize(cols: number, rows: number): void {
    this.cols = cols;
    this.rows = rows;
    this.draw();
  }

  key(key: Key): void {
    if (this.closed) return;
    if (this.o.flavour === "vi") this.viKey(key);
    else this.nanoKey(key);
    if (!this.closed) this.draw();
  }

  text(): string {
    return this.lines.join("\n") + "\n";
  }

  private close(): void {
    this.closed = true;
    this.o.write("\x1b[?1049l");
    this.o.done(this.saved);
  }

  private save(): void {
    this.saved = this.text();
    this.modified = false;
  }

  // --- editing primitives shared by both flavours
  private chars(r = this.row): string[] {
    return Array.from(this.lines[r] ?? "");
  }

  private insertText(text: string): void {
    for (const part of text.replace(/\r\n?/g, "\n").split(/(\n)/)) {
      if (part === "\n") this.newline();
      else if (part) {
        const cs = this.chars();
        cs.splice(this.col, 0, ...Array.from(part));
        this.lines[this.row] = cs.join("");
        this.col += Array.from(part).length;
      }
    }
    this.modified = true;
  }

  private newline(): void {
    const cs = this.chars();
    this.lines.splice(this.row, 1, cs.slice(0, this.col).join(""), cs.slice(this.col).join(""));
    this.row++;
    this.col = 0;
    this.modified = true;
  }

  private backspace(): void {
    if (this.col > 0) {
      const cs = this.chars();
      cs.splice(this.col - 1, 1);
      this.lines[this.row] = cs.join("");
      this.col--;
    } else if (this.row > 0) {
      const prevLen = this.chars(this.row - 1).length;
      this.lines.splice(this.row - 1, 2, this.lines[this.row - 1] + this.lines[this.row]);
      this.row--;
      this.col = prevLen;
    } else return;
    this.modified = true;
  }

  /** vi dd and nano ^K: the line goes to the clipboard. */
  private cutLine(): void {
    this.clip = this.lines.splice(this.row, 1);
    if (this.lines.length === 0) this.lines = [""];
    this.row = Math.min(this.row, this.lines.length - 1);
    this.col = 0;
    this.modified = true;
  }

  private deleteChar(): void {
    const cs = this.chars();
    if (this.col < cs.length) {
      cs.splice(this.col, 1);
      this.lines[this.row] = cs.join("");
      this.modified = true;
    }
  }

  private move(key: Key): boolean {
    switch (key.kind) {
      case "up":
        this.row = Math.max(0, this.row - 1);
        break;
      case "down":
        this.row = Math.min(this.lines.length - 1, this.row + 1);
        break;
      case "left":
        this.col = Math.max(0, this.col - 1);
        break;
      case "right":
        this.col = Math.min(this.chars().length, this.col + 1);
        break;
      case "home":
        this.col = 0;
        break;
      case "end":
        this.col = this.chars().length;
        break;
      case "pageup":
        this.row = Math.max(0, this.row - (this.rows - 2));
        break;
      case "pagedown":
        this.row = Math.min(this.lines.length - 1, this.row + (this.rows - 2));
        break;
      default:
        return false;
    }
    this.col = Math.min(this.col, this.chars().length);
    return true;
  }

  // --- vi
  private viKey(key: Key): void {
    if (this.mode === "insert") {
      if (key.kind === "escape") {
        this.mode = "normal";
        this.col = Math.max(0, this.col - 1);
      } else if (key.kind === "text" || key.kind === "paste") this.insertText(key.text);
      else if (key.kind === "enter") this.newline();
      else if (key.kind === "backspace") this.backspace();
      else if (key.kind === "delete") this.deleteChar();
      else if (key.kind === "tab") this.insertText("\t");
      else this.move(key);
      return;
    }
    if (this.mode === "command") {
      if (key.kind === "escape" || (key.kind === "ctrl" && key.letter === "c")) this.mode = "normal";
      else if (key.kind === "backspace") {
        if (this.command === "") this.mode = "normal";
        else this.command = this.command.slice(0, -1);
      } else if (key.kind === "text") this.command += key.text;
      else if (key.kind === "enter") this.exCommand(this.command.trim());
      return;
    }
    if (key.kind !== "text") {
      if (key.kind === "escape") this.pendingOp = "";
      else this.move(key);
      return;
    }
    for (const ch of key.text) {
      const mode = this.mode as ViMode; // viNormal may have switched it for the rest of the text
      if (this.closed || mode !== "normal") {
        if (mode === "insert") this.insertText(ch);
        else if (mode === "command") this.command += ch;
        continue;
      }
      this.viNormal(ch);
    }
  }

  private viNormal(ch: string): void {
    const op = this.pendingOp;
    this.pendingOp = "";
    if (op === "d" && ch === "d") {
      this.cutLine();
      return;
    }
    if (op === "g" && ch === "g") {
      this.row = 0;
      this.col = 0;
      return;
    }
    if (op === "Z" && ch === "Z") {
      if (this.modified) this.save();
      this.close();
      return;
    }
    const len = this.chars().length;
    switch (ch) {
      case "h":
        this.move({ kind: "left" });
        break;
      case "l":
        this.col = Math.min(Math.max(0, len - 1), this.col + 1);
        break;
      case "j":
        this.move({ kind: "down" });
        break;
      case "k":
        this.move({ kind: "up" });
        break;
      case "0":
        this.col = 0;
        break;
      case "$":
        this.col = Math.max(0, len - 1);
        break;
      case "G":
        this.row = this.lines.length - 1;
        this.col = 0;
        break;
      case "x":
        this.deleteChar();
        break;
      case "i":
        this.mode = "insert";
        break;
      case "a":
        this.mode = "insert";
        this.col = Math.min(len, this.col + 1);
        break;
      case "A":
        this.mode = "insert";
        this.col = len;
        break;
      case "I":
        this.mode = "insert";
        this.col = 0;
        break;
      case "o":
        this.lines.splice(this.row + 1, 0, "");
        this.row++;
        this.col = 0;
        this.mode = "insert";
        this.modified = true;
        break;
      case "O":
        this.lines.splice(this.row, 0, "");
        this.col = 0;
        this.mode = "insert";
        this.modified = true;
        break;
      case "p":
        this.lines.splice(this.row + 1, 0, ...this.clip);
        if (this.clip.length) {
          this.row++;
          this.modified = true;
        }
        break;
      case ":":
        this.mode = "command";
        this.command = "";
        break;
      case "d":
      case "g":
      case "Z":
        this.pendingOp = ch;
        break;
    }
    if (this.mode === "insert") this.message = "-- INSERT --";
    else if (this.message === "-- INSERT --") this.message = "";
  }

  private exCommand(cmd: string): void {
    this.mode = "normal";
    this.message = "";
    const write = cmd.startsWith("w") || cmd === "x";
    const quit = cmd.includes("q") || cmd === "x";
    const force = cmd.endsWith("!");
    if (!["w", "q", "q!", "wq", "wq!", "x", "w!"].includes(cmd)) {
      this.message = `E492: Not an editor command: ${cmd}`;
      return;
    }
    if (write) this.save();
    if (quit) {
      if (this.modified && !force) {
        this.message = "E37: No write since last change (add ! to override)";
        return;
      }
      this.close();
    } else if (write) this.message = `"${this.o.fileName}" ${this.lines.length}L, ${this.text().length}B written`;
  }

  // --- nano
  private nanoKey(key: Key): void {
    if (this.askSave) {
      if (key.kind === "text" && /^[yY]/.test(key.text)) {
        this.save();
        this.close();
      } else if (key.kind === "text" && /^[nN]/.test(key.text)) this.close();
      else if (key.kind === "ctrl" && key.letter === "c") {
        this.askSave = false;
        this.message = "Cancelled";
      }
      return;
    }
    this.message = "";
    if (key.kind === "text" || key.kind === "paste") this.insertText(key.text);
    else if (key.kind === "enter") this.newline();
    else if (key.kind === "backspace") this.backspace();
    else if (key.kind === "delete") this.deleteChar();
    else if (key.kind === "tab") this.insertText("\t");
    else if (key.kind === "ctrl") {
      switch (key.letter) {
        case "o":
          this.save();
          this.message = `[ Wrote ${this.lines.length} line${this.lines.length === 1 ? "" : "s"} ]`;
          break;
        case "x":
          if (this.modified) this.askSave = true;
          else this.close();
          break;
        case "k":
          this.cutLine();
          break;
        case "u":
          this.lines.splice(this.row, 0, ...this.clip);
          if (this.clip.length) this.modified = true;
          break;
        case "a":
          this.move({ kind: "home" });
          break;
        case "e":
          this.move({ kind: "end" });
          break;
      }
    } else this.move(key);
  }

  // --- drawing
  private draw(): void {
    const nano = this.o.flavour === "nano";
    const textRows = Math.max(1, this.rows - (nano ? 3 : 1));
    if (this.row < this.top) this.top = this.row;
    if (this.row >= this.top + textRows) this.top = this.row - textRows + 1;
    let out = "\x1b[?25l\x1b[H\x1b[2J";
    const screenRow = (i: number) => i + 1 + (nano ? 1 : 0);
    if (nano) {
      const title = `  GNU nano 7.2`;
      const name = this.o.fileName + (this.modified ? " *" : "");
      const pad = Math.max(1, Math.floor((this.cols - textWidth(name)) / 2) - textWidth(title));
      out += `\x1b[1;1H\x1b[7m${fit(title + " ".repeat(pad) + name, this.cols)}\x1b[0m`;
    }
    for (let i = 0; i < textRows; i++) {
      const line = this.lines[this.top + i];
      out += `\x1b[${screenRow(i)};1H`;
      if (line !== undefined) out += fit(line.replace(/\t/g, "        "), this.cols);
      else if (!nano) out += "\x1b[94m~\x1b[0m";
    }
    if (nano) {
      const q = this.askSave ? "Save modified buffer?  Y Yes  N No  ^C Cancel" : this.message;
      out += `\x1b[${this.rows - 2};1H${q ? `\x1b[7m${fit(q, this.cols)}\x1b[0m` : ""}`;
      out += `\x1b[${this.rows - 1};1H${fit("^O Write Out  ^K Cut  ^U Paste  ^A Home  ^E End", this.cols)}`;
      out += `\x1b[${this.rows};1H${fit("^X Exit", this.cols)}`;
    } else {
      const status = this.mode === "command" ? `:${this.command}` : this.message;
      out += `\x1b[${this.rows};1H${fit(status, this.cols)}`;
    }
    if (!nano && this.mode === "command") {
      out += `\x1b[${this.rows};${textWidth(this.command) + 2}H`;
    } else {
      const before = this.chars().slice(0, this.col).join("").replace(/\t/g, "        ");
      out += `\x1b[${screenRow(this.row - this.top)};${Math.min(this.cols, textWidth(before) + 1)}H`;
    }
    this.o.write(out + "\x1b[?25h");
  }
}

/** Cut text to the screen width in cells (wide characters count two). */
function fit(text: string, cols: number): string {
  let w = 0;
  let out = "";
  for (const ch of text) {
    const cw = textWidth(ch);
    if (w + cw > cols) break;
    out += ch;
    w += cw;
  }
  return out;
}
