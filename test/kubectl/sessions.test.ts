// run -it / exec through the session's attach(), get -w, edit with an editor, completion,
// and random argv never escaping as an exception.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { completeKubectl } from "../../src/kubectl/index.ts";
import type { AttachTarget } from "../../src/kubectl/types.ts";
import { settledHarness } from "./harness.ts";

const fresh = settledHarness;

describe("kubectl run -it --rm", () => {
  it("creates the pod, attaches, then deletes it with the 1.32 message", async () => {
    const h = fresh();
    const attached: AttachTarget[] = [];
    const r = await h.run(["run", "t", "-it", "--rm", "--image=nicolaka/netshoot", "--restart=Never", "--", "bash"], {
      attach: async (t) => {
        attached.push(t);
        return 0;
      },
    });
    expect(attached).toEqual([{ namespace: "default", pod: "t", container: "t", command: ["bash"], tty: true, stdin: true }]);
    expect(r.stderr).toBe("If you don't see a command prompt, try pressing enter.\n");
    expect(r.stdout).toBe('pod "t" deleted\n');
    expect(r.code).toBe(0);
    // Deletion is graceful: once the grace period has passed the pod is gone.
    h.cluster.settle();
    expect((await h.run(["get", "pod", "t"])).stderr).toBe('Error from server (NotFound): pods "t" not found\n');
  });

  it("passes a failing container's exit code through with --restart=Never", async () => {
    const h = fresh();
    const r = await h.run(["run", "t", "-i", "--rm", "--image=busybox", "--restart=Never", "--", "false"], { attach: async () => 3 });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("pod default/t terminated (Error)\n");
  });

  it("tells how to reattach when a restartable pod's TTY session ends", async () => {
    const h = fresh();
    const r = await h.run(["run", "shell", "-it", "--image=busybox"], { attach: async () => 0 });
    expect(r.stdout).toBe("Session ended, resume using 'kubectl attach shell -c shell -i -t' command when the pod is running\n");
  });
});

