// The strongest check we have: the REAL kubectl v1.32, talking to our API server over
// HTTP, and our kubectl in-process, on the same cluster, must print the same bytes.
// (Tables come from the shared server printers; YAML/JSON, describe, explain and the
// multi-kind layout are the real kubectl's own client-side code.) Skipped without the binary.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCluster } from "../../src/cluster/index.ts";
import { kubeconfigYaml, startServer, type RunningServer } from "../../src/server/index.ts";
import { harness, type Harness } from "./harness.ts";

const KUBECTL = process.env.KUBECTL ?? "/usr/bin/kubectl";
const present = existsSync(KUBECTL);
if (!present) console.warn(`\n  ⚠ ${KUBECTL} not found: kubectl oracle tests are SKIPPED\n`);
const run = promisify(execFile);

const SETUP = [
  "create deployment web --image=nginx --replicas=2 --port=80",
  "expose deployment web --port=80 --target-port=80",
  "create service nodeport np --tcp=80:80",
  "create configmap app --from-literal=mode=prod",
  "create secret generic pw --from-literal=p=secret",
];

// Commands whose output has no client-side ages (the real kubectl would use the wall clock).
const COMMANDS = [
  "get pods -A",
  "get pods -A -o wide",
  "get svc -A",
  "get nodes -o wide",
  "get all -n kube-system",
  "get svc,ep -n kube-system",
  "get cm -A",
  "get ns --show-labels",
  "get deploy web -o wide",
  "get svc kubernetes -o yaml",
  "get svc -o json",
  "get pods -o name",
  "get svc kubernetes -o jsonpath={.spec}",
  "get svc nope",
  "get foo",
  "describe svc web",
  "describe svc np",
  "describe svc -n kube-system kube-dns",
  "describe ep web",
  "describe endpointslices",
  "describe cm app",
  "describe secret pw",
  "explain svc",
  "explain svc.spec",
  "explain svc.spec.ports.targetPort",
  "explain svc.metadata.creationTimestamp",
  "explain deploy.spec",
  "explain ing.spec.rules",
  "explain ingress.spec.rules.http.paths",
  "explain netpol.spec",
  "explain pods.spec.containers",
  "explain foo",
];

let server: RunningServer;
let h: Harness;
let kubeconfig: string;

describe.skipIf(!present)("real kubectl against our API server = our kubectl", () => {
  beforeAll(async () => {
    const cluster = createCluster(undefined, { seed: 1 });
    cluster.settle();
    h = harness(cluster);
    for (const line of SETUP) await h.run(line.split(" "));
    cluster.settle();
    server = await startServer({ cluster, clock: "manual" });
    kubeconfig = join(mkdtempSync(join(tmpdir(), "kubectl-oracle-")), "config");
    writeFileSync(kubeconfig, kubeconfigYaml({ server: server.url }));
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each(COMMANDS)("kubectl %s", async (line) => {
    const argv = line.split(" ");
    let real: { stdout: string; stderr: string; code: number };
    try {
      // Asynchronous: the API server runs in this process and must keep answering.
      const r = await run(KUBECTL, ["--kubeconfig", kubeconfig, ...argv], { encoding: "utf8" });
      real = { stdout: r.stdout, stderr: r.stderr, code: 0 };
    } catch (e) {
      const err = e as { stdout: string; stderr: string; code: number };
      real = { stdout: err.stdout, stderr: err.stderr, code: err.code };
    }
    const ours = await h.run(argv);
    expect(ours).toEqual(real);
  });
});
