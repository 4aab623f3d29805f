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

// Go counts runes, not bytes or display columns. Most cells are ASCII: only a string
// with a surrogate (an astral character is two UTF-16 units) needs counting.
const SURROGATE = /[\uD800-\uDFFF]/;
function runeLength(s: string): number {
  if (!SURROGATE.test(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

// Padding is a handful of widths repeated over every row: build each once.
const spaces: string[] = [""];
function pad(n: number): string {
  for (let k = spaces.length; k <= n; k++) spaces.push(spaces[k - 1] + " ");
  return spaces[n]!;
}

/** Align `text` exactly as Go's tabwriter would (padchar ' ', no flags). */
export function tabwrite(text: string, opts: TabwriterOptions): string {
  const rawLines = text.split("\n");
  const endsWithNewline = rawLines[rawLines.length - 1] === "";
  if (endsWithNewline) rawLines.pop();
  const lines = rawLines.map((l) => l.split("\t"));
  // Each cell's width is needed once per block it is in and once more to pad it.
  const lengths = lines.map((cells) => cells.map(runeLength));
  const widths: number[] = [];
  const out: string[] = [];

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const cells = lines[i]!;
      const lens = lengths[i]!;
      const padded = Math.min(widths.length, cells.length - 1);
      let s = "";
      for (let j = 0; j < cells.length; j++) {
        s += cells[j]!;
        if (j < padded) s += pad(Math.max(0, widths[j]! - lens[j]!));
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
        if (column >= lines[t]!.length - 1) break;
        width = Math.max(width, lengths[t]![column]! + opts.padding);
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
