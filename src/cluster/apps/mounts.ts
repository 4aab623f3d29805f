// The files the kubelet puts in a container's volume mounts: ConfigMap and Secret volumes,
// the downward API, and the projected service-account volume (a bound token, ca.crt and the
// namespace). A learner reads them with `cat`; the token is shaped like the real one.
import { sha256 } from "@noble/hashes/sha2.js";
import { utf8ToBytes } from "@noble/hashes/utils.js";
import { base64, base64urlnopad } from "@scure/base";
import type { KObject } from "../api/types.ts";
import type { ClusterView } from "../view.ts";

type Obj = Record<string, any>;
/** A volume's files relative to its root ("ca.crt", "token", "config/app.yaml"). */
type VolumeFiles = Map<string, string>;

const YEAR_SECONDS = 365 * 24 * 60 * 60;

function find(view: ClusterView, resource: string, namespace: string, name: string): Obj | undefined {
  return view.objects(resource, namespace).find((o) => o.metadata.name === name) as Obj | undefined;
}

/** ConfigMap data and Secret data (base64) as text files; `items` picks and renames keys. */
function keyFiles(data: Record<string, string>, items: Obj[] | undefined): VolumeFiles {
  const out: VolumeFiles = new Map();
  if (items?.length) for (const i of items) { if (i.key in data) out.set(String(i.path), data[i.key]); }
  else for (const [k, v] of Object.entries(data)) out.set(k, v);
  return out;
}

function secretData(secret: Obj | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((secret?.data ?? {}) as Record<string, string>)) {
    try {
      out[k] = new TextDecoder().decode(base64.decode(v));
    } catch {
      out[k] = "";
    }
  }
  return out;
}

/** A downward-API fieldRef as the kubelet resolves it for env and volumes (labels as sorted key="value" lines); "" when unknown. */
export function downwardFieldValue(pod: KObject, path: string): string {
  const p = pod as Obj;
  const pairs = (m: Record<string, string> | undefined) => Object.keys(m ?? {}).sort().map((k) => `${k}=${JSON.stringify(m![k])}`).join("\n");
  const table: Record<string, () => unknown> = {
    "metadata.name": () => p.metadata.name,
    "metadata.namespace": () => p.metadata.namespace,
    "metadata.uid": () => p.metadata.uid,
    "metadata.labels": () => pairs(p.metadata.labels),
    "metadata.annotations": () => pairs(p.metadata.annotations),
    "spec.nodeName": () => p.spec?.nodeName,
    "spec.serviceAccountName": () => p.spec?.serviceAccountName,
    "status.podIP": () => p.status?.podIP,
    "status.hostIP": () => p.status?.hostIP,
  };
  return String(table[path]?.() ?? "");
}

function seconds(timestamp: string | undefined, fallback: number): number {
  const t = timestamp ? Date.parse(timestamp) : NaN;
  return Math.floor((Number.isNaN(t) ? fallback : t) / 1000);
}

/**
 * A bound service-account token: the claims the API server signs for a pod (sorted as the
 * JOSE library marshals them), valid one year with a warning after the requested hour, and
 * a signature of the right length. Nothing in the emulator verifies it.
 */
