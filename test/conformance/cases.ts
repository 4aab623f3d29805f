// The conformance matrix: every command runs with the real kubectl and with ours on the
// same state. Reads first, then writes (each write's effect is seen by later reads).
import type { Case } from "./harness.ts";

const c = (cmd: string, extra: Omit<Case, "cmd"> = {}): Case => ({ cmd, ...extra });

const KINDS = ["pods", "services", "endpoints", "endpointslices", "deployments", "replicasets", "statefulsets", "daemonsets", "configmaps", "secrets", "serviceaccounts", "ingresses", "networkpolicies", "events"];
const CLUSTER_KINDS = ["nodes", "namespaces", "ingressclasses"];

const reads: Case[] = [
  // get: every kind, default namespace, another namespace, all namespaces
  ...KINDS.map((k) => c(`get ${k}`)),
  ...KINDS.map((k) => c(`get ${k} -A`)),
  ...["pods", "services", "endpoints", "statefulsets", "networkpolicies", "configmaps"].map((k) => c(`get ${k} -n shop`)),
  ...["pods", "services", "deployments", "replicasets", "statefulsets", "daemonsets", "nodes"].map((k) => c(`get ${k} -o wide -A`)),
  ...CLUSTER_KINDS.map((k) => c(`get ${k}`)),
  c("get nodes -o wide"),
  // short names and qualified names
  c("get svc"),
  c("get po -A"),
  c("get deploy,svc"),
  c("get ep web"),
  c("get netpol -A"),
  c("get ing"),
  c("get cm settings"),
  c("get ns shop"),
  c("get no worker1"),
  c("get deployments.apps"),
  c("get ingresses.networking.k8s.io"),
  c("get services/web"),
  c("get svc web web-nodeport"),
  c("get svc/web deploy/web"),
  // multiple types and all
  c("get all"),
  c("get all -A"),
  c("get all -n shop"),
  c("get svc,ep -n shop"),
  c("get pods,svc -l app=web"),
  c("get cm,netpol -A"),
  // output formats
  c("get svc web -o yaml"),
  c("get svc web -o json"),
  c("get svc -o yaml"),
  c("get svc -o json"),
  c("get svc -o name"),
  c("get pods -A -o name"),
  c("get all -o name"),
  c("get cm settings -o yaml"),
  c("get ns shop -o yaml"),
  c("get node worker1 -o json"),
  c("get netpol db-allow-web -n shop -o yaml"),
  c("get ing web -o yaml"),
  c("get deploy web -o yaml"),
  c("get svc web -o jsonpath={.spec.clusterIP}"),
  c("get svc -o jsonpath={.items[*].metadata.name}"),
  c(`get svc -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.spec.type}{"\\n"}{end}'`),
  c("get nodes -o jsonpath={.items[0].status.addresses}"),
  c("get pods -A -o jsonpath={.items[*].status.podIP}"),
  c("get svc web -o jsonpath={.spec.ports[0].port}"),
  c("get svc -o custom-columns=NAME:.metadata.name,TYPE:.spec.type,IP:.spec.clusterIP"),
  c("get pods -A -o custom-columns=NS:.metadata.namespace,NAME:.metadata.name,NODE:.spec.nodeName"),
  c("get svc -o wide"),
  c("get svc --show-labels"),
  c("get pods -A --show-labels"),
  c("get svc -L app"),
  c("get pods -A --no-headers"),
  c("get svc --sort-by=.metadata.name"),
  c("get pods -A --sort-by=.metadata.name"),
  c("get svc -o foo"),
  // selectors
  c("get pods -l app=web"),
  c("get pods -A -l app=db"),
  c("get pods -l 'app in (web,db)' -A"),
  c("get pods -l app!=web -A"),
  c("get svc -l app=web"),
  c("get pods -l nothing=here"),
  c("get pods -A -l nothing=here"),
  c("get pods -A --field-selector=status.phase=Running"),
  c("get pods -A --field-selector metadata.namespace=shop"),
  c("get svc --field-selector metadata.name=web"),
  c("get cm -l app=web -o name"),
  // describe: every kind
  c("describe svc web"),
  c("describe svc web-nodeport"),
  c("describe svc web-lb"),
  c("describe svc external-db"),
  c("describe svc db -n shop"),
  c("describe svc kubernetes"),
  c("describe endpoints web"),
  c("describe deploy web"),
  c("describe sts db -n shop"),
  c("describe pod client"),
  c("describe pods -n shop"),
  c("describe node worker1"),
  c("describe ns shop"),
  c("describe cm settings"),
  c("describe ing web"),
  c("describe netpol db-allow-web -n shop"),
  c("describe svc -l app=web"),
  c("describe ds -n kube-system"),
  c("describe ingressclass"),
  // errors
  c("get"),
  c("get foo"),
  c("get svc nope"),
  c("get svc nope web"),
  c("get pods -n nope"),
  c("get ns nope"),
  c("describe svc nope"),
  c("describe foo bar"),
  c("get svc --foo"),
  c("gett pods"),
  c("delete svc nope"),
  c("delete"),
  c("create -f missing.yaml"),
  c("apply -f missing.yaml"),
  c("get deploy nope -n shop"),
  c("get ing nope"),
  c("get netpol nope -n shop"),
  c("logs nope"),
  c("scale deploy nope --replicas=2"),
  c("label svc nope a=b"),
  c("get svc -o jsonpath={.items[0].spec.nope}"),
  // discovery and config
  c("api-resources"),
  c("api-resources --namespaced=false"),
  c("api-resources -o name"),
  c("api-versions"),
  c("config current-context"),
  c("config view"),
  c("config get-contexts"),
  c("explain svc"),
  c("explain svc.spec.ports"),
  c("explain netpol.spec"),
  c("explain foo"),
];

