// Deciding whether a typed buffer is a complete command line, the way an
// interactive bash shows its "> " continuation prompt instead of running it.
import { parse } from "just-bash";

/** Heredoc delimiters opened in `text` (`<<EOF`, `<<-EOF`, `<<'EOF'`, `<<"EOF"`). */
function heredocDelimiters(line: string): { word: string; stripTabs: boolean }[] {
  const found: { word: string; stripTabs: boolean }[] = [];
  // Skip here-strings (<<<) and anything inside single quotes.
  const re = /<<(-?)\s*(?:'([^']*)'|"([^"]*)"|\\?([A-Za-z0-9_.-]+))/g;
  const unquoted = line.replace(/'[^']*'/g, (m) => (m.includes("<<") ? " ".repeat(m.length) : m));
  for (const m of unquoted.matchAll(re)) {
    if (unquoted[m.index + 2] === "<" || (m.index > 0 && unquoted[m.index - 1] === "<")) continue;
    found.push({ word: m[2] ?? m[3] ?? m[4] ?? "", stripTabs: m[1] === "-" });
  }
  return found;
}

/** True while a heredoc body has not reached its delimiter line. */
function heredocOpen(buffer: string): boolean {
  const lines = buffer.split("\n");
  const waiting: { word: string; stripTabs: boolean }[] = [];
  for (const line of lines) {
    if (waiting.length) {
      const head = waiting[0];
      const candidate = head.stripTabs ? line.replace(/^\t+/, "") : line;
      if (candidate === head.word) waiting.shift();
      continue;
    }
    waiting.push(...heredocDelimiters(line));
  }
  return waiting.length > 0;
}

/** Parse errors that mean "the input stopped too early" rather than "the input is wrong". */
function endsTooEarly(buffer: string, message: string): boolean {
  if (/unexpected EOF|got EOF|end of file/i.test(message)) return true;
  // just-bash reports a missing `fi`/`done` as an unexpected token at the very end.
  const at = /at (\d+):(\d+)/.exec(message);
  if (!at) return false;
  const lines = buffer.split("\n");
  const line = Number(at[1]);
  const col = Number(at[2]);
  return line >= lines.length && col > (lines[lines.length - 1] ?? "").length;
}

export function needsMoreInput(buffer: string): boolean {
  if (buffer.trim() === "") return false;
  if (/(^|[^\\])(\\\\)*\\$/.test(buffer)) return true; // trailing backslash continues the line
  if (/(\|\||&&|\|)\s*$/.test(buffer)) return true;
  if (heredocOpen(buffer)) return true;
  try {
    parse(buffer);
    return false;
  } catch (e) {
    return endsTooEarly(buffer, e instanceof Error ? e.message : String(e));
  }
}
