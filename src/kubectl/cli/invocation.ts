// One parsed kubectl command line: its command path, flag values and the session.
import type { Cluster } from "../../cluster/index.ts";
import type { KubectlContext } from "../types.ts";
import type { ParsedArgs } from "./parse.ts";
import type { FlagSpec } from "./spec.ts";

export class Invocation {
  readonly cluster: Cluster;
  constructor(
    readonly ctx: KubectlContext,
    /** Command path: "get", "create service clusterip". */
    readonly path: string,
    readonly parsed: ParsedArgs,
    private readonly specs: FlagSpec[],
  ) {
    this.cluster = ctx.cluster;
  }

  get args(): string[] {
    return this.parsed.dashAt < 0 ? this.parsed.positionals : this.parsed.positionals.slice(0, this.parsed.dashAt);
  }
  /** Arguments after `--` (the container command for run/exec). */
  get dashArgs(): string[] {
    return this.parsed.dashAt < 0 ? [] : this.parsed.positionals.slice(this.parsed.dashAt);
  }

  has(name: string): boolean {
    return this.parsed.values.has(name);
  }
  private spec(name: string): FlagSpec | undefined {
    return this.specs.find((s) => s.name === name);
  }
  /** Last value given, or the flag's default. */
  str(name: string): string {
    const v = this.parsed.values.get(name);
    return v && v.length > 0 ? v[v.length - 1]! : this.spec(name)?.default ?? "";
  }
  bool(name: string): boolean {
    return this.str(name) === "true";
  }
  int(name: string): number {
    return Number.parseInt(this.str(name), 10);
  }
  /** Every value given (StringArray semantics). */
  all(name: string): string[] {
    return this.parsed.values.get(name) ?? [];
  }
  /** Values split on commas (StringSlice semantics: -f a,b and -L a -L b). */
  list(name: string): string[] {
    return this.all(name).flatMap((v) => v.split(",")).filter((v) => v !== "");
  }

  /** The effective namespace: -n, else the kubeconfig context's. */
  get namespace(): string {
    return this.has("namespace") ? this.str("namespace") : this.ctx.kubeconfig.namespace || "default";
  }
  get explicitNamespace(): boolean {
    return this.has("namespace");
  }

  out(text: string): void {
    this.ctx.stdout(text);
  }
  err(text: string): void {
    this.ctx.stderr(text);
  }
}

export type Handler = (inv: Invocation) => Promise<number> | number;
