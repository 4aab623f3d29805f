import { describe, expect, it } from "vitest";
import { mainProcess, sleepMs, type ContainerSpec, type MainProcess } from "./main-process.ts";
import { runningApp } from "./catalog.ts";

// image × command/args × stdin/tty → what the container's main process does.
const cases: [string, ContainerSpec, MainProcess][] = [
  // Shell images with no command: the shell reads EOF and exits at once, unless -i/-t keep it open.
  ["busybox, no command", { image: "busybox" }, { kind: "exit", exitCode: 0, afterMs: 0 }],
  ["alpine:3.20, no command", { image: "alpine:3.20" }, { kind: "exit", exitCode: 0, afterMs: 0 }],
  ["netshoot, no command (zsh)", { image: "nicolaka/netshoot" }, { kind: "exit", exitCode: 0, afterMs: 0 }],
  ["busybox -it", { image: "busybox", stdin: true, tty: true }, { kind: "interactive" }],
  ["busybox -i -- sh", { image: "busybox", args: ["sh"], stdin: true }, { kind: "interactive" }],
  // Servers run until stopped, whatever flags they get.
  ["nginx", { image: "nginx" }, { kind: "serve" }],
  ["nginx with flags", { image: "nginx:1.27", args: ["-g", "daemon off;"] }, { kind: "serve" }],
  ["agnhost netexec", { image: "registry.k8s.io/e2e-test-images/agnhost:2.39", args: ["netexec", "--http-port=8080"] }, { kind: "serve" }],
  ["coredns", { image: "registry.k8s.io/coredns/coredns:v1.11.3", args: ["-conf", "/etc/coredns/Corefile"] }, { kind: "serve" }],
  ["kube-proxy", { image: "registry.k8s.io/kube-proxy:v1.32.0", command: ["/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf"] }, { kind: "serve" }],
  ["unknown image with a command", { image: "registry.k8s.io/etcd:3.5.16-0", command: ["etcd", "--data-dir=/var/lib/etcd"] }, { kind: "serve" }],
  // sleep exits 0 after its time; endless forms keep running.
  ["busybox sleep 5", { image: "busybox", args: ["sleep", "5"] }, { kind: "exit", exitCode: 0, afterMs: 5000 }],
  ["busybox sleep 1m", { image: "busybox", command: ["sleep", "1m"] }, { kind: "exit", exitCode: 0, afterMs: 60_000 }],
  ["busybox sleep infinity", { image: "busybox", args: ["sleep", "infinity"] }, { kind: "serve" }],
  ["nginx -- sleep 3600 (entrypoint execs args)", { image: "nginx", args: ["sleep", "3600"] }, { kind: "exit", exitCode: 0, afterMs: 3_600_000 }],
  ["busybox false", { image: "busybox", args: ["false"] }, { kind: "exit", exitCode: 1, afterMs: 0 }],
  // One-shot tools: the shell runs them.
  ["busybox nslookup", { image: "busybox", args: ["nslookup", "kubernetes"] }, { kind: "command", line: "nslookup kubernetes" }],
  ["curl image, curl args", { image: "curlimages/curl", args: ["curl", "-s", "http://kubernetes"] }, { kind: "command", line: "curl -s http://kubernetes" }],
  ["curl image, flags only (entrypoint adds curl)", { image: "curlimages/curl", args: ["-sI", "http://web"] }, { kind: "command", line: "curl -sI http://web" }],
  ["curl image, no args", { image: "curlimages/curl" }, { kind: "command", line: "curl" }],
  ["netshoot dig", { image: "nicolaka/netshoot", command: ["dig", "+short", "web.default.svc.cluster.local"] }, { kind: "command", line: "dig +short web.default.svc.cluster.local" }],
  ["ping with a count", { image: "busybox", args: ["ping", "-c", "3", "10.0.0.1"] }, { kind: "command", line: "ping -c 3 10.0.0.1" }],
  ["ping without a count", { image: "busybox", args: ["ping", "10.0.0.1"] }, { kind: "serve" }],
  ["nc listening", { image: "busybox", args: ["nc", "-lk", "-p", "8080"] }, { kind: "serve" }],
  // sh -c scripts.
  ["sh -c chain", { image: "busybox", command: ["sh", "-c", "nslookup web && wget -qO- http://web"] }, { kind: "command", line: "nslookup web && wget -qO- http://web" }],
  ["sh -c with a trailing sleep", { image: "busybox", command: ["sh", "-c", "echo hi; sleep 10"] }, { kind: "command", line: "echo hi", thenSleepMs: 10_000, sleepsOnlyOnSuccess: false }],
  ["sh -c && sleep", { image: "busybox", command: ["sh", "-c", "wget -qO- http://web && sleep 30"] }, { kind: "command", line: "wget -qO- http://web", thenSleepMs: 30_000, sleepsOnlyOnSuccess: true }],
  ["sh -c sleep only", { image: "busybox", command: ["/bin/sh", "-c", "sleep 3600"] }, { kind: "exit", exitCode: 0, afterMs: 3_600_000 }],
  ["sh -c loop", { image: "busybox", command: ["sh", "-c", "while true; do wget -qO- http://web; sleep 5; done"] }, { kind: "loop", line: "wget -qO- http://web", everyMs: 5000 }],
  ["sh -c loop over lines", { image: "busybox", command: ["sh", "-c", "while :\ndo\n  echo hello\n  sleep 1\ndone"] }, { kind: "loop", line: "echo hello", everyMs: 1000 }],
  ["sh -c loop without a sleep", { image: "busybox", command: ["sh", "-c", "while true; do echo hi; done"] }, { kind: "serve" }],
  ["sh -c loop sleeping twice", { image: "busybox", command: ["sh", "-c", "while true; do sleep 1; echo hi; sleep 5; done"] }, { kind: "serve" }],
  ["sh -c until loop", { image: "busybox", command: ["sh", "-c", "until nslookup db; do sleep 2; done"] }, { kind: "loop", line: "nslookup db", everyMs: 2000, untilSuccess: true }],
  ["sh -c until loop that echoes", { image: "busybox", command: ["sh", "-c", "until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done"] }, { kind: "loop", line: "if nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; then true; else echo waiting for myservice; false; fi", everyMs: 2000, untilSuccess: true }],
  ["sh -c ending in a server", { image: "nginx", command: ["sh", "-c", "echo ok > /usr/share/nginx/html/index.html && exec nginx -g 'daemon off;'"] }, { kind: "serve" }],
  ["sh -c busybox httpd", { image: "busybox", command: ["sh", "-c", "echo hi > /www/index.html; httpd -f -p 8080 -h /www"] }, { kind: "serve" }],
  ["sh -c tail -f", { image: "busybox", command: ["sh", "-c", "touch /tmp/x; tail -f /tmp/x"] }, { kind: "serve" }],
  // A program the image lacks cannot start.
  ["nginx has no nslookup", { image: "nginx", args: ["nslookup", "web"] }, { kind: "not-found", executable: "nslookup" }],
  ["busybox has no dig", { image: "busybox", command: ["dig", "web"] }, { kind: "not-found", executable: "dig" }],
];

