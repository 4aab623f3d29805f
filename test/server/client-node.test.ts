// @kubernetes/client-node against serve: a real client library lists, watches and writes.
import { AppsV1Api, CoreV1Api, KubeConfig, Watch } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCluster } from "../../src/cluster/index.ts";
import { kubeconfigYaml, startServer, type RunningServer } from "../../src/server/index.ts";
import { SMALL } from "./fixtures.ts";

let running: RunningServer;
let kc: KubeConfig;

beforeAll(async () => {
  running = await startServer({ cluster: createCluster(SMALL, { startTime: Date.now() }) });
  kc = new KubeConfig();
  kc.loadFromString(kubeconfigYaml({ server: running.url }));
});
afterAll(async () => {
  await running.close();
});

describe("@kubernetes/client-node", () => {
  it("lists Services", async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const list = await core.listNamespacedService({ namespace: "default" });
    expect(list.items.map((s) => s.metadata?.name)).toEqual(expect.arrayContaining(["kubernetes", "web"]));
    expect(list.items.find((s) => s.metadata?.name === "web")?.spec?.ports?.[0].port).toBe(80);
  });

  it("creates, reads and deletes a ConfigMap", async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const created = await core.createNamespacedConfigMap({ namespace: "default", body: { metadata: { name: "from-client" }, data: { hello: "world" } } });
    expect(created.metadata?.uid).toBeTruthy();
    const read = await core.readNamespacedConfigMap({ name: "from-client", namespace: "default" });
    expect(read.data).toEqual({ hello: "world" });
    await core.deleteNamespacedConfigMap({ name: "from-client", namespace: "default" });
    await expect(core.readNamespacedConfigMap({ name: "from-client", namespace: "default" })).rejects.toMatchObject({ code: 404 });
  });

  it("watches Pods appear through a scale", async () => {
    const apps = kc.makeApiClient(AppsV1Api);
    await apps.createNamespacedDeployment({
      namespace: "default",
      body: {
        metadata: { name: "scaled" },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: "scaled" } },
          template: { metadata: { labels: { app: "scaled" } }, spec: { containers: [{ name: "web", image: "nginx" }] } },
        },
      },
    });
    const seen = new Set<string>();
    const threePods = new Promise<void>((resolve, reject) => {
      void new Watch(kc)
        .watch(
          "/api/v1/namespaces/default/pods",
          { labelSelector: "app=scaled" },
          (phase, pod: { metadata: { name: string } }) => {
            if (phase === "ADDED") seen.add(pod.metadata.name);
            if (seen.size >= 3) resolve();
          },
          (err) => (err ? reject(err) : undefined),
        )
        .then((ctl) => threePods.finally(() => ctl.abort()));
    });
    await apps.replaceNamespacedDeploymentScale({
      name: "scaled",
      namespace: "default",
      body: { apiVersion: "autoscaling/v1", kind: "Scale", metadata: { name: "scaled", namespace: "default" }, spec: { replicas: 3 } },
    });
    await threePods;
    expect(seen.size).toBe(3);
    expect([...seen].every((n) => n.startsWith("scaled-"))).toBe(true);
  });
});
