// Client-side behaviour compared byte for byte with the real kubectl v1.32 at test time:
// help texts, dry-run generators, flag and argument errors, YAML parse errors.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HELP_COMMANDS } from "../../src/kubectl/help/commands.ts";
import { harness } from "./harness.ts";

const KUBECTL = process.env.KUBECTL ?? "/usr/bin/kubectl";
const present = existsSync(KUBECTL);
if (!present) console.warn(`\n  ⚠ ${KUBECTL} not found: kubectl conformance tests are SKIPPED\n`);

// An empty kubeconfig and a dead server: client-side behaviour only, nothing leaks from the machine.
const dir = mkdtempSync(join(tmpdir(), "kubectl-conf-"));
const env = { PATH: "/usr/bin:/bin", HOME: "/root", KUBECONFIG: join(dir, "none") };

function real(argv: string[]): { stdout: string; stderr: string; code: number } {
  const r = spawnSync(KUBECTL, argv, { cwd: dir, env, encoding: "utf8" });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? 1 };
}

async function ours(argv: string[], files: Record<string, string> = {}) {
  const h = harness();
  for (const [name, text] of Object.entries(files)) h.files.set(`/root/${name}`, text);
  return h.run(argv);
}

// klog lines carry a timestamp and pid; compare what follows them.
function normalizeKlog(s: string): string {
  return s.replace(/^E\d{4} \d\d:\d\d:\d\d\.\d{6}\s+\d+ /gm, "E<time> <pid> ");
}

const GENERATORS = [
  "create service clusterip my-svc --tcp=80:8080 --dry-run=client -o json",
  "create service clusterip my-svc --tcp=80:8080 --tcp=443 --dry-run=client -o yaml",
  "create service clusterip hl --clusterip=None --dry-run=client -o yaml",
  "create service nodeport np --tcp=80:8080 --node-port=30080 --dry-run=client -o yaml",
  "create service loadbalancer lb --tcp=80 --dry-run=client -o json",
  "create service externalname ext --external-name=example.com --dry-run=client -o json",
  "create svc clusterip a --tcp=5678:http --dry-run=client -o yaml",
  "create deployment web --image=nginx --replicas=3 --port=80 --dry-run=client -o json",
  "create deployment web --image=nginx --dry-run=client -o yaml",
  "create deploy w -n x --image=busybox:1.36 --dry-run=client -o json -- sleep 3600",
  "create ingress web --class=nginx --rule=foo.com/bar*=svc1:8080,tls=my-cert --rule=bar.com/=svc2:http --dry-run=client -o json",
  "create ingress simple --rule=/=web:80 --dry-run=client -o yaml",
  "create configmap cm --from-literal=b=1 --from-literal=a=x --dry-run=client -o yaml",
  "create cm cm -n kube-system --from-literal=x=true --dry-run=client -o json",
  "create secret generic s --from-literal=password=s3cr3t --dry-run=client -o yaml",
  "create namespace foo --dry-run=client -o json",
  "create ns foo --dry-run=client -o yaml",
  "create deployment w --image=nginx --dry-run=client",
  "create service clusterip a --tcp=80 --dry-run=client",
  "create service nodeport np --tcp=80 --dry-run=client -o yaml",
  "create service loadbalancer lb --tcp=80:8080 --tcp=443:8443 --dry-run=client -o yaml",
  "create secret generic s --type=kubernetes.io/basic-auth --from-literal=username=u --from-literal=password=p --dry-run=client -o yaml",
  "create deployment web --image=registry.k8s.io/e2e-test-images/agnhost:2.39 --port=8080 --dry-run=client -o yaml -- /agnhost netexec --http-port=8080",
  "create ingress tls --class=nginx --rule=a.example.com/*=web:80,tls --dry-run=client -o yaml",
  "create ingress def --default-backend=web:80 --annotation=nginx.ingress.kubernetes.io/rewrite-target=/ --dry-run=client -o yaml",
  "create quota q --hard=cpu=1,memory=1G,pods=2 --dry-run=client -o yaml",
  "create quota best-effort --hard=pods=100 --scopes=BestEffort --dry-run=client -o json",
  "create resourcequota q -n shop --hard=requests.cpu=1000m,limits.memory=1024Mi,services=1E5,count/deployments.apps=+2,secrets=007 --scopes=NotTerminating,Foo --dry-run=client -o yaml",
  "create quota q --dry-run=client -o yaml",
  "create quota q --hard=cpu=1,cpu=2,=1 --dry-run=client -o yaml",
  "create quota q --hard=pods=2 --dry-run=client",
  "create quota q --hard=pods=2 --dry-run=client -o name",
  "create ns team-a -o yaml --dry-run=client",
];

