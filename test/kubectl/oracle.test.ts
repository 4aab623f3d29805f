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
  "rollout restart deploy/web",
];

// Applied through stdin before the server starts: policies, ingresses and a StatefulSet.
const STDIN_MANIFESTS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: np
spec:
  podSelector:
    matchLabels: {app: web}
  policyTypes: [Ingress, Egress]
  ingress:
  - from:
    - podSelector: {matchLabels: {role: fe}}
      namespaceSelector: {matchLabels: {team: a}}
    - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
    ports:
    - port: 80
    - port: 8000
      endPort: 9000
      protocol: UDP
  - {}
  egress: []
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny
spec:
  podSelector: {}
  policyTypes: [Ingress]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ing
  annotations: {nginx.ingress.kubernetes.io/rewrite-target: /}
spec:
  ingressClassName: nginx
  tls:
  - hosts: [foo.example.com]
    secretName: tls
  rules:
  - host: foo.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
      - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {name: http}}}}
  - http:
      paths:
      - {path: /x, pathType: Exact, backend: {service: {name: web, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: def
spec:
  defaultBackend: {service: {name: web, port: {number: 80}}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - name: redis
        image: redis
        env: [{name: A, value: "1"}, {name: POD, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]
        command: [redis-server]
        args: ["--port", "6379"]
        ports: [{containerPort: 6379, name: redis}]
`;

// Manifests both kubectls read (ours from the in-memory home, the real one from its cwd).
const FILES: Record<string, string> = {
  "foo.yaml": "apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n",
  "wrongv.yaml": "apiVersion: apps/v1\nkind: Service\nmetadata:\n  name: x\n",
  "d.yaml":
    "kind: Deployment\napiVersion: apps/v1\nmetadata:\n  name: d\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: d}\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n",
};

// Commands whose output has no client-side ages (the real kubectl would use the wall clock).
const COMMANDS = [
  "get pods -A",
  "get pods -A -o wide",
  "get svc -A",
  "get nodes -o wide",
  "get all -n kube-system",
  "get all",
  "get svc,deploy -n kube-system",
  "get deploy,rs -n default",
  "get svc,ep nope kubernetes",
  "get svc,ep -n kube-system",
  "get cm -A",
  "get ns --show-labels",
  "get deploy web -o wide",
  "get svc --show-kind",
  "get pods -A --sort-by=.metadata.name",
  "get pods -l app=web",
  "get pods -A --field-selector=spec.nodeName=worker1",
  "get nodes -o custom-columns=NAME:.metadata.name,IP:.status.addresses[0].address",
  "get svc -A -o custom-columns=NS:.metadata.namespace,PORTS:.spec.ports[*].port,MISSING:.spec.foo",
  "get pods -n kube-system -o jsonpath={range.items[*]}{.metadata.name}{.status.podIP}{end}",
  "get svc,deploy -o name",
  "get svc -A --no-headers",
  "get pods -o wide --show-labels",
  "get deploy -L app",
  "get events -A",
  "api-resources",
  "api-resources -o wide",
  "api-resources --namespaced=false",
  "get svc kubernetes -o yaml",
  "get svc -o json",
  "get pods -o name",
  "get svc kubernetes -o jsonpath={.spec}",
  "get svc nope",
  "get deploy -o jsonpath={.items[0].metadata.name}",
  "get svc kubernetes -o jsonpath={.spec.ports[5]}",
  "get nodes -o jsonpath={.items[0].status.nodeInfo}",
  "get foo",
  "describe svc web",
  "describe svc np",
  "describe svc -n kube-system kube-dns",
  "describe ep web",
  "describe endpointslices",
  "describe cm app",
  "describe secret pw",
  "describe sa default",
  "describe sa -n kube-system",
  "describe ipaddresspools -A",
  "describe netpol np",
  "describe netpol deny",
  "describe ing ing",
  "describe ing def",
  "describe ingressclass",
  "get ing",
  "get netpol",
  "get sts -o wide",
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
  "explain svc.spec --recursive",
  "explain netpol --recursive",
  "explain pods --recursive",
  // Client-side write logic, without changing the cluster (dry runs).
  "create -f d.yaml --dry-run=client -o json",
  "create -f d.yaml --dry-run=client -o yaml",
  "apply -f d.yaml --dry-run=client",
  "apply -f d.yaml --dry-run=server",
  "delete -f d.yaml --dry-run=client",
  "apply -f foo.yaml --validate=false",
  "apply -f wrongv.yaml --validate=false",
  "create -f foo.yaml --validate=false",
  "delete -f foo.yaml",
  "run x --image=nginx --restart=Never --dry-run=client -o json -- sleep 1",
  "run x --image=nginx --port=80 --labels=a=b,c=d --env=A=1 --dry-run=client -o yaml",
  "run x -it --image=busybox --dry-run=client -o yaml --command -- sh",
  "run x --image=nginx --port=80 --expose --dry-run=client -o yaml",
  "run x --image=nginx --port=80 --expose --dry-run=client",
  "run x --image=nginx --expose --dry-run=client",
  "expose deploy coredns -n kube-system --dry-run=client -o yaml",
  "expose deploy coredns -n kube-system --port=53 --target-port=5353 --dry-run=client -o yaml",
  "expose svc kube-dns -n kube-system --name=x --dry-run=client -o yaml",
  "scale deploy coredns -n kube-system --replicas=2 --dry-run=client",
  "label ns default a=b --dry-run=client",
  "annotate ns default a=b --dry-run=client",
  "delete svc kubernetes --dry-run=client",
  "rollout restart deploy coredns -n kube-system --dry-run=client",
  // Failures: each command words server errors its own way.
  "create configmap kube-root-ca.crt --from-literal=a=b",
  "create secret generic x -n nope --from-literal=a=b",
  "create ingress i -n nope --rule=/=a:80",
  "create service clusterip kubernetes --tcp=80",
  "create service nodeport np2 --tcp=80 --node-port=80",
  "create deployment x --image=a -n nope",
  "create ns default",
  "rollout restart svc/kubernetes",
  "rollout history svc/kubernetes",
  "rollout history deploy/web",
  "rollout history deploy/web --revision=1",
  "rollout history deploy/web --revision=2",
  "rollout history deploy/web --revision=5",
  "rollout status svc/kubernetes",
  "rollout status deploy/nope",
  "rollout restart deploy/nope",
  "exec -n kube-system deploy/coredns -c foo -- ls",
  "exec nope -- ls",
  "expose svc kubernetes --port=80",
  "expose deploy nope --port=80",
  "scale deploy nope --replicas=1",
  "scale svc kubernetes --replicas=1",
  "scale deploy coredns -n kube-system --replicas=1 --current-replicas=5",
  "logs nope",
  "logs -n kube-system deploy/coredns -c foo",
  "label svc kubernetes component=x",
  "label pod nope a=b",
  "annotate svc nope a=b",
  "patch svc nope -p {}",
  "delete svc nope",
  "describe svc nope",
  "edit svc nope",
  "get pods -n nope",
  "top node",
  "--context=foo get pods",
  "--context=kubernetes-admin@kubernetes get svc",
  "config current-context",
  "config get-contexts",
];

let server: RunningServer;
let h: Harness;
let kubeconfig: string;
let cwd: string;

describe.skipIf(!present)("real kubectl against our API server = our kubectl", () => {
  beforeAll(async () => {
    const cluster = createCluster(undefined, { seed: 1 });
    cluster.settle();
    h = harness(cluster);
    for (const line of SETUP) await h.run(line.split(" "));
    await h.run(["apply", "-f", "-"], { stdin: STDIN_MANIFESTS });
    cluster.settle();
    server = await startServer({ cluster, clock: "manual" });
    cwd = mkdtempSync(join(tmpdir(), "kubectl-oracle-"));
    kubeconfig = join(cwd, "config");
    writeFileSync(kubeconfig, kubeconfigYaml({ server: server.url }));
    for (const [name, text] of Object.entries(FILES)) {
      writeFileSync(join(cwd, name), text);
      h.files.set(`/root/${name}`, text);
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each(COMMANDS)("kubectl %s", async (line) => {
    const argv = line.split(" ");
    let real: { stdout: string; stderr: string; code: number };
    try {
      // Asynchronous: the API server runs in this process and must keep answering.
      const r = await run(KUBECTL, ["--kubeconfig", kubeconfig, ...argv], { encoding: "utf8", cwd });
      real = { stdout: r.stdout, stderr: r.stderr, code: 0 };
    } catch (e) {
      const err = e as { stdout: string; stderr: string; code: number };
      real = { stdout: err.stdout, stderr: err.stderr, code: err.code };
    }
    const ours = await h.run(argv);
    expect(ours).toEqual(real);
  });
});
