// The public surface of the emulated cluster. The shell, kubectl, the API server
// adapter and the UI use only what this file (re-exported by index.ts) declares.
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
import type { DnsLookup, DnsLookupRequest } from "./dns/types.ts";
import type { ConnectRequest, ConnectResult, Source } from "./net/types.ts";

export type CniName = "calico" | "flannel" | "cilium" | "weave";
export type ProxyMode = "iptables" | "ipvs";

export interface NodeConfig {
  name: string;
  ip: string;
  roles?: string[];
}

/** What a container image does: the ports it listens on, how it answers, what its shell has. */
export interface ImageBehavior {
  /** Ports the container listens on when started with no arguments (nginx: 80). */
  ports?: { port: number; protocol?: "TCP" | "UDP" }[];
  /** Fixed HTTP answer for every request (status, body, headers), when it speaks HTTP. */
  http?: { status?: number; body?: string; headers?: Record<string, string> };
  /** Commands available in its shell ("sh" alone means busybox-like), or none when the image has no shell. */
  tools?: string[];
  /** The shell binary (`bash`, `sh`) or null when the image has none (pause, distroless). */
  shell?: string | null;
}

/** The `kind: Cluster` document of a cluster file, with every default filled in. */
export interface ClusterConfig {
  name: string;
  kubernetesVersion: string;
  nodes: Required<NodeConfig>[];
  cni: CniName;
  proxyMode: ProxyMode;
  serviceCIDR: string;
  podCIDR: string;
  clusterDomain: string;
  addons: string[];
  loadBalancerPool: string[];
  images: Record<string, ImageBehavior>;
  raw: boolean;
}

export interface CreateClusterOptions {
  /** Seed for every random choice (names, IPs, kube-proxy endpoint choice). Default 1. */
  seed?: number;
  /** Virtual wall-clock start, ms since epoch. Default 2026-01-01T00:00:00Z. */
  startTime?: number;
}

/** A whole cluster as plain JSON: objects, clock, random state, allocators. */
export interface ClusterSnapshot {
  version: number;
  [field: string]: unknown;
}

/** kube-proxy's rendered state on one node, in the mode its running pod started with. */
export interface ProxyState {
  mode: ProxyMode;
  /** `iptables-save -t <table>` text ("mangle" holds only kubelet's hint and canary chains). */
  iptablesSave(table: IptablesTable): string;
  /** `ipvsadm -Ln` text (empty when mode is iptables). */
  ipvsadm(opts?: { numeric?: boolean }): string;
  /** `iptables [-t table] -L [chain] [-n] [-v] [--line-numbers]`: what the tool prints and its exit status. */
  iptablesList(opts: IptablesListOptions): ToolOutput;
  /** `iptables [-t table] -S [chain]`. */
  iptablesRules(opts: { table?: IptablesTable; chain?: string }): ToolOutput;
  /** `conntrack -L [-p tcp|udp]`: flows this node NATed or delivered, aging in virtual time (count line on stderr). */
  conntrackList(opts?: { proto?: "tcp" | "udp" }): ToolOutput;
}

export type IptablesTable = "nat" | "filter" | "mangle";

export interface IptablesListOptions {
  table?: IptablesTable;
  chain?: string;
  numeric?: boolean;
  verbose?: boolean;
  lineNumbers?: boolean;
}

/** A command's complete result, for renderers that can fail the way the tool does. */
export interface ToolOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** What kubelet and the container runtime write into a pod. */
export interface PodFiles {
  resolvConf: string;
  hosts: string;
  /** Docker-link style variables of the Services that existed when the pod was created. */
  serviceEnv: Record<string, string>;
  /** Absolute path → content of the files in the container's volume mounts (service-account token, ConfigMaps, Secrets). */
  mounts: Record<string, string>;
}

