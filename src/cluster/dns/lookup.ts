import type { ClusterView } from "../view.ts";
import type { Source } from "../net/types.ts";
import type { DnsLookup, DnsLookupRequest } from "./types.ts";

export function lookup(_view: ClusterView, _from: Source, _req: DnsLookupRequest): DnsLookup {
  throw new Error("dns/lookup: not built yet");
}
