// resource.Quantity as apimachinery parses and prints it: "500m", "1Gi", "2k". The API
// server stores quantities in canonical form (a cpu of "1000m" reads back as "1"), and
// the quota controller adds them up, so both need exact arithmetic: values are kept as
// BigInt nano-units (the smallest suffix, "n").

export type QuantityFormat = "DecimalSI" | "BinarySI" | "DecimalExponent";

export interface Quantity {
  nano: bigint;
  format: QuantityFormat;
}

/** The decoder's message for a malformed quantity (resource.ErrFormatWrong). */
export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const GRAMMAR = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const NANO = 10n ** 9n;

/** Parse a quantity (string, or a JSON number as the decoder accepts); undefined when malformed. */
export function parseQuantity(input: unknown): Quantity | undefined {
  const text = typeof input === "number" && Number.isFinite(input) ? String(input) : input;
  if (typeof text !== "string") return undefined;
  const m = GRAMMAR.exec(text.trim());
  if (!m) return undefined;
  const [, num, suffix] = m;
  const digits = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/.exec(num);
  if (!digits || (!digits[2] && !digits[3])) return undefined;
  const negative = digits[1] === "-";
  const whole = digits[2] || "0";
  const frac = digits[3] ?? "";
  // Value = mantissa * 10^(exp10) * 2^(exp2)
  let mantissa = BigInt(whole + frac);
  let exp10 = -frac.length;
  let exp2 = 0;
  let format: QuantityFormat;
  if (suffix in BINARY) {
    exp2 = BINARY[suffix];
    format = "BinarySI";
  } else if (suffix in DECIMAL) {
    exp10 += DECIMAL[suffix];
    format = "DecimalSI";
  } else if (/^[eE][-+]?[0-9]+$/.test(suffix)) {
    exp10 += Number(suffix.slice(1));
    format = "DecimalExponent";
  } else return undefined;
  if (negative) mantissa = -mantissa;
  let nano = mantissa * 2n ** BigInt(exp2);
  const shift = exp10 + 9;
  // Below a nano-unit apimachinery rounds up (away from zero).
  if (shift >= 0) nano *= 10n ** BigInt(shift);
  else {
    const div = 10n ** BigInt(-shift);
    const q = nano / div;
    nano = q * div === nano ? q : q + (nano > 0n ? 1n : -1n);
  }
  return { nano, format };
}

/** Quantity.Add: the sum keeps the first operand's format, unless that one is zero. */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return { nano: a.nano + b.nano, format: a.nano === 0n ? b.format : a.format };
}

/** The value in whole units (Quantity.Value) or thousandths (MilliValue), rounded away from zero as apimachinery does. */
export function quantityValue(q: Quantity, milli = false): bigint {
  const div = milli ? 10n ** 6n : NANO;
  const whole = q.nano / div;
  if (whole * div === q.nano) return whole;
  return q.nano < 0n ? whole - 1n : whole + 1n;
}

export function compareQuantities(a: Quantity, b: Quantity): number {
  return a.nano < b.nano ? -1 : a.nano > b.nano ? 1 : 0;
}

export const ZERO: Quantity = { nano: 0n, format: "DecimalSI" };

/** Quantity.String(): the canonical text, as the API server writes it back. */
export function formatQuantity(q: Quantity): string {
  const sign = q.nano < 0n ? "-" : "";
  const abs = q.nano < 0n ? -q.nano : q.nano;
  let format = q.format;
  // BinarySI only for whole values of at least 1024; anything else would lose precision.
  if (format === "BinarySI" && (abs < 1024n * NANO || abs % NANO !== 0n)) format = "DecimalSI";
  if (format === "BinarySI") {
    let units = abs / NANO;
    let exp = 0;
    while (exp < 60 && units % 1024n === 0n) {
      units /= 1024n;
      exp += 10;
    }
    const suffix = Object.entries(BINARY).find(([, e]) => e === exp)?.[0] ?? "";
    return `${sign}${units}${suffix}`;
  }
  if (abs === 0n) return "0";
  // The largest power of 1000 (from n up to E) that leaves a whole mantissa.
  let mantissa = abs;
  let exp = -9;
  while (exp < 18 && mantissa % 1000n === 0n) {
    mantissa /= 1000n;
    exp += 3;
  }
  if (format === "DecimalExponent") return `${sign}${mantissa}${exp === 0 ? "" : `e${exp}`}`;
  const suffix = Object.entries(DECIMAL).find(([, e]) => e === exp)?.[0] ?? "";
  return `${sign}${mantissa}${suffix}`;
}

/** Canonical text of a quantity, or undefined when it does not parse. */
export function canonicalQuantity(input: unknown): string | undefined {
  const q = parseQuantity(input);
  return q ? formatQuantity(q) : undefined;
}
