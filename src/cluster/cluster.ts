// The emulated cluster: the API store and its controllers in virtual time, with the
// network layers computing from a read-only view of the objects.
import type {
  DeleteOptions,
  KObject,
  ListOptions,
  ObjectRef,
  PatchType,
  ResourceInfo,
  ResourceRef,
  Result,
  Unsubscribe,
  WatchEvent,
  WriteOptions,
} from "./api/types.ts";
import type { Cluster, ClusterConfig, ClusterSnapshot, ContainerRunRef, CreateClusterOptions, ImageBehavior, LogOptions, PendingCommand, PodFiles, ProxyMode, ProxyState } from "./types.ts";
import type { ClusterView } from "./view.ts";
import type { ConnectRequest, ConnectResult, Source } from "./net/types.ts";
import type { DnsLookup, DnsLookupRequest } from "./dns/types.ts";
import { ObjectStore, freezeDeep } from "./api/store.ts";
import { ApiServer, keyOf } from "./api/server.ts";
import { Allocators } from "./api/allocators.ts";
import { RESOURCES, infoForKind, infoForResource, resolveResource } from "./api/resources.ts";
import { internalError } from "./api/errors.ts";
import { matchesFields, matchesRequirements, parseFieldSelector, parseLabelSelector } from "./api/selectors.ts";
import { clone } from "./api/objects.ts";
import { VirtualClock, type ClockState } from "./clock.ts";
import { SeededRandom } from "./random.ts";
import { Ipam, type IpamState } from "./cni/ipam.ts";
import { ControllerManager } from "./controllers/manager.ts";
import { LogBook } from "./controllers/logs.ts";
import { ContainerProcesses } from "./controllers/containers.ts";
import { containerLogs } from "./controllers/container-logs.ts";
import type { ControllerContext } from "./controllers/context.ts";
import { installControllers, reserveExisting } from "./controllers/index.ts";
import { EventIndex } from "./controllers/events.ts";
import { configuredProxyMode } from "./controllers/proxy-mode.ts";
import { ClusterFileError, parseClusterFile, resolveConfig, type ClusterFile, type ClusterFileInput } from "./defaults/cluster-file.ts";
import { bootstrapObjects } from "./defaults/bootstrap.ts";
import { connect as netConnect } from "./net/connect.ts";
import { lookup as dnsLookup } from "./dns/lookup.ts";
import { podFiles } from "./dns/pod-files.ts";
import { proxyState } from "./proxy/index.ts";
import { calicoNodeStatus, ipAddr, ipRoute } from "./cni/index.ts";
import { imageBehavior } from "./apps/catalog.ts";

export { parseClusterFile, ClusterFileError };
export type { ClusterFile, ClusterFileInput };

/** Bump when the snapshot shape changes: older snapshots are then refused, not misread. */
export const SNAPSHOT_VERSION = 1;

const DEFAULT_START = Date.UTC(2026, 0, 1);
/** The kubeadm cluster was set up this long before the learner arrives, so AGE looks lived-in. */
const CLUSTER_AGE_MS = 3 * 24 * 3600 * 1000 + 4 * 3600 * 1000;
/** The cluster file's own manifests were applied this long before the start. */
const MANIFEST_AGE_MS = 5 * 60 * 1000;

interface Internals {
  config: ClusterConfig;
  seed: number;
  clock: VirtualClock;
  random: SeededRandom;
  store: ObjectStore;
  logs: LogBook;
  ipamBlocks?: IpamState;
  proxyModes: Map<string, string>;
  /** The network layers' memory (affinity, IPVS round-robin, conntrack), as a snapshot carried it. */
  net?: Record<string, unknown>;
}

class EmulatedCluster implements Cluster, ClusterView {
  readonly config: ClusterConfig;
  private readonly clock: VirtualClock;
  private readonly rng: SeededRandom;
  private readonly store: ObjectStore;
  private readonly api: ApiServer;
  private readonly controllers: ControllerManager;
  private readonly logBook: LogBook;
  private readonly ipam: Ipam;
  private readonly proxyModes: Map<string, string>;
  private readonly allocators: Allocators;
  private readonly netMemory: Record<string, unknown>;
  private readonly processes: ContainerProcesses;
  /** Bumped by every store change and every completed command: what pendingCommands depends on, besides the time. */
  private changes = 0;
  private pendingCache?: { key: string; value: PendingCommand[] };

