// Go's time.ParseDuration, for duration flags (--timeout=30s, --since=1h, --request-timeout=1m0s).
// Errors carry Go's wording, since pflag shows them verbatim.

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, "μs": 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export class DurationError extends Error {}

/** Milliseconds, or a DurationError with Go's message. */
export function parseGoDuration(text: string): number {
  const quoted = JSON.stringify(text);
  let rest = text;
  let sign = 1;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    sign = rest.startsWith("-") ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === "0") return 0;
  if (rest === "") throw new DurationError(`time: invalid duration ${quoted}`);
  let total = 0;
  while (rest !== "") {
    const num = /^(\d*)(?:\.(\d*))?/.exec(rest)!;
    if (num[0] === "" || num[0] === ".") throw new DurationError(`time: invalid duration ${quoted}`);
    rest = rest.slice(num[0].length);
    const unit = /^[^\d.]*/.exec(rest)![0];
    if (unit === "") throw new DurationError(`time: missing unit in duration ${quoted}`);
    const scale = UNIT_MS[unit];
    if (scale === undefined) throw new DurationError(`time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`);
    rest = rest.slice(unit.length);
    total += Number(num[0].startsWith(".") ? "0" + num[0] : num[0]) * scale;
  }
  return sign * total;
}

/** Does this help-text default look like a Go duration (30s, 1m0s, 0s)? */
export function looksLikeDuration(def: string): boolean {
  return /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(def);
}
