// Display width of text in terminal cells, the way xterm counts it: CJK and
// full-width forms take two cells, combining marks none.
import { eastAsianWidth } from "get-east-asian-width";

export function charWidth(codePoint: number): number {
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) return 0;
  // Combining marks and zero-width joiners/spaces take no cell.
  if ((codePoint >= 0x300 && codePoint <= 0x36f) || (codePoint >= 0x200b && codePoint <= 0x200f) || codePoint === 0xfe0f) return 0;
  return eastAsianWidth(codePoint, { ambiguousAsWide: false });
}

export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch.codePointAt(0)!);
  return w;
}

/** Strip ANSI escape sequences (colours in prompts) before measuring. */
export function visibleText(text: string): string {
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07/g, "");
}
