// Command history as bash keeps it for an interactive shell: every non-blank line,
// with consecutive duplicates kept (bash's default HISTCONTROL is unset), and
// reverse incremental search (Ctrl-R) over it.
export const HISTORY_LIMIT = 1000;

export class History {
  private readonly lines: string[];

  constructor(initial: readonly string[] = []) {
    this.lines = initial.slice(-HISTORY_LIMIT);
  }

  add(line: string): void {
    const text = line.replace(/\n+$/, "");
    if (text.trim() === "") return;
    this.lines.push(text);
    if (this.lines.length > HISTORY_LIMIT) this.lines.shift();
  }

  all(): readonly string[] {
    return this.lines;
  }

  /** Replace the lines (a restored session's saved history). */
  load(lines: readonly string[]): void {
    this.lines.splice(0, this.lines.length, ...lines.slice(-HISTORY_LIMIT));
  }

  /**
   * Ctrl-R: the newest entry containing `query`, searching backwards from index
   * `before` (exclusive). Returns its index, or -1.
   */
  searchBackward(query: string, before = this.lines.length): number {
    return reverseSearch(this.lines, query, before);
  }
}

/** Reverse search over any history list (the terminal holds only the list). */
export function reverseSearch(lines: readonly string[], query: string, before = lines.length): number {
  for (let i = Math.min(before, lines.length) - 1; i >= 0; i--) {
    if (lines[i].includes(query)) return i;
  }
  return -1;
}
