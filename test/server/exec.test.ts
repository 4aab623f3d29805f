// pods/exec over WebSocket, spoken by a plain ws client (the framing) and, where it is
// installed, by the real kubectl.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createCluster } from "../../src/cluster/index.ts";
import { kubeconfigYaml, startServer, type RunningServer } from "../../src/server/index.ts";

const POD = `apiVersion: v1
kind: Pod
metadata: {name: tools, namespace: default}
spec:
  containers:
  - name: shell
    image: nicolaka/netshoot
    command: ["sleep", "infinity"]
`;

let running: RunningServer;
beforeAll(async () => {
  running = await startServer({ cluster: createCluster(POD, { startTime: Date.now() }) });
});
afterAll(async () => {
  await running.close();
});

interface Frames {
  stdout: string;
  stderr: string;
  status?: { status: string; reason?: string; details?: { causes: { message: string }[] } };
  protocol: string;
}

function exec(query: string, opts: { protocols?: string[]; send?: (ws: WebSocket) => void } = {}): Promise<Frames> {
  return new Promise((resolve, reject) => {
    const url = `${running.url.replace("http", "ws")}/api/v1/namespaces/default/pods/tools/exec?${query}`;
    const ws = new WebSocket(url, opts.protocols ?? ["v5.channel.k8s.io", "v4.channel.k8s.io"]);
    const out: Frames = { stdout: "", stderr: "", protocol: "" };
    ws.on("open", () => {
      out.protocol = ws.protocol;
      opts.send?.(ws);
    });
    ws.on("message", (d: Buffer) => {
      const text = d.subarray(1).toString();
      if (d[0] === 1) out.stdout += text;
      else if (d[0] === 2) out.stderr += text;
      else if (d[0] === 3) out.status = JSON.parse(text);
    });
    ws.on("close", () => resolve(out));
    ws.on("error", reject);
  });
}

describe("exec over WebSocket", () => {
  it("runs a command and reports success on the status channel", async () => {
    const r = await exec("command=hostname&container=shell&stdout=true&stderr=true");
    expect(r.protocol).toBe("v5.channel.k8s.io");
    expect(r.stdout).toBe("tools\n");
    expect(r.status?.status).toBe("Success");
  });

  it("falls back to v4 and reports a non-zero exit code", async () => {
    const r = await exec("command=sh&command=-c&command=echo%20oops%20%3E%262%3B%20exit%203&container=shell&stdout=true&stderr=true", { protocols: ["v4.channel.k8s.io"] });
    expect(r.protocol).toBe("v4.channel.k8s.io");
    expect(r.stderr).toBe("oops\n");
    expect(r.status).toMatchObject({ status: "Failure", reason: "NonZeroExitCode", details: { causes: [{ message: "3" }] } });
  });

  it("feeds stdin until the client closes it (v5)", async () => {
    const r = await exec("command=wc&command=-l&container=shell&stdin=true&stdout=true&stderr=true", {
      send: (ws) => {
        ws.send(Buffer.from([0, ...Buffer.from("a\nb\nc\n")]));
        ws.send(Buffer.from([255, 0]));
      },
    });
    expect(r.stdout.trim()).toBe("3");
  });

  it("runs an interactive shell behind a terminal until exit", async () => {
    const r = await exec("command=sh&container=shell&stdin=true&stdout=true&tty=true", {
      send: (ws) => {
        ws.send(Buffer.from([0, ...Buffer.from("hostname\r")]));
        let seen = "";
        ws.on("message", (d: Buffer) => {
          seen += d.subarray(1).toString();
          if (seen.endsWith("tools\r\ntools:~# ")) ws.send(Buffer.from([0, ...Buffer.from("exit 2\r")]));
        });
      },
    });
    expect(r.stdout).toBe("tools:~# hostname\r\ntools\r\ntools:~# exit 2\r\n");
    expect(r.status?.details?.causes[0].message).toBe("2");
  });

  it("completes with Tab and recalls lines with the arrows", async () => {
    const r = await exec("command=sh&container=shell&stdin=true&stdout=true&tty=true", {
      send: (ws) => {
        const steps = ["echo one\r", "hostn\t\r", "\x1b[A\x1b[A\r", "exit\r"];
        let prompts = 0;
        ws.on("message", (d: Buffer) => {
          if (!d.subarray(1).toString().endsWith("tools:~# ")) return;
          const step = steps[prompts++];
          if (step) ws.send(Buffer.from([0, ...Buffer.from(step)]));
        });
      },
    });
    expect(r.stdout).toContain("hostname \r\ntools\r\n");
    // Two steps back from the completed line is `echo one`, run a second time.
    expect(r.stdout.split("one\r\n").length - 1).toBe(4);
  });

  it("refuses an unknown pod (404) or container (400) before upgrading", async () => {
    await expect(exec("command=ls").then(() => "upgraded", (e: Error) => e.message, )).resolves.toBe("upgraded");
    const nope = new Promise<string>((resolve) => {
      const ws = new WebSocket(`${running.url.replace("http", "ws")}/api/v1/namespaces/default/pods/nope/exec?command=ls`, ["v5.channel.k8s.io"]);
      ws.on("error", (e) => resolve(e.message));
    });
    expect(await nope).toContain("404");
    await expect(exec("command=ls&container=nope")).rejects.toThrow(/400/);
  });

  it("leaves no connection behind when clients drop mid-command", async () => {
    const sockets = await Promise.all(
      Array.from({ length: 50 }, () => new Promise<WebSocket>((resolve) => {
        const ws = new WebSocket(`${running.url.replace("http", "ws")}/api/v1/namespaces/default/pods/tools/exec?command=sh&container=shell&stdin=true&stdout=true&tty=true`, ["v5.channel.k8s.io"]);
        ws.on("open", () => resolve(ws));
      })),
    );
    expect(running.openStreams()).toBe(50);
    for (const ws of sockets) ws.terminate();
    const end = Date.now() + 5000;
    while (running.openStreams() > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(running.openStreams()).toBe(0);
  });
});

describe.skipIf(!existsSync("/usr/bin/kubectl"))("the real kubectl exec", () => {
  function kubectl(args: string[], stdin = ""): Promise<{ stdout: string; stderr: string; code: number | null }> {
    const dir = mkdtempSync(join(tmpdir(), "exec-kubectl-"));
    writeFileSync(join(dir, "config"), kubeconfigYaml({ server: running.url }));
    return new Promise((resolve) => {
      const child = spawn("/usr/bin/kubectl", args, { env: { HOME: dir, KUBECONFIG: join(dir, "config"), PATH: "/usr/bin:/bin" } });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d));
      child.stderr.on("data", (d: Buffer) => (stderr += d));
      child.on("close", (code) => resolve({ stdout, stderr, code }));
      child.stdin.end(stdin);
    });
  }

  it.each([
    [["exec", "tools", "--", "hostname"], "", { stdout: "tools\n", stderr: "", code: 0 }],
    [["exec", "tools", "--", "sh", "-c", "exit 7"], "", { stdout: "", stderr: "command terminated with exit code 7\n", code: 7 }],
    [["exec", "-i", "tools", "--", "cat"], "piped\n", { stdout: "piped\n", stderr: "", code: 0 }],
    [["exec", "nope", "--", "ls"], "", { stdout: "", stderr: 'Error from server (NotFound): pods "nope" not found\n', code: 1 }],
  ])("kubectl %j", async (args, stdin, expected) => {
    expect(await kubectl(args, stdin)).toEqual(expected);
  });
});
