// kubectl's typed clients POST protobuf. Every field kubectl's generators set must reach
// the store: compare what `--dry-run=client -o json` shows with what the server stored.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCluster, type Cluster } from "../../src/cluster/index.ts";
import { kubeconfigYaml, startServer, type RunningServer } from "../../src/server/index.ts";
import { decodeKubernetesProtobuf } from "../../src/server/protobuf.ts";

describe("decodeKubernetesProtobuf", () => {
  // A hand-built envelope: k8s\0 + Unknown{typeMeta{v1, ConfigMap}, raw=ConfigMap{metadata{name:"x"}, data{"a":"b"}}}
  const bytes = (...parts: number[][]) => Uint8Array.from(parts.flat());
  const str = (field: number, s: string) => [(field << 3) | 2, s.length, ...Buffer.from(s)];
  const msg = (field: number, body: number[]) => [(field << 3) | 2, body.length, ...body];

  it("reads the envelope, nested messages, maps and drops zero scalars", () => {
    const meta = [...str(1, "x"), ...msg(8, [])];
    const configMap = [...msg(1, meta), ...msg(2, [...str(1, "a"), ...str(2, "b")])];
    const unknown = [...msg(1, [...str(1, "v1"), ...str(2, "ConfigMap")]), ...msg(2, configMap)];
    const r = decodeKubernetesProtobuf(bytes([0x6b, 0x38, 0x73, 0x00], unknown));
    expect(r).toEqual({ ok: true, value: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" }, data: { a: "b" } } });
  });

  it.each([
    ["no magic prefix", bytes([1, 2, 3, 4, 5]), "malformed"],
    ["a truncated message", bytes([0x6b, 0x38, 0x73, 0x00], [0x0a, 0x40, 1]), "malformed"],
    ["a kind without a schema", bytes([0x6b, 0x38, 0x73, 0x00], msg(1, [...str(1, "batch/v1"), ...str(2, "CronJob")])), "unsupported-kind"],
  ])("%s is refused", (_name, input, reason) => {
    expect(decodeKubernetesProtobuf(input)).toMatchObject({ ok: false, reason });
  });
});

const haveKubectl = existsSync("/usr/bin/kubectl");

describe.skipIf(!haveKubectl)("kubectl generators over protobuf", () => {
  let cluster: Cluster;
  let running: RunningServer;
  let env: Record<string, string>;
  beforeAll(async () => {
    cluster = createCluster(undefined, { startTime: Date.now() });
    running = await startServer({ cluster });
    const dir = mkdtempSync(join(tmpdir(), "proto-kubectl-"));
    writeFileSync(join(dir, "config"), kubeconfigYaml({ server: running.url }));
    env = { HOME: dir, KUBECONFIG: join(dir, "config"), PATH: "/usr/bin:/bin" };
  });
  afterAll(async () => {
    await running.close();
  });

  function kubectl(args: string[]): Promise<{ stdout: string; stderr: string; code: number | null }> {
    return new Promise((resolve) => {
      const child = spawn("/usr/bin/kubectl", args, { env });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d));
      child.stderr.on("data", (d: Buffer) => (stderr += d));
      child.on("close", (code) => resolve({ stdout, stderr, code }));
    });
  }

  /** Every leaf of `expected` is in `actual` with the same value. */
  function missing(expected: unknown, actual: unknown, path = ""): string[] {
    if (expected === null || typeof expected !== "object") return expected === actual ? [] : [`${path}: ${JSON.stringify(expected)} ≠ ${JSON.stringify(actual)}`];
    if (actual === null || typeof actual !== "object") return [`${path}: missing`];
    return Object.entries(expected).flatMap(([k, v]) => missing(v, (actual as Record<string, unknown>)[k], `${path}.${k}`));
  }

  it.each([
    [["create", "configmap", "cm1", "--from-literal=a=1", "--from-literal=b=two"], "configmaps", "cm1"],
    [["create", "secret", "generic", "s1", "--from-literal=password=hunter2"], "secrets", "s1"],
    [["create", "namespace", "ns1"], "namespaces", "ns1"],
    [["create", "deployment", "d1", "--image=nginx:1.27", "--replicas=2", "--port=80"], "deployments", "d1"],
    [["create", "service", "nodeport", "np1", "--tcp=80:8080", "--node-port=30123"], "services", "np1"],
    [["create", "service", "clusterip", "h1", "--clusterip=None"], "services", "h1"],
    [["create", "service", "externalname", "ext1", "--external-name=db.example.com"], "services", "ext1"],
    [["create", "ingress", "ing1", "--class=nginx", "--rule=foo.com/bar*=svc1:8080", "--rule=tls.com/=svc2:http,tls=sec"], "ingresses", "ing1"],
    [["run", "p1", "--image=busybox", "--labels=a=b,c=d", "--env=X=1", "--port=8080", "--restart=Never", "--command", "--", "sleep", "3600"], "pods", "p1"],
  ])("kubectl %j stores what it sent", async (args, resource, name) => {
    const dash = args.indexOf("--");
    const at = dash < 0 ? args.length : dash;
    const dry = await kubectl([...args.slice(0, at), "--dry-run=client", "-o", "json", ...args.slice(at)]);
    expect(dry.code).toBe(0);
    const sent = JSON.parse(dry.stdout) as Record<string, unknown>;
    delete sent.status;
    delete (sent.metadata as Record<string, unknown>).creationTimestamp;
    const created = await kubectl(args);
    expect(created.stderr).toBe("");
    const info = cluster.resolveResource(resource)!;
    const stored = cluster.get({ group: info.group, resource: info.resource, name, ...(info.namespaced ? { namespace: "default" } : {}) });
    expect(stored.ok).toBe(true);
    // Template metadata carries creationTimestamp: null in the generator output only.
    const expected = JSON.parse(JSON.stringify(sent).replaceAll('"creationTimestamp":null,', "").replaceAll(',"creationTimestamp":null', "").replaceAll('"creationTimestamp":null', ""));
    expect(missing(expected, stored.ok && stored.value)).toEqual([]);
  });
});