  constructor(i: Internals) {
    this.config = i.config;
    this.clock = i.clock;
    this.rng = i.random;
    this.store = i.store;
    this.logBook = i.logs;
    this.proxyModes = i.proxyModes;
    this.netMemory = i.net ?? {};
    this.allocators = new Allocators(i.config.serviceCIDR);
    this.ipam = new Ipam(i.config.cni, i.config.podCIDR);
    if (i.ipamBlocks) this.ipam.restoreBlocks(i.ipamBlocks);
    this.api = new ApiServer({ store: this.store, config: this.config, random: this.rng, clock: this.clock, allocators: this.allocators });
    const ctx: ControllerContext = {
      api: this.api,
      store: this.store,
      clock: this.clock,
      random: this.rng,
      config: this.config,
      ipam: this.ipam,
      logs: this.logBook,
      image: (n) => this.image(n),
      proxyModes: this.proxyModes,
      // The recorder's dedup index, rebuilt from the stored events after a restore.
      eventIndex: EventIndex.of(this.store.list("events")),
    };
    // What the objects already hold (a snapshot, raw manifests) is taken before anything new is handed out.
    reserveExisting(ctx);
    this.processes = new ContainerProcesses(ctx);
    this.store.onChange(() => {
      this.changes++;
    });
    this.controllers = new ControllerManager(ctx);
    if (!this.config.raw) installControllers(this.controllers, ctx);
  }

  // ---- API ----
  resources(): ResourceInfo[] {
    return RESOURCES.map((r) => clone(r));
  }
  resolveResource(name: string): ResourceInfo | undefined {
    const r = resolveResource(name);
    return r && clone(r);
  }
  get(ref: ObjectRef): Result<KObject> {
    return this.api.get(ref);
  }
  list(resource: ResourceRef, opts?: ListOptions): Result<KObject[]> {
    return this.api.list(resource, opts);
  }
  create(obj: KObject, opts?: WriteOptions): Result<KObject> {
    return this.afterWrite(() => this.api.create(obj, opts));
  }
  update(obj: KObject, opts?: WriteOptions): Result<KObject> {
    return this.afterWrite(() => this.api.update(obj, opts));
  }
  patch(ref: ObjectRef, type: PatchType, patch: unknown, opts?: WriteOptions): Result<KObject> {
    return this.afterWrite(() => this.api.patch(ref, type, patch, opts));
  }
  delete(ref: ObjectRef, opts?: DeleteOptions): Result<KObject> {
    return this.afterWrite(() => this.api.delete(ref, opts));
  }
  private afterWrite(write: () => Result<KObject>): Result<KObject> {
    let r: Result<KObject>;
    try {
      r = write();
    } catch (e) {
      // Input no check foresaw: an InternalError, as the API server answers a panic, never a throw.
      return { ok: false, status: internalError(e instanceof Error ? e.message : String(e)) };
    }
    if (!r.ok) return r;
    // Stored objects are not changed in place (later changes are new objects), so the
    // caller shares the stored one, frozen, and sees it as written.
    freezeDeep(r.value);
    this.controllers.runUntilQuiet();
    return r;
  }
  watch(resource: ResourceRef, opts: ListOptions, onEvent: (e: WatchEvent) => void): Unsubscribe {
    const info = infoForResource(resource.group, resource.resource);
    if (!info) return () => {};
    const key = keyOf(info);
    const labels = parseLabelSelector(opts.labelSelector ?? "");
    const fields = parseFieldSelector(opts.fieldSelector ?? "");
    return this.store.onChange((type, k, obj) => {
      if (k !== key) return;
      if (opts.namespace !== undefined && info.namespaced && obj.metadata.namespace !== opts.namespace) return;
      if (!("error" in labels) && !matchesRequirements(labels, obj.metadata.labels)) return;
      if (!("error" in fields) && !matchesFields(fields, obj)) return;
      // Watchers share the stored object, frozen.
      onEvent({ type, object: freezeDeep(obj) });
    });
  }
  resourceVersion(): string {
    return String(this.store.resourceVersion());
  }

