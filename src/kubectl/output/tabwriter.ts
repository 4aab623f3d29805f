// A port of Go's text/tabwriter (the algorithm kubectl's tables and describe output
// rely on): cells end with a TAB; a column's width is decided per block of
// consecutive lines that have a cell in that column.

export interface TabwriterOptions {
  minwidth: number;
  padding: number;
}

/** `kubectl get` tables (cli-runtime GetNewTabWriter). */
export const GET_TABWRITER: TabwriterOptions = { minwidth: 6, padding: 3 };
/** `kubectl describe` (describe.go tabbedString). */
export const DESCRIBE_TABWRITER: TabwriterOptions = { minwidth: 0, padding: 2 };

// Go counts runes, not bytes or display columns.
function runeLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Align `text` exactly as Go's tabwriter would (padchar ' ', no flags). */
export function tabwrite(text: string, opts: TabwriterOptions): string {
  const rawLines = text.split("\n");
  const endsWithNewline = rawLines[rawLines.length - 1] === "";
  if (endsWithNewline) rawLines.pop();
  const lines = rawLines.map((l) => l.split("\t"));
  const widths: number[] = [];
  const out: string[] = [];

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const cells = lines[i]!;
      let s = "";
      for (let j = 0; j < cells.length; j++) {
        const c = cells[j]!;
        s += c;
        if (j < widths.length && j < cells.length - 1) s += " ".repeat(Math.max(0, widths[j]! - runeLength(c)));
      }
      out.push(s);
    }
  };

  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t]!.length - 1) continue;
      // This line starts a block of lines that all have a cell in `column`.
      writeLines(line0, t);
      line0 = t;
      let width = opts.minwidth;
      for (; t < line1; t++) {
        const cells = lines[t]!;
        if (column >= cells.length - 1) break;
        width = Math.max(width, runeLength(cells[column]!) + opts.padding);
      }
      widths.push(width);
      format(line0, t);
      widths.pop();
      line0 = t;
      t--; // the for loop's t++ would skip the line that ended the block
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join("\n") + (endsWithNewline ? "\n" : "");
}
