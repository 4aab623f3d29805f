// How a step's solution is shown on the page: the lines as typed.
export function solutionText(lines: readonly string[]): string {
  return lines.join("\n");
}
