// Pod IP address management, per CNI flavour (reference §10):
// - Calico: /26 blocks from the IP pool, claimed by a node on first need and
//   another when full; the first address of a node's first block is its tunl0.
// - Flannel (and the others here): the node's spec.podCIDR /24; .0 is flannel.1,
//   .1 is the cni0 bridge, pods start at .2 (host-local).
import type { CniName } from "../types.ts";
import type { SeededRandom } from "../random.ts";
import { intToIp, ipToInt, parseCidr } from "../api/allocators.ts";

export interface IpamState {
  blocks: Record<string, string[]>;
}

interface BlockUse {
  base: number;
  size: number;
  used: number;
}

export class Ipam {
  private blocks = new Map<string, string[]>();
  private used = new Set<number>();
  // Per-block fill counts, so allocation skips full blocks instead of scanning them.
  private use = new Map<string, BlockUse>();

  private blockUse(block: string): BlockUse {
    let u = this.use.get(block);
    if (!u) {
      const c = parseCidr(block)!;
      u = { base: c.base, size: 2 ** (32 - c.bits), used: 0 };
      for (let i = 0; i < u.size; i++) if (this.used.has(u.base + i)) u.used++;
      this.use.set(block, u);
    }
    return u;
  }

  private count(n: number, d: number): void {
    for (const [, u] of this.use) {
      if (n >= u.base && n < u.base + u.size) {
        u.used += d;
        return;
      }
    }
  }

  constructor(
    private readonly cni: CniName,
    private readonly podCIDR: string,
  ) {}

  /** The /24 that node number `index` gets as spec.podCIDR (kube-controller-manager's range allocator). */
  nodePodCIDR(index: number): string {
    const c = parseCidr(this.podCIDR) ?? { base: ipToInt("10.244.0.0"), bits: 16 };
    return `${intToIp(c.base + index * 256)}/24`;
  }

  blocksOf(node: string): readonly string[] {
    return this.blocks.get(node) ?? [];
  }

  /** Flannel-like CNIs use the node's podCIDR as their only block. */
  setNodeBlock(node: string, cidr: string): void {
    if (this.cni !== "calico") this.blocks.set(node, [cidr]);
  }

  /** Mark an address as taken (a restored pod, a raw manifest). */
  reserve(ip: string): void {
    const n = ipToInt(ip);
    if (Number.isNaN(n) || this.used.has(n)) return;
    this.used.add(n);
    this.count(n, 1);
  }

  release(ip: string): void {
    const n = ipToInt(ip);
    if (this.used.delete(n)) this.count(n, -1);
  }

  /** An address for a new pod on `node`, or undefined when the pool is exhausted. */
  allocate(node: string, rng: SeededRandom): string | undefined {
    for (const b of this.blocksOf(node)) {
      const ip = this.freeIn(b);
      if (ip) return ip;
    }
    if (this.cni !== "calico") return undefined;
    const block = this.claimBlock(node, rng);
    return block ? this.freeIn(block) : undefined;
  }

  private freeIn(block: string): string | undefined {
    const u = this.blockUse(block);
    // Calico keeps ordinal 0 of the block for the node's tunnel; host-local skips .0 and .1 (gateway) and broadcast.
    const first = this.cni === "calico" ? 1 : 2;
    const end = u.size - (this.cni === "calico" ? 0 : 1);
    if (u.used >= end - first) return undefined;
    for (let i = first; i < end; i++) {
      if (!this.used.has(u.base + i)) {
        this.used.add(u.base + i);
        u.used++;
        return intToIp(u.base + i);
      }
    }
    return undefined;
  }

  /** Calico: a random free /26 of the pool becomes the node's (block affinity). */
  claimBlock(node: string, rng: SeededRandom): string | undefined {
    const pool = parseCidr(this.podCIDR);
    if (!pool) return undefined;
    const count = 2 ** (26 - Math.min(pool.bits, 26));
    const taken = new Set<string>();
    for (const bs of this.blocks.values()) for (const b of bs) taken.add(b);
    const start = rng.int(count);
    for (let i = 0; i < count; i++) {
      const cidr = `${intToIp(pool.base + ((start + i) % count) * 64)}/26`;
      if (!taken.has(cidr)) {
        this.blocks.set(node, [...this.blocksOf(node), cidr]);
        return cidr;
      }
    }
    return undefined;
  }

  /** The node's tunnel address (Calico tunl0: first address of its first block). */
  tunnelAddress(node: string): string | undefined {
    const b = this.blocksOf(node)[0];
    if (!b) return undefined;
    return intToIp(parseCidr(b)!.base + (this.cni === "calico" ? 0 : 0));
  }

  /** Only Calico's claimed blocks are state; host-local blocks are the nodes' podCIDRs. */
  state(): IpamState {
    if (this.cni !== "calico") return { blocks: {} };
    return { blocks: Object.fromEntries([...this.blocks.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, [...v]])) };
  }

  restoreBlocks(s: IpamState): void {
    this.blocks = new Map(Object.entries(s.blocks).map(([k, v]) => [k, [...v]]));
  }
}
