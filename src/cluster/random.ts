// A seeded generator (mulberry32). Its whole state is one uint32, so a snapshot
// can carry it and a restored cluster draws the same numbers the original would.

export class SeededRandom {
  constructor(private state: number) {
    this.state = state >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  getState(): number {
    return this.state;
  }

  setState(state: number): void {
    this.state = state >>> 0;
  }
}

/** `n` random hex digits, eight per draw. */
export function randomHex(rng: SeededRandom, n: number): string {
  let out = "";
  while (out.length < n) out += Math.floor(rng.next() * 4294967296).toString(16).padStart(8, "0");
  return out.slice(0, n);
}

/** apimachinery's `rand.String` alphabet: no vowels (no accidental words), no 0/1/3 (look-alikes). */
export const SAFE_ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

/** `utilrand.String(n)`: the random suffix of generateName (`web-7c5ddbdf54-x8k2p`). */
export function randomSuffix(rng: SeededRandom, n = 5): string {
  let out = "";
  for (let i = 0; i < n; i++) out += SAFE_ALPHANUMS[rng.int(SAFE_ALPHANUMS.length)];
  return out;
}

/** `rand.SafeEncodeString`: maps every byte into the safe alphabet (used on pod-template hashes). */
export function safeEncodeString(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) out += SAFE_ALPHANUMS[s.charCodeAt(i) % SAFE_ALPHANUMS.length];
  return out;
}
