// IPv4 arithmetic shared by the network layers: CIDR membership, dashed names, sorting.

export function ipToInt(ip: string): number {
  const parts = ip.split(".");
  if (parts.length !== 4) return NaN;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return NaN;
    const v = Number(p);
    if (v > 255) return NaN;
    n = n * 256 + v;
  }
  return n;
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

export function isIPv4(s: string): boolean {
  return !Number.isNaN(ipToInt(s));
}

export interface Cidr {
  base: number;
  bits: number;
}

export function parseCidr(cidr: string): Cidr | undefined {
  const [ip, bitsText] = cidr.split("/");
  const base = ipToInt(ip);
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (Number.isNaN(base) || !Number.isInteger(bits) || bits < 0 || bits > 32) return undefined;
  return { base: maskOf(base, bits), bits };
}

function maskOf(n: number, bits: number): number {
  if (bits === 0) return 0;
  return (n & (~0 << (32 - bits))) >>> 0;
}

export function cidrContains(cidr: string | Cidr, ip: string): boolean {
  const c = typeof cidr === "string" ? parseCidr(cidr) : cidr;
  const n = ipToInt(ip);
  if (!c || Number.isNaN(n)) return false;
  return maskOf(n, c.bits) === c.base;
}

/** The n-th address of a CIDR (n = 1 → the first usable host). */
export function nthAddress(cidr: string, n: number): string {
  const c = parseCidr(cidr);
  return c ? intToIp((c.base + n) >>> 0) : "";
}

/** "10.244.1.5" → "10-244-1-5": how CoreDNS and Kubernetes spell an IP inside a DNS label. */
export function dashedIp(ip: string): string {
  return ip.replace(/\./g, "-");
}

/** Numeric order of IPv4 addresses (ipvsadm and route tables sort this way). */
export function compareIp(a: string, b: string): number {
  return ipToInt(a) - ipToInt(b);
}
