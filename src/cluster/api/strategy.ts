// What differs per kind on the write path: defaulting, validation, name rules,
// allocation of shared resources (ClusterIPs, NodePorts), and which fields count
// as the status (kept from the stored object when a user writes the main resource).
import type { ClusterConfig } from "../types.ts";
import type { FieldError } from "./errors.ts";
import type { KObject, ResourceInfo, Status } from "./types.ts";
import type { SeededRandom } from "../random.ts";
import type { Allocators } from "./allocators.ts";

export interface StrategyContext {
  config: ClusterConfig;
  random: SeededRandom;
  allocators: Allocators;
  info: ResourceInfo;
  /** The API server's clock at this write (virtual ms). */
  now: number;
}

/** Undo handle for an allocation: applied when the write fails or is a dry run. */
export type Rollback = () => void;

export interface Strategy {
  /** Name rule for metadata.name (DNS-1123 subdomain unless the kind says otherwise). */
  nameRule?: (name: string) => string[];
  /** Strict decoding: a BadRequest message for unknown fields or wrong JSON types. */
  decode?(obj: KObject): string | undefined;
  /** SetDefaults_<Kind>: fills what the API server fills on every write. */
  defaults?(obj: KObject, ctx: StrategyContext, old?: KObject): void;
  validate?(obj: KObject, old: KObject | undefined, ctx: StrategyContext): FieldError[];
  /** Reserve what the object needs from shared pools; an error Status leaves every pool untouched. */
  allocate?(obj: KObject, old: KObject | undefined, ctx: StrategyContext): { ok: true; rollback: Rollback; commit: () => void } | { ok: false; status: Status };
  /** Give back what a deleted object held. */
  release?(obj: KObject, ctx: StrategyContext): void;
  /** metadata.generation is kept and bumped when the spec changes. */
  generation?: boolean;
  /** The object as a reader sees it at `now` (a Lease its holder keeps renewing); the stored one is not changed. */
  present?(obj: KObject, now: number): KObject;
}