  // ---- time ----
  now(): number {
    return this.clock.now();
  }
  advance(ms: number): void {
    this.controllers.advanceTo(this.clock.now() + Math.max(0, ms));
  }
  settle(maxMs = 10 * 60 * 1000): void {
    const limit = this.clock.now() + maxMs;
    this.controllers.runUntilQuiet();
    for (;;) {
      const next = this.clock.nextDue();
      if (next === undefined || next > limit) break;
      this.controllers.advanceTo(next);
    }
  }

  // ---- ClusterView ----
  objects(resource: string, namespace?: string): readonly KObject[] {
    const info = RESOURCES.find((r) => r.resource === resource);
    if (!info) return [];
    return this.store.list(keyOf(info), info.namespaced ? namespace : undefined);
  }
  generation(): number {
    return this.store.resourceVersion();
  }
  proxyModeOn(node: string): ProxyMode {
    for (const p of this.store.list("pods", "kube-system")) {
      if ((p.spec as { nodeName?: string })?.nodeName !== node) continue;
      if (p.metadata.labels?.["k8s-app"] !== "kube-proxy" || p.metadata.deletionTimestamp) continue;
      const mode = this.proxyModes.get(p.metadata.uid ?? "");
      if (mode) return mode as ProxyMode;
    }
    // No running kube-proxy pod recorded (raw clusters): what the ConfigMap says now.
    return configuredProxyMode(this.store) ?? this.config.proxyMode;
  }
  podBlocks(node: string): readonly string[] {
    const blocks = this.ipam.blocksOf(node);
    if (blocks.length || (this.config.cni === "calico" && !this.config.raw)) return blocks;
    const n = this.store.get("nodes", "", node);
    const cidr = (n?.spec as { podCIDR?: string } | undefined)?.podCIDR;
    return cidr ? [cidr] : [];
  }
  random(): number {
    return this.rng.next();
  }
  /** Dry runs (lab checks) draw from a copy, so the learner's next curl sees the same numbers. */
  forkRandom(): () => number {
    const copy = new SeededRandom(this.rng.getState());
    return () => copy.next();
  }
  netState(): Record<string, unknown> {
    return this.netMemory;
  }
  image(name: string): ImageBehavior {
    return imageBehavior(name, this.config.images);
  }
  appendLog(namespace: string, pod: string, container: string, line: string): void {
    this.logBook.append(namespace, pod, container, line, this.clock.now());
  }

  // ---- networking (computed by the network layers) ----
  connect(req: ConnectRequest): ConnectResult {
    return netConnect(this, req);
  }
  lookup(from: Source, req: DnsLookupRequest): DnsLookup {
    return dnsLookup(this, from, req);
  }
  proxy(node: string): ProxyState {
    return proxyState(this, node);
  }
  ipRoute(where: Source): string {
    return ipRoute(this, where);
  }
  ipAddr(where: Source): string {
    return ipAddr(this, where);
  }
  calicoNodeStatus(node: string): { stdout: string; exitCode: number } | null {
    return calicoNodeStatus(this, node);
  }
  podFiles(namespace: string, pod: string, container?: string): PodFiles | undefined {
    return podFiles(this, namespace, pod, container);
  }

  logs(namespace: string, pod: string, container?: string, opts?: LogOptions): Result<string> {
    return containerLogs(this.store, this.logBook, this.clock.now(), { namespace, pod, container }, opts);
  }
  pendingCommands(): PendingCommand[] {
    // The shell asks before and after every line, and the answer scans every pod: it is
    // kept until an object changes, a command completes or time passes.
    const key = `${this.changes}/${this.clock.now()}`;
    if (this.pendingCache?.key !== key) this.pendingCache = { key, value: this.processes.pending() };
    return this.pendingCache.value.map((p) => ({ ...p }));
  }
  completeCommand(ref: ContainerRunRef, result: { output: string; exitCode: number; elapsedMs?: number }): boolean {
    this.changes++;
    const done = this.processes.complete(ref, result.output, result.exitCode, result.elapsedMs);
    if (done) this.controllers.runUntilQuiet();
    return done;
  }

  snapshot(): ClusterSnapshot {
    return {
      version: SNAPSHOT_VERSION,
      config: clone(this.config),
      clock: this.clock.state(),
      random: this.rng.getState(),
      resourceVersion: this.store.resourceVersion(),
      objects: clone(this.store.dump()),
      ipam: this.ipam.state(),
      proxyModes: Object.fromEntries([...this.proxyModes.entries()].sort()),
      logs: this.logBook.dump(),
      net: clone(this.netMemory),
    };
  }

