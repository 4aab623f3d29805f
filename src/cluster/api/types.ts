// The shared vocabulary of the emulated cluster: Kubernetes objects as plain JSON,
// references to them, and the API server's Status errors. Everything above the
// cluster (kubectl, the shell, the API server adapter, the UI) speaks these types.

/** Branded strings: cheap, and they stop a node name being passed as a pod IP. */
export type Brand<T, B extends string> = T & { readonly __brand: B };
export type NodeName = Brand<string, "NodeName">;
export type PodIP = Brand<string, "PodIP">;
export type ChainName = Brand<string, "ChainName">;

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string | null;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
}

/** Any Kubernetes object, as the API server stores it (JSON-compatible). */
export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** A resource as discovery names it: the group ("" for core) and the lower-case plural. */
export interface ResourceRef {
  group: string;
  resource: string;
}

/** One object: its resource, namespace (absent for cluster-scoped kinds) and name. */
export interface ObjectRef extends ResourceRef {
  namespace?: string;
  name: string;
}

/** What discovery says about a resource (GET /api/v1, /apis/<g>/<v>, kubectl api-resources). */
export interface ResourceInfo {
  group: string;
  version: string;
  resource: string; // plural, lower case: "services"
  singular: string; // "service"
  kind: string; // "Service"
  namespaced: boolean;
  shortNames: string[];
  categories: string[]; // "all" for the kinds `kubectl get all` shows
  verbs: string[];
  subresources: string[]; // "status", "scale", "exec", "log"
}

/** metav1.StatusCause */
export interface StatusCause {
  reason?: string; // FieldValueInvalid, FieldValueRequired, ...
  message?: string;
  field?: string;
}

/** metav1.Status, as the API server returns it on failure. */
export interface Status {
  kind: "Status";
  apiVersion: "v1";
  metadata: Record<string, never>;
  status: "Failure" | "Success";
  message: string;
  reason: string; // NotFound, AlreadyExists, Invalid, Conflict, BadRequest, MethodNotAllowed, ...
  details?: {
    name?: string;
    group?: string;
    kind?: string; // the resource (plural) for NotFound/AlreadyExists, the Kind for Invalid
    causes?: StatusCause[];
  };
  code: number;
}

/** Every API call returns a value or a Status; nothing throws across the API boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; status: Status };

export interface ListOptions {
  namespace?: string; // absent = all namespaces
  labelSelector?: string; // kubectl/API syntax: "app=web,tier!=db,env in (a,b),!x"
  fieldSelector?: string; // "metadata.name=x,status.phase=Running"
}

export interface WriteOptions {
  dryRun?: boolean; // server dry run: validate and default, store nothing
  fieldManager?: string;
}

export interface DeleteOptions extends WriteOptions {
  propagationPolicy?: "Foreground" | "Background" | "Orphan";
  gracePeriodSeconds?: number;
}

export type PatchType = "merge" | "json" | "strategic";

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";
export interface WatchEvent {
  type: WatchEventType;
  object: KObject;
}
export type Unsubscribe = () => void;