const svcYaml = `apiVersion: v1
kind: Service
metadata:
  name: api
  labels:
    app: api
spec:
  selector:
    app: api
  ports:
  - name: http
    port: 8080
    targetPort: 8080
`;

const writes: Case[] = [
  // create
  c("create configmap app-config --from-literal=a=1 --from-literal=b=2"),
  c("get cm app-config -o yaml"),
  c("create configmap app-config --from-literal=a=1"),
  c("create deployment api --image=nginx:1.27 --replicas=2"),
  c("get deploy api -o wide"),
  c("create service clusterip api --tcp=8080:8080"),
  c("create service clusterip api --tcp=8080:8080"),
  c("create service nodeport np --tcp=80:8080 --node-port=30090"),
  c("create service nodeport np2 --tcp=80:8080 --node-port=80"),
  c("create namespace lab"),
  c("create ns lab"),
  c("create deployment x --image=nginx --dry-run=client -o yaml"),
  c("create service clusterip y --tcp=80 --dry-run=client -o json"),
  c("create configmap z --from-literal=k=v --dry-run=server"),
  c("create ingress simple --rule=foo.com/bar=svc1:8080"),
  // apply
  c("apply -f api.yaml", { files: { "api.yaml": svcYaml } }),
  c("apply -f api2.yaml", { files: { "api2.yaml": svcYaml.replace("name: api\n", "name: api2\n") } }),
  c("apply -f api2.yaml"),
  c("apply -f api2.yaml", { files: { "api2.yaml": svcYaml.replace("name: api\n", "name: api2\n").replace("port: 8080\n    targetPort", "port: 9090\n    targetPort") } }),
  c("get svc api2 -o yaml"),
  c("apply -f -", { stdin: svcYaml.replace("name: api\n", "name: api3\n") }),
  c("apply -f bad.yaml", { files: { "bad.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: bad\n spec: {}\n" } }),
  c("apply -f nokind.yaml", { files: { "nokind.yaml": "apiVersion: v1\nmetadata:\n  name: nokind\n" } }),
  c("apply -f badport.yaml", { files: { "badport.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: badport\nspec:\n  ports:\n  - port: 70000\n" } }),
  c("apply -f unknownfield.yaml", { files: { "unknownfield.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: uf\nspec:\n  ports:\n  - port: 80\n    targetport: 80\n" } }),
  c("create -f api.yaml"),
  c("apply -f multi.yaml", { files: { "multi.yaml": `${svcYaml.replace("name: api\n", "name: m1\n")}---\n${svcYaml.replace("name: api\n", "name: m2\n")}` } }),
  c("apply -f api.yaml --dry-run=client"),
  c("apply -f api.yaml --server-side"),
  // label, annotate, patch, scale
  c("label svc web env=prod"),
  c("label svc web env=dev"),
  c("label svc web env=dev --overwrite"),
  c("label svc web env-"),
  c("annotate svc web note=hello"),
  c("annotate svc web note-"),
  c(`patch svc web -p '{"metadata":{"labels":{"patched":"yes"}}}'`),
  c(`patch svc web --type=merge -p '{"spec":{"sessionAffinity":"ClientIP"}}'`),
  c(`patch svc web --type=json -p '[{"op":"replace","path":"/spec/ports/0/port","value":8081}]'`),
  c(`patch svc web --type=json -p '[{"op":"remove","path":"/spec/nothere"}]'`),
  c(`patch svc web -p '{"spec":{"type":"Foo"}}'`),
  c(`patch svc web -p 'not json'`),
  c("get svc web -o yaml"),
  c("scale deploy web --replicas=4"),
  c("get deploy web"),
  c("scale deploy web --replicas=-1"),
  c("scale sts db -n shop --replicas=3"),
  // expose and run
  c("expose deploy api --port=80 --target-port=8080"),
  c("expose deploy api --port=80 --name=api-np --type=NodePort"),
  c("expose pod client --port=8080"),
  c("run nettest --image=nicolaka/netshoot --restart=Never --command -- sleep 3600"),
  c("run nettest --image=nicolaka/netshoot"),
  c("run x --image=nginx --dry-run=client -o yaml"),
  // delete
  c("delete svc api2"),
  c("delete svc api2"),
  c("delete cm app-config"),
  c("delete svc m1 m2"),
  c("delete -f api.yaml"),
  c("delete svc -l app=api"),
  c("delete ns lab --wait=false"),
  c("delete deploy api --wait=false"),
  c("delete svc --all -n shop --dry-run=client"),
  c("get svc -A"),
  c("get all -A -o name"),
];

export const CASES: Case[] = [...reads, ...writes];