const ERRORS = [
  "gett pods",
  "help get",
  "help create service clusterip",
  "help",
  "help foo",
  "options",
  "xyzzyq",
  "get --foo",
  "get -x",
  "get -n",
  "get --namespace",
  "get -A=maybe",
  "scale --replicas=x deploy/a",
  "version --foo",
  "create",
  "create foo",
  "create cm",
  "create service clusterip",
  "create service clusterip a b",
  "create service foo",
  "create service clusterip a --dry-run=client",
  "create deployment x",
  "create deployment w --image=nginx --image=busybox --dry-run=client -- sleep 1",
  "create namespace foo --dry-run=bogus",
  "create quota --hard=pods=1",
  "create quota a b --hard=pods=1",
  "create quota q --hard=pods --dry-run=client",
  "create quota q --hard=pods=1=2 --dry-run=client",
  "create quota q --hard=pods=1, --dry-run=client",
  "create quota q --hard=cpu=x --dry-run=client",
  "create quota q --hard=cpu=1iK --dry-run=client",
  "create quota q --hard=pods=1 --scopes=a,,b --dry-run=client",
  "create namespace foo --dry-run=client -o foo",
  "run x --image=a --rm --dry-run=client",
  "exec p",
  "exec p ls",
  "rollout foo",
  "config foo",
  "top foo",
  "get",
  "apply",
  "delete",
  "describe",
  "explain",
  "label",
  "annotate",
  "expose",
  "edit",
  "patch",
  "logs",
  "exec",
  "run",
  "scale",
  "rollout status",
  "create -f nonexist.yaml --dry-run=client",
  "create ns x --dry-run=client -o jsonpath",
  "create ns x --dry-run=client -o jsonpath={.metadata.name}",
  "create ns x --dry-run=client -o name",
  "create deployment x --image=a --replicas=abc --dry-run=client",
  "create deployment x y --image=a --dry-run=client",
  "create service clusterip a --tcp=abc --dry-run=client",
  "create service clusterip a --tcp=70000 --dry-run=client",
  "create service externalname a --dry-run=client",
  "create ingress a --dry-run=client",
  "create ingress a --rule=bad --dry-run=client",
  "create configmap a --from-literal=novalue --dry-run=client",
  "run x --image=a --restart=Sometimes --dry-run=client",
  "run --image=a",
  "exec p -c",
  "logs -f",
  "get pods -w -o yaml --watch-only=maybe",
  "config view --minify=x",
  "version --client -o foo",
  "-n",
  "--namespace=x",
];

const BAD_YAML: Record<string, string> = {
  empty: "",
  "comment-only": "# just a comment\n---\n",
  "value-then-nested": "a: 1\n b: 2\n",
  tab: "a:\n\tb: 1\n",
  "compact-mapping": "a: b: c\n",
  "seq-then-key": "a:\n  - x\n  y: 1\n",
  "flow-seq": "a: [1, 2\n",
  "open-quote": 'a: "x\n',
  "bad-indent": "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n spec: 1\n",
  "no-kind": "apiVersion: v1\nmetadata:\n  name: x\n",
};