function boundToken(view: ClusterView, pod: Obj, requestedSeconds: number): string {
  const ns = String(pod.metadata.namespace ?? "default");
  const saName = String(pod.spec?.serviceAccountName ?? "default");
  const sa = find(view, "serviceaccounts", ns, saName);
  const node = view.objects("nodes").find((n) => n.metadata.name === pod.spec?.nodeName);
  const iat = seconds(pod.status?.startTime ?? pod.metadata.creationTimestamp, view.now());
  const issuer = `https://kubernetes.default.svc.${view.config.clusterDomain}`;
  const seed = (what: string) => sha256(utf8ToBytes(`${pod.metadata.uid}/${what}`));
  const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  const id = hex(seed("jti"));
  const claims = {
    aud: [issuer],
    exp: iat + YEAR_SECONDS,
    iat,
    iss: issuer,
    jti: `${id.slice(0, 8)}-${id.slice(8, 12)}-4${id.slice(13, 16)}-a${id.slice(17, 20)}-${id.slice(20, 32)}`,
    "kubernetes.io": {
      namespace: ns,
      ...(node ? { node: { name: node.metadata.name, uid: node.metadata.uid } } : {}),
      pod: { name: pod.metadata.name, uid: pod.metadata.uid },
      serviceaccount: { name: saName, uid: sa?.metadata?.uid ?? "" },
      warnafter: iat + requestedSeconds,
    },
    nbf: iat,
    sub: `system:serviceaccount:${ns}:${saName}`,
  };
  const part = (o: unknown) => base64urlnopad.encode(utf8ToBytes(JSON.stringify(o)));
  const kid = base64urlnopad.encode(sha256(utf8ToBytes(`${view.config.name}/sa-signing-key`)));
  // RS256 with a 2048-bit key: a 256-byte signature.
  const signature = new Uint8Array(256);
  for (let i = 0; i < 8; i++) signature.set(seed(`sig${i}`), i * 32);
  return `${part({ alg: "RS256", kid })}.${part(claims)}.${base64urlnopad.encode(signature)}`;
}

function projectedFiles(view: ClusterView, pod: Obj, sources: Obj[]): VolumeFiles {
  const out: VolumeFiles = new Map();
  const ns = String(pod.metadata.namespace ?? "default");
  for (const s of sources) {
    let files: VolumeFiles = new Map();
    if (s.serviceAccountToken) {
      const t = s.serviceAccountToken;
      files.set(String(t.path ?? "token"), boundToken(view, pod, Number(t.expirationSeconds ?? 3600)));
    } else if (s.configMap) files = keyFiles((find(view, "configmaps", ns, s.configMap.name)?.data ?? {}) as Record<string, string>, s.configMap.items);
    else if (s.secret) files = keyFiles(secretData(find(view, "secrets", ns, s.secret.name)), s.secret.items);
    else if (s.downwardAPI) files = downwardFiles(pod, s.downwardAPI.items);
    for (const [k, v] of files) out.set(k, v);
  }
  return out;
}

function downwardFiles(pod: Obj, items: Obj[] | undefined): VolumeFiles {
  const out: VolumeFiles = new Map();
  for (const i of items ?? []) if (i.fieldRef?.fieldPath) out.set(String(i.path), downwardFieldValue(pod as KObject, i.fieldRef.fieldPath));
  return out;
}

function volumeFiles(view: ClusterView, pod: Obj, volume: Obj): VolumeFiles {
  const ns = String(pod.metadata.namespace ?? "default");
  if (volume.configMap) return keyFiles((find(view, "configmaps", ns, volume.configMap.name)?.data ?? {}) as Record<string, string>, volume.configMap.items);
  if (volume.secret) return keyFiles(secretData(find(view, "secrets", ns, volume.secret.secretName)), volume.secret.items);
  if (volume.downwardAPI) return downwardFiles(pod, volume.downwardAPI.items);
  if (volume.projected) return projectedFiles(view, pod, (volume.projected.sources as Obj[]) ?? []);
  return new Map();
}

/** Absolute path → content of every file in the container's volume mounts (subPath mounts one file). */
export function mountedFiles(view: ClusterView, pod: KObject, container?: string): Record<string, string> {
  const p = pod as Obj;
  const all = [...((p.spec?.initContainers as Obj[]) ?? []), ...((p.spec?.containers as Obj[]) ?? [])];
  const c = container === undefined ? (p.spec?.containers as Obj[] | undefined)?.[0] : all.find((x) => x?.name === container);
  const out: Record<string, string> = {};
  for (const m of (c?.volumeMounts as Obj[]) ?? []) {
    const volume = ((p.spec?.volumes as Obj[]) ?? []).find((v) => v?.name === m.name);
    if (!volume || typeof m.mountPath !== "string") continue;
    const files = volumeFiles(view, p, volume);
    const root = m.mountPath.replace(/\/+$/, "");
    if (m.subPath) {
      const f = files.get(String(m.subPath));
      if (f !== undefined) out[root] = f;
    } else for (const [rel, text] of files) out[`${root}/${rel}`] = text;
  }
  return out;
}