  /** Used while building: store an object as given, and apply a manifest. */
  applyManifest(obj: KObject): Result<KObject> {
    return this.create(obj);
  }
  runUntilQuiet(): void {
    this.controllers.runUntilQuiet();
  }
  setClock(ms: number): void {
    this.controllers.advanceTo(ms);
  }
  putRaw(obj: KObject): void {
    this.api.writeInternal(obj);
  }
}

function toFile(input: string | ClusterFileInput | undefined): ClusterFile {
  if (typeof input === "string") return parseClusterFile(input);
  const cfg = input?.config ?? {};
  return { config: resolveConfig(cfg as Record<string, unknown>), manifests: input?.manifests ?? [] };
}

/**
 * Build a cluster from a cluster file (YAML text) or its parsed form. The kubeadm
 * objects are created days before `startTime` and the file's manifests minutes
 * before it; both are settled, so at `startTime` everything is Running.
 * Throws ClusterFileError for a bad Cluster document or a manifest the API refuses.
 */
export function createCluster(fileOrConfig?: string | ClusterFileInput, opts: CreateClusterOptions = {}): Cluster {
  const file = toFile(fileOrConfig);
  const start = opts.startTime ?? DEFAULT_START;
  const seed = opts.seed ?? 1;
  const clock = new VirtualClock(start - CLUSTER_AGE_MS);
  const c = new EmulatedCluster({
    config: file.config,
    seed,
    clock,
    random: new SeededRandom(seed),
    store: new ObjectStore(),
    logs: new LogBook(),
    proxyModes: new Map(),
  });
  const hasNodes = file.manifests.some((m) => m?.kind === "Node");
  for (const obj of bootstrapObjects(file.config, clock.now(), { withNodesOnly: file.config.raw, skipNodes: hasNodes })) {
    if (obj.kind === "Node") c.putRaw(obj);
    else {
      const r = c.applyManifest(obj);
      if (!r.ok) throw new ClusterFileError(`bootstrap ${obj.kind} ${obj.metadata.name}: ${r.status.message}`);
    }
    c.runUntilQuiet();
  }
  c.settle();
  if (file.manifests.length) {
    c.setClock(Math.max(c.now(), start - MANIFEST_AGE_MS));
    for (const [i, m] of file.manifests.entries()) {
      const r = c.applyManifest(m);
      if (!r.ok) throw new ClusterFileError(`manifest ${i + 1} (${m?.kind ?? "?"} ${m?.metadata?.name ?? ""}): ${r.status.message}`);
    }
    c.settle();
  }
  c.setClock(Math.max(c.now(), start));
  return c;
}

export function restoreCluster(snapshot: ClusterSnapshot): Cluster {
  if (!snapshot || typeof snapshot !== "object") throw new Error("restoreCluster: not a cluster snapshot");
  if (snapshot.version !== SNAPSHOT_VERSION)
    throw new Error(`restoreCluster: snapshot version ${String(snapshot.version)} is not supported (this build reads version ${SNAPSHOT_VERSION})`);
  const s = snapshot as ClusterSnapshot & {
    config: ClusterConfig;
    clock: ClockState;
    random: number;
    resourceVersion: number;
    objects: Record<string, KObject[]>;
    ipam: IpamState;
    proxyModes: Record<string, string>;
    logs: Record<string, string[]>;
    net?: unknown;
  };
  const store = new ObjectStore(s.resourceVersion);
  for (const [key, objs] of Object.entries(s.objects)) for (const o of objs) store.put(key, clone(o));
  store.setResourceVersion(s.resourceVersion);
  return new EmulatedCluster({
    config: clone(s.config),
    seed: 0,
    clock: VirtualClock.restore(s.clock),
    random: new SeededRandom(s.random),
    store,
    logs: LogBook.restore(s.logs),
    ipamBlocks: s.ipam,
    proxyModes: new Map(Object.entries(s.proxyModes)),
    // Older snapshots have no network memory; anything but a plain object is dropped, not trusted.
    net: s.net && typeof s.net === "object" && !Array.isArray(s.net) ? clone(s.net as Record<string, unknown>) : {},
  });
}

export { infoForKind };
