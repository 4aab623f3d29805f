// Draws the prompt and the edited line, wrapped at the terminal width, and puts
// the cursor where it belongs. Everything is relative to where the previous draw
// left the cursor, so a redraw never disturbs the output above the prompt.
import { charWidth, visibleText } from "./width.ts";

export interface Pos {
  row: number;
  col: number;
}

/** Where the cursor ends after printing `text` from column 0, with wrap applied eagerly. */
export function positionAfter(text: string, cols: number): Pos {
  let row = 0;
  let col = 0;
  for (const ch of visibleText(text)) {
    const w = charWidth(ch.codePointAt(0)!);
    if (w === 0) continue;
    if (col + w > cols) {
      row++;
      col = 0;
    }
    col += w;
    if (col >= cols) {
      row++;
      col = 0;
    }
  }
  return { row, col };
}

export interface Drawn {
  /** The escape sequences and text to write. */
  out: string;
  /** Cursor row relative to the first row of the prompt, for the next redraw. */
  cursorRow: number;
}

/**
 * Redraws `prompt + line` with the cursor after `line.slice(0, cursor)`.
 * `prevCursorRow` is what the previous draw returned (0 for a fresh prompt).
 */
export function drawLine(prompt: string, line: string, cursor: number, cols: number, prevCursorRow: number): Drawn {
  const safeCols = Math.max(1, cols);
  let out = prevCursorRow > 0 ? `\x1b[${prevCursorRow}A` : "";
  out += "\r\x1b[J" + prompt + line;
  const end = positionAfter(prompt + line, safeCols);
  // At an exact wrap point xterm keeps the cursor on the last column; force it onto the next row.
  if (end.col === 0 && end.row > 0) out += " \r";
  const at = positionAfter(prompt + line.slice(0, cursor), safeCols);
  if (end.row > at.row) out += `\x1b[${end.row - at.row}A`;
  out += "\r";
  if (at.col > 0) out += `\x1b[${at.col}C`;
  return { out, cursorRow: at.row };
}

/** Moves from the drawn cursor to a fresh line below the whole edited text (before output). */
export function leaveLine(prompt: string, line: string, cursorRow: number, cols: number): string {
  const end = positionAfter(prompt + line, Math.max(1, cols));
  const down = end.row - cursorRow;
  return (down > 0 ? `\x1b[${down}B` : "") + "\r\n";
}

/** Lays out completion candidates in columns, like bash's double-Tab list. */
export function columns(items: readonly string[], cols: number): string {
  if (items.length === 0) return "";
  const width = Math.max(...items.map((s) => positionAfter(s, Number.MAX_SAFE_INTEGER).col)) + 2;
  const perRow = Math.max(1, Math.floor(cols / width));
  const rows = Math.ceil(items.length / perRow);
  const lines: string[] = [];
  // bash fills down the columns first.
  for (let r = 0; r < rows; r++) {
    let line = "";
    for (let c = 0; c < perRow; c++) {
      const item = items[c * rows + r];
      if (item === undefined) continue;
      const isLast = (c + 1) * rows + r >= items.length;
      line += isLast ? item : item + " ".repeat(width - positionAfter(item, Number.MAX_SAFE_INTEGER).col);
    }
    lines.push(line.trimEnd());
  }
  return lines.join("\n") + "\n";
}