describe("mainProcess", () => {
  it.each(cases)("%s", (_name, spec, expected) => {
    expect(mainProcess(spec)).toEqual(expected);
  });

  it("follows the cluster file's image declarations (tools)", () => {
    // Its entrypoint is unknown, so only an explicit command is known to replace it.
    const spec = { image: "example.com/tools:1", command: ["nslookup", "web"] };
    expect(mainProcess(spec).kind).toBe("serve");
    expect(mainProcess(spec, { "example.com/tools": { tools: ["sh", "nslookup"], shell: "sh" } })).toEqual({ kind: "command", line: "nslookup web" });
  });

  it("quotes arguments so the shell sees the same words", () => {
    expect(mainProcess({ image: "busybox", args: ["echo", "a b", "it's"] })).toEqual({ kind: "command", line: `echo 'a b' 'it'\\''s'` });
  });
});

describe("sleepMs", () => {
  it.each([
    ["5", 5000],
    ["0.5", 500],
    ["2m", 120_000],
    ["1h", 3_600_000],
    ["1d", 86_400_000],
    ["infinity", undefined],
    ["", undefined],
    ["5x", undefined],
  ] as const)("%s → %s", (arg, ms) => {
    expect(sleepMs(arg)).toBe(ms);
  });
});

describe("what listens", () => {
  it.each([
    ["nginx", [], [], [80]],
    ["nginx", [], ["sleep", "3600"], []],
    ["nginx", ["sh", "-c", "echo hi > /usr/share/nginx/html/index.html && nginx -g 'daemon off;'"], [], [80]],
    ["registry.k8s.io/e2e-test-images/agnhost:2.39", [], ["netexec", "--http-port=8080"], [8080, 8081]],
  ] as [string, string[], string[], number[]][])("%s %j %j listens on %j", (image, command, args, ports) => {
    expect(runningApp(image, command, args).listens.map((l) => l.port)).toEqual(ports);
  });
});