/** `kubectl logs` options the kubelet applies (PodLogOptions). */
export interface LogOptions {
  /** The previous (restarted) run of the container. */
  previous?: boolean;
  /** Prefix each line with its RFC3339Nano time. */
  timestamps?: boolean;
  sinceSeconds?: number;
  /** RFC3339 time. */
  sinceTime?: string;
}

/** One run of a container: restartCount `instance` of pod uid's container. */
export interface ContainerRunRef {
  namespace: string;
  pod: string;
  container: string;
  uid?: string;
  instance?: number;
}

export interface PendingCommand extends Required<ContainerRunRef> {
  /** The command line as the pod's shell runs it. */
  line: string;
}

export interface Cluster {
  readonly config: ClusterConfig;

  // --- API store: every write is validated and atomic; a failed write changes nothing.
  resources(): ResourceInfo[];
  /** Map what a user typed ("svc", "services", "deploy", "deployments.apps", "Service") to a resource. */
  resolveResource(name: string): ResourceInfo | undefined;
  /** A copy the caller may change (read, modify, update). */
  get(ref: ObjectRef): Result<KObject>;
  /**
   * The stored objects themselves, frozen (no copy per read): clone one before changing it.
   * So are the objects that create/update/patch/delete return and that watch delivers.
   */
  list(resource: ResourceRef, opts?: ListOptions): Result<KObject[]>;
  create(obj: KObject, opts?: WriteOptions): Result<KObject>;
  /** PUT: replaces the object; a stale metadata.resourceVersion is a Conflict. */
  update(obj: KObject, opts?: WriteOptions): Result<KObject>;
  patch(ref: ObjectRef, type: PatchType, patch: unknown, opts?: WriteOptions): Result<KObject>;
  delete(ref: ObjectRef, opts?: DeleteOptions): Result<KObject>;
  /** Called synchronously for every change after it is committed. */
  watch(resource: ResourceRef, opts: ListOptions, onEvent: (e: WatchEvent) => void): Unsubscribe;
  /** Latest resourceVersion of the whole store (for list metadata). */
  resourceVersion(): string;

  // --- Time: controllers run when virtual time advances.
  now(): number;
  /** Let `ms` of virtual time pass, running every controller step that falls due. */
  advance(ms: number): void;
  /** Advance until nothing is scheduled within `maxMs` (pods started, endpoints settled). */
  settle(maxMs?: number): void;

  // --- Networking, computed from the objects above.
  connect(req: ConnectRequest): ConnectResult;
  lookup(from: Source, req: DnsLookupRequest): DnsLookup;
  proxy(node: string): ProxyState;
  /** `ip route` / `ip addr` text for a node or pod, as the CNI set them up. */
  ipRoute(where: Source): string;
  ipAddr(where: Source): string;
  /** `calicoctl node status` on a node, or null when Calico does not run. */
  calicoNodeStatus(node: string): { stdout: string; exitCode: number } | null;
  /** /etc/resolv.conf, /etc/hosts and the Service variables kubelet gives a pod's containers; undefined when the pod does not exist. */
  /** `container`: whose volume mounts to include (default: the first container). */
  podFiles(namespace: string, pod: string, container?: string): PodFiles | undefined;
  /** The image behaviour for a container (catalogue, cluster-file overrides, or the generic container). */
  image(name: string): ImageBehavior;
  /** Container logs as `kubectl logs` prints them. */
  logs(namespace: string, pod: string, container?: string, opts?: LogOptions): Result<string>;
  /** Containers whose main process is a one-shot command (nslookup, curl, sh -c …) waiting for the shell to run it. */
  pendingCommands?(): PendingCommand[];
  /**
   * The end of a container's main process run outside the cluster: a pending command's output
   * and exit code (`elapsedMs`: how long it ran, e.g. curl waiting for a timeout), or the exit of
   * the shell a learner was attached to. False when that run is over or unknown.
   */
  completeCommand?(ref: ContainerRunRef, result: { output: string; exitCode: number; elapsedMs?: number }): boolean;

  snapshot(): ClusterSnapshot;
}