describe("kubectl exec", () => {
  it("reports a remote non-zero exit and returns its code", async () => {
    const h = fresh();
    const pod = (await h.run(["get", "pods", "-n", "kube-system", "-l", "k8s-app=kube-dns", "-o", "jsonpath={.items[0].metadata.name}"])).stdout;
    const r = await h.run(["exec", "-n", "kube-system", pod, "--", "false"], { attach: async () => 7 });
    expect(r).toEqual({ stdout: "", stderr: "command terminated with exit code 7\n", code: 7 });
  });
  it("says NotFound for a missing pod", async () => {
    const h = fresh();
    const r = await h.run(["exec", "nope", "--", "ls"]);
    expect(r).toEqual({ stdout: "", stderr: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
  });
});

describe("kubectl get -w", () => {
  it("prints the list, then a row per change until the session aborts", async () => {
    const h = fresh();
    const ctl = new AbortController();
    let out = "";
    const watching = (async () => {
      // Drive the harness by hand so the signal reaches kubectl.
      const { kubectl } = await import("../../src/kubectl/index.ts");
      return kubectl(["get", "cm", "-w"], {
        cluster: h.cluster,
        stdin: "",
        stdout: (t) => (out += t),
        stderr: () => {},
        env: {},
        kubeconfig: h.kubeconfig,
        setNamespace: () => {},
        edit: async () => null,
        attach: async () => 0,
        fs: { readFile: async () => undefined, writeFile: async () => {}, isDirectory: async () => false, readdir: async () => [], resolvePath: (p) => p },
        signal: ctl.signal,
      });
    })();
    await new Promise((r) => setTimeout(r, 0));
    await h.run(["create", "configmap", "new-one", "--from-literal=a=b"]);
    ctl.abort();
    expect(await watching).toBe(0);
    expect(out).toBe("NAME               DATA   AGE\nkube-root-ca.crt   1      3d4h\nnew-one            1      0s\n");
  });
});

describe("kubectl edit", () => {
  it("patches what the editor saved and reopens with the server's complaint when invalid", async () => {
    const h = fresh();
    await h.run(["create", "service", "clusterip", "web", "--tcp=80"]);
    const seen: string[] = [];
    const r = await h.run(["edit", "svc", "web"], {
      edit: async (_file, text) => {
        seen.push(text);
        if (seen.length === 1) return text.replace("port: 80\n", "port: 70000\n");
        return text.replace("port: 70000\n", "port: 8080\n");
      },
    });
    expect(seen[0]).toMatch(/^# Please edit the object below\./);
    expect(seen[1]).toContain('# services "web" was not valid:\n# * spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive\n');
    expect(r.stdout).toBe("service/web edited\n");
    expect((await h.run(["get", "svc", "web", "-o", "jsonpath={.spec.ports[0].port}"])).stdout).toBe("8080");
  });
  it("cancels when nothing changed", async () => {
    const h = fresh();
    const r = await h.run(["edit", "ns", "default"], { edit: async (_f, text) => text });
    expect(r).toEqual({ stdout: "", stderr: "Edit cancelled, no changes made.\n", code: 0 });
  });
});

describe("completeKubectl", () => {
  const h = fresh();
  it.each([
    [["ge"], ["get"]],
    [["get", "svc"], ["svc"]],
    [["get", "deploy", ""], []],
    [["get", "svc", "-n", "kube-system", "kube"], ["kube-dns"]],
    [["get", "svc", "ku"], ["kubernetes"]],
    [["get", "svc", "--all-n"], ["--all-namespaces"]],
    [["-n", "kube-"], ["kube-node-lease", "kube-public", "kube-system"]],
    [["rollout", "re"], ["restart", "resume"]],
    [["logs", "-n", "kube-system", "etcd"], ["etcd-control-plane"]],
  ])("%j → %j", (words, want) => {
    expect(completeKubectl(words, h.cluster, "default")).toEqual(want);
  });
});

describe("bad input", () => {
  it("never throws and never returns an unexpected code, whatever the argv", async () => {
    const h = fresh();
    const word = fc.oneof(
      fc.constantFrom("get", "describe", "apply", "create", "delete", "-f", "-n", "-o", "--", "svc", "pods", "all", "-A", "yaml", "json", "-l", "x=y", "-", "jsonpath={", "--dry-run=client", "service", "clusterip", "run", "exec", "edit", "label", "a-", "patch", "-p", "{"),
      fc.string({ maxLength: 12 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(word, { maxLength: 6 }), async (argv) => {
        const r = await h.run(argv, { stdin: "garbage: [\n", attach: async () => 0 });
        expect([0, 1]).toContain(r.code);
      }),
      { numRuns: 2000 },
    );
    // The cluster still answers normally afterwards.
    expect((await h.run(["get", "svc", "kubernetes", "-o", "name"])).stdout).toBe("service/kubernetes\n");
  });
});

describe("list errors", () => {
  // Wording seen from the real kubectl v1.32 against `labnotes serve`: kubectl names the list
  // in front of the API server's BadRequest (cli-runtime EnhanceListError), quoting with %q.
  it.each([
    [["get", "pods", "--field-selector", "spec.foo=bar"], 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.foo=bar": field label not supported: spec.foo\n'],
    [["get", "deploy", "-A", "-l", "app=web", "--field-selector", "spec.x=1"], 'Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "app=web", field selector "spec.x=1": field label not supported: spec.x\n'],
    [["get", "pods", "-l", "a in"], 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "a in", field selector "": unable to parse requirement: "a in"\n'],
    [["delete", "pods", "--field-selector", "a@b"], 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "a@b": invalid selector: \'a@b\'; can\'t understand \'a@b\'\n'],
  ])("kubectl %j", async (argv, stderr) => {
    const r = await fresh().run(argv);
    expect(r).toMatchObject({ code: 1, stdout: "", stderr });
  });
});

describe("kubectl edit giving up", () => {
  it("stores a copy and says no valid changes were saved when the editor repeats an invalid file", async () => {
    const h = fresh();
    const r = await h.run(["edit", "svc", "kubernetes"], { edit: async (_f, text) => text.replace("port: 443\n", "port: 70000\n") });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: services "kubernetes" is invalid\nA copy of your changes has been stored to "\/tmp\/kubectl-edit-\d+\.yaml"\nerror: Edit cancelled, no valid changes were saved\.\n$/);
  });
});