// -o go-template / jsonpath-as-json / template files on a generated Service: output, parse
// errors and execution errors (with kubectl's debugging dump) against the real printers.
const SVC = ["create", "service", "clusterip", "web", "--tcp=80:8080", "--tcp=443", "--dry-run=client"];
const TEMPLATE_FILES: Record<string, string> = { "ports.tpl": "{{range .spec.ports}}{{.port}}\n{{end}}", "ports.jsonpath": "{.spec.ports[*].port}" };
const TEMPLATES: string[][] = [
  ...[
    "{{.metadata.name}}",
    "{{.metadata.nope}}|{{.metadata.nope.x}}|{{.metadata.creationTimestamp}}",
    `{{index .metadata.labels "app"}} {{index .metadata.labels "nope"}}`,
    `{{range .spec.ports}}{{.name}}={{.port}}{{"\n"}}{{end}}`,
    `{{range $i, $p := .spec.ports}}{{if $i}},{{end}}{{$p.port}}{{end}}`,
    "{{len .spec.ports}} {{.spec.ports | len}} {{.spec}}",
    `{{printf "%s:%d|%5.1f|%q|%-6s|%v" .metadata.name 3 2.5 "x" "ab" .spec.selector}}`,
    `{{if eq .kind "Service"}}svc{{else if eq .kind "Pod"}}pod{{else}}other{{end}}`,
    `{{with .spec.selector}}{{.app}}{{end}}{{with .nope}}x{{else}}y{{end}}`,
    `{{ eq .metadata.name "x" "web" }} {{ne 1 2}} {{lt 1 2}} {{and 1 0}} {{or 0 "" "z"}} {{not 1}}`,
    "{{- .metadata.name -}} x {{/* comment */}}",
    "{{$x := 1000000}}{{$x}} {{1.5}} {{1e7}}",
    `{{print 1 2 "a" 3}} {{println .kind}}{{html "<a>"}} {{js "a'b"}} {{urlquery "a b&c"}}`,
    "{{.metadata.name", "{{foo}}", "{{if}}{{end}}", "{{range .x}}", "{{end}}", "{{.a}", "{{| .a}}", "{{(.a}}", "{{#}}", "{{.a!}}", "{{ .a ! }}", "{{.x$}}", "{{\\n}}",
    "{{.metadata.name.x}}", "{{index .spec.ports 5}}", "{{index .metadata 1}}", "{{.nope | len}}", "{{len 1 2}}", "{{printf 1}}",
    "{{range .kind}}{{end}}", `{{range .spec.ports}}{{if gt .port 100.0}}{{.name}}{{end}}{{end}}`, "{{.spec.ports 1}}",
  ].map((t) => [...SVC, "-o", `go-template=${t}`]),
  [...SVC, "-o", "go-template-file=ports.tpl"],
  [...SVC, "-o", "templatefile=missing.tpl"],
  [...SVC, "-o", "go-template"],
  [...SVC, "--template={{.kind}}"],
  [...SVC, "-o", "jsonpath", "--template={.kind}"],
  [...SVC, "-o", "jsonpath-file=ports.jsonpath"],
  [...SVC, "-o", `jsonpath-as-json={.spec.ports[*].port}{.metadata.name}`],
  [...SVC, "-o", "jsonpath-as-json={range .spec.ports[*]}{.name}{end}"],
];

describe.skipIf(!present)("conformance with the real kubectl", () => {
  it.each(TEMPLATES.map((argv) => [argv.slice(SVC.length).join(" "), argv] as const))("output: %s", async (_name, argv) => {
    for (const [file, text] of Object.entries(TEMPLATE_FILES)) writeFileSync(join(dir, file), text);
    const r = real(argv);
    const o = await ours(argv, TEMPLATE_FILES);
    expect({ stdout: o.stdout, stderr: o.stderr, code: o.code }).toEqual(r);
  });

  it.each(HELP_COMMANDS.filter((p) => p !== "options"))("help: kubectl %s --help", async (path) => {
    const argv = path === "" ? ["--help"] : [...path.split(" "), "--help"];
    const r = real(argv);
    const o = await ours(argv);
    expect(o.stdout).toBe(r.stdout);
    expect(o.code).toBe(r.code);
  });

  it.each(GENERATORS)("generator: kubectl %s", async (line) => {
    const argv = line.split(" ");
    const r = real(argv);
    const o = await ours(argv);
    expect({ stdout: o.stdout, stderr: o.stderr, code: o.code }).toEqual(r);
  });

  it.each(ERRORS)("error: kubectl %s", async (line) => {
    const argv = line.split(" ");
    const r = real(argv);
    const o = await ours(argv);
    expect({ stdout: o.stdout, stderr: normalizeKlog(o.stderr), code: o.code }).toEqual({ ...r, stderr: normalizeKlog(r.stderr) });
  });

  it.each(Object.entries(BAD_YAML))("yaml error: %s", async (name, text) => {
    const file = `${name}.yaml`;
    writeFileSync(join(dir, file), text);
    const argv = ["create", "--dry-run=client", "-o", "name", "-f", file];
    const r = real(argv);
    const o = await ours(argv, { [file]: text });
    expect({ stdout: o.stdout, stderr: o.stderr, code: o.code }).toEqual(r);
  });
});
