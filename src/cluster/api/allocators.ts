// ClusterIP and NodePort allocation as the registry does it (k/k pkg/registry/core/service
// ipallocator/portallocator): random among free values, avoiding a lower "static" band
// that is kept for values users ask for explicitly. The state is rebuilt from the
// Services on restore, so it never drifts from the objects.
import type { SeededRandom } from "../random.ts";

export function ipToInt(ip: string): number {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return NaN;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return NaN;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

export function parseCidr(cidr: string): { base: number; bits: number } | undefined {
  const [ip, b] = cidr.split("/");
  const base = ipToInt(ip);
  const bits = Number(b);
  if (Number.isNaN(base) || !Number.isInteger(bits) || bits < 0 || bits > 32) return undefined;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return { base: (base & mask) >>> 0, bits };
}

/** A range of integers with a preferred dynamic band, allocated at random. */
class RangeAllocator {
  private used = new Set<number>();
  constructor(
    readonly first: number,
    readonly last: number,
    private readonly staticBand: number,
  ) {}

  contains(v: number): boolean {
    return v >= this.first && v <= this.last;
  }
  has(v: number): boolean {
    return this.used.has(v);
  }
  take(v: number): void {
    this.used.add(v);
  }
  release(v: number): void {
    this.used.delete(v);
  }

  /** A random free value, from the upper band first, then anywhere. */
  next(rng: SeededRandom): number | undefined {
    const size = this.last - this.first + 1;
    if (this.used.size >= size) return undefined;
    const tryBand = (from: number, to: number): number | undefined => {
      const n = to - from + 1;
      if (n <= 0) return undefined;
      const start = rng.int(n);
      for (let i = 0; i < n; i++) {
        const v = from + ((start + i) % n);
        if (!this.used.has(v)) return v;
      }
      return undefined;
    };
    return tryBand(this.first + this.staticBand, this.last) ?? tryBand(this.first, this.first + this.staticBand - 1);
  }
}

export const NODE_PORT_RANGE = { first: 30000, last: 32767 };

export class Allocators {
  readonly clusterIPs: RangeAllocator;
  readonly nodePorts: RangeAllocator;
  /** LoadBalancer addresses handed out from the pool (MetalLB-like). */
  readonly lbIPs = new Set<string>();

  constructor(readonly serviceCIDR: string) {
    const c = parseCidr(serviceCIDR) ?? { base: ipToInt("10.96.0.0"), bits: 12 };
    const size = 2 ** (32 - c.bits);
    // The network and broadcast addresses are never handed out.
    const usable = Math.max(0, size - 2);
    this.clusterIPs = new RangeAllocator(c.base + 1, c.base + size - 2, Math.min(Math.max(16, Math.floor(usable / 16)), 256));
    const ports = NODE_PORT_RANGE.last - NODE_PORT_RANGE.first + 1;
    this.nodePorts = new RangeAllocator(
      NODE_PORT_RANGE.first,
      NODE_PORT_RANGE.last,
      Math.min(Math.max(16, Math.floor(ports / 32)), 128),
    );
  }
}
