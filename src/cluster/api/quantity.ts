// resource.Quantity as apimachinery parses and prints it: "500m", "1Gi", "2k". The API
// server writes quantities back in canonical form (a cpu of "1000m" reads back as "1")
// unless the parser kept the text as given (see scanQuantity), and
// the quota controller adds them up, so both need exact arithmetic: values are kept as
// BigInt nano-units (the smallest suffix, "n").

export type QuantityFormat = "DecimalSI" | "BinarySI" | "DecimalExponent";

export interface Quantity {
  nano: bigint;
  format: QuantityFormat;
}

/** The decoder's message for a malformed quantity (resource.ErrFormatWrong). */
export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/** resource.ErrSuffix: the text scans, but its suffix is no unit ("1iK", "1e"). */
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const NANO = 10n ** 9n;
const MAX_INT64 = 2n ** 63n - 1n;
const SUFFIX_LETTERS = "eEinumkKMGTP";
const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";

/** How a quantity's text splits (apimachinery parseQuantityString): sign, digits without leading zeros, fraction, suffix. */
interface Parts {
  negative: boolean;
  num: string;
  denom: string;
  suffix: string;
}

function scan(text: string): Parts | undefined {
  let pos = 0;
  const end = text.length;
  const negative = text[0] === "-";
  if (text[0] === "-" || text[0] === "+") pos++;
  while (pos < end && text[pos] === "0") pos++;
  if (pos >= end) return { negative, num: "0", denom: "", suffix: "" };
  const numStart = pos;
  while (isDigit(text[pos])) pos++;
  const num = text.slice(numStart, pos) || "0";
  let denom = "";
  if (text[pos] === ".") {
    const start = ++pos;
    while (isDigit(text[pos])) pos++;
    denom = text.slice(start, pos);
  }
  const suffixStart = pos;
  while (pos < end && SUFFIX_LETTERS.includes(text[pos]!)) pos++;
  if (text[pos] === "-" || text[pos] === "+") pos++;
  while (isDigit(text[pos])) pos++;
  // Anything left is neither unit nor exponent.
  return pos < end ? undefined : { negative, num, denom, suffix: text.slice(suffixStart) };
}

/** The suffix as a unit: base-10 or base-2 exponent and the format it implies. */
function unit(suffix: string): { exp10: number; exp2: number; format: QuantityFormat } | undefined {
  if (suffix in DECIMAL) return { exp10: DECIMAL[suffix]!, exp2: 0, format: "DecimalSI" };
  if (suffix in BINARY) return { exp10: 0, exp2: BINARY[suffix]!, format: "BinarySI" };
  if (suffix.length > 1 && (suffix[0] === "e" || suffix[0] === "E") && /^[-+]?[0-9]+$/.test(suffix.slice(1))) return { exp10: Number(suffix.slice(1)), exp2: 0, format: "DecimalExponent" };
  return undefined;
}

export type QuantityParse = { ok: true; quantity: Quantity; text: string } | { ok: false; error: string };

/**
 * resource.ParseQuantity of a string, and the text it marshals back to: the input itself when
 * the parser's int64 fast path finds it canonical enough (so "+1", "007" and "1.500" survive
 * a round trip), else the canonical form ("1000" becomes "1k", "1E5" becomes "100e3").
 */
export function scanQuantity(text: string): QuantityParse {
  if (text === "") return { ok: false, error: QUANTITY_FORMAT_ERROR };
  const parts = scan(text);
  if (!parts) return { ok: false, error: QUANTITY_FORMAT_ERROR };
  const u = unit(parts.suffix);
  if (!u) return { ok: false, error: QUANTITY_SUFFIX_ERROR };
  const { negative, num, denom } = parts;
  let format = u.format;
  // Value = digits * 10^exp10 * 2^exp2, kept in nano-units.
  const exp10 = u.exp10 - denom.length;
  let nano = BigInt(num + denom) * 2n ** BigInt(u.exp2);
  const shift = exp10 + 9;
  if (shift >= 0) nano *= 10n ** BigInt(shift);
  else {
    // Below a nano-unit apimachinery rounds up (away from zero).
    const div = 10n ** BigInt(-shift);
    const q = nano / div;
    nano = q * div === nano ? q : q + 1n;
  }
  if (format === "BinarySI" && nano > MAX_INT64 * NANO) nano = MAX_INT64 * NANO;
  if (format === "BinarySI" && nano < NANO && nano > 0n) format = "DecimalSI";
  if (negative) nano = -nano;
  const quantity: Quantity = { nano, format };
  return { ok: true, quantity, text: keepsText(parts, u) ? text : formatQuantity(quantity) };
}

/** ParseQuantity's fast path remembers the input as the quantity's text when it looks canonical. */
function keepsText({ num, denom }: Parts, u: { exp10: number; exp2: number; format: QuantityFormat }): boolean {
  const binary = u.format === "BinarySI";
  let precision: number;
  if (!binary) precision = 18 - (num.length + denom.length);
  else if (denom === "") precision = 15 - num.length - Math.trunc((u.exp2 * 3) / 10) - 1;
  else precision = -1;
  const scale = (binary ? 0 : u.exp10) - denom.length;
  if (precision < 0 || scale < -9) return false;
  const shifted = num + denom;
  const value = BigInt(shifted);
  if (value * 2n ** BigInt(u.exp2) > MAX_INT64) return false;
  if (binary) return u.exp2 % 10 === 0 && (value & 7n) !== 0n;
  return scale % 3 === 0 && !shifted.endsWith("000") && shifted[0] !== "0";
}

/** Parse a quantity (string, or a JSON number as the decoder accepts); undefined when malformed. */
export function parseQuantity(input: unknown): Quantity | undefined {
  const r = quantityInput(input);
  return r?.ok ? r.quantity : undefined;
}

/** The decoder's view of a JSON value: numbers by their text, strings trimmed (UnmarshalJSON). */
function quantityInput(input: unknown): QuantityParse | undefined {
  const text = typeof input === "number" && Number.isFinite(input) ? String(input) : input;
  return typeof text === "string" ? scanQuantity(text.trim()) : undefined;
}

/** Why the decoder rejects a JSON value as a quantity, or undefined when it is one. */
export function quantityError(input: unknown): string | undefined {
  const r = quantityInput(input);
  return r === undefined ? QUANTITY_FORMAT_ERROR : r.ok ? undefined : r.error;
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

/** The text the API server writes back for a quantity (see scanQuantity), or undefined when it does not parse. */
export function canonicalQuantity(input: unknown): string | undefined {
  const r = quantityInput(input);
  return r?.ok ? r.text : undefined;
}

/** The API server writes quantities back as it parsed them ("1000m" reads back as "1", see scanQuantity), keys sorted as Go marshals a map. */
export function canonicalizeQuantities(list: unknown): void {
  if (!list || typeof list !== "object" || Array.isArray(list)) return;
  const map = list as Record<string, unknown>;
  const entries = Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [k] of entries) delete map[k];
  for (const [k, v] of entries) map[k] = canonicalQuantity(v) ?? v;
}
