// cobra's "Did you mean this?": Levenshtein distance ≤ 2, or a prefix match.

export function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

export function suggestionsFor(typed: string, candidates: string[]): string[] {
  const lower = typed.toLowerCase();
  return candidates.filter((c) => levenshtein(lower, c.toLowerCase()) <= 2 || c.toLowerCase().startsWith(lower));
}
