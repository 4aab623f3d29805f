// Runs one command line twice on the same state: the real /usr/bin/kubectl against
// `labnotes serve`, and our simulated kubectl in-process on a copy of that state.
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createCluster, restoreCluster, type Cluster } from "../../src/cluster/index.ts";
import { startServer, kubeconfigYaml, KUBECONFIG_NAMES, type RunningServer } from "../../src/server/index.ts";
import { kubectl } from "../../src/kubectl/index.ts";
import type { KubectlContext } from "../../src/kubectl/types.ts";

export const REAL_KUBECTL = process.env.REAL_KUBECTL ?? "/usr/bin/kubectl";

export interface Outcome {
  stdout: string;
  stderr: string;
  code: number;
}

export interface Case {
  /** The command line after `kubectl`, shell-quoted. */
  cmd: string;
  stdin?: string;
  /** Files written to the working directory before both runs. */
  files?: Record<string, string>;
}

/** Split a command line the way a POSIX shell would for simple quoting ('…', "…", \x). */
export function splitArgs(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      cur += line.slice(i + 1, end < 0 ? line.length : end);
      i = end < 0 ? line.length : end;
      inWord = true;
    } else if (c === '"') {
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === "\\" && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) i++;
        cur += line[i++];
      }
      inWord = true;
    } else if (c === "\\" && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (c === " " || c === "\t") {
      if (inWord) out.push(cur);
      cur = "";
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

export interface Oracle {
  cluster: Cluster;
  server: RunningServer;
  workdir: string;
  run(c: Case): Promise<{ real: Outcome; ours: Outcome }>;
  close(): Promise<void>;
}

export async function startOracle(scenarioYaml: string): Promise<Oracle> {
  // Objects are made 15 minutes old, so ages print in whole minutes ("15m") and the
  // real kubectl's wall-clock ages (describe's Events) match ours despite run timing.
  const cluster = createCluster(scenarioYaml, { startTime: Date.now() - 10 * 60_000 });
  cluster.advance(Date.now() - cluster.now());
  // Time moves only on sync() and while a watch is open (kubectl delete --wait), so
  // both kubectls see the very same instant.
  const server = await startServer({ cluster, clock: "watches" });
  const root = mkdtempSync(join(tmpdir(), "labnotes-conformance-"));
  const home = join(root, "home");
  const workdir = join(root, "work");
  mkdirSync(home);
  mkdirSync(workdir);
  const kubeconfigPath = join(root, "kubeconfig");
  writeFileSync(kubeconfigPath, kubeconfigYaml({ server: server.url }));

  // Stdin is a file, as a heredoc is in bash: kubectl can then also open it as /dev/stdin (a socket, Node's default, cannot be opened).
  const stdinPath = join(root, "stdin");
  const runReal = (args: string[], stdin: string): Promise<Outcome> =>
    new Promise((done) => {
      writeFileSync(stdinPath, stdin);
      const stdinFd = openSync(stdinPath, "r");
      const child = spawn(REAL_KUBECTL, args, {
        stdio: [stdinFd, "pipe", "pipe"],
        cwd: workdir,
        env: { HOME: home, KUBECONFIG: kubeconfigPath, PATH: "/usr/bin:/bin", LANG: "C.UTF-8", KUBECTL_COMMAND_HEADERS: "false" },
      });
      let stdout = "";
      let stderr = "";
      child.stdout!.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
      child.stderr!.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      child.on("close", (code) => {
        clearTimeout(timer);
        closeSync(stdinFd);
        done({ stdout, stderr, code: code ?? -1 });
      });
    });

  const runOurs = async (state: Cluster, args: string[], stdin: string): Promise<Outcome> => {
    let stdout = "";
    let stderr = "";
    const kubeconfig = { namespace: "default", ...KUBECONFIG_NAMES };
    const abs = (p: string) => resolve(workdir, p);
    const ctx: KubectlContext = {
      cluster: state,
      stdin,
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      env: { HOME: home, KUBECONFIG: kubeconfigPath },
      kubeconfig,
      setNamespace: (ns) => void (kubeconfig.namespace = ns),
      fs: {
        readFile: async (p) => (existsSync(abs(p)) && !statSync(abs(p)).isDirectory() ? readFileSync(abs(p), "utf8") : undefined),
        writeFile: async (p, content) => writeFileSync(abs(p), content),
        isDirectory: async (p) => existsSync(abs(p)) && statSync(abs(p)).isDirectory(),
        readdir: async (p) => readdirSync(abs(p)).sort(),
        resolvePath: abs,
      },
      edit: async () => null,
      attach: async () => 0,
    };
    let code: number;
    try {
      code = await kubectl(args, ctx);
    } catch (e) {
      stderr += `[uncaught] ${e instanceof Error ? e.stack : String(e)}\n`;
      code = -2;
    }
    return { stdout, stderr, code };
  };

  return {
    cluster,
    server,
    workdir,
    async run(c) {
      for (const [name, text] of Object.entries(c.files ?? {})) writeFileSync(join(workdir, name), text);
      const args = splitArgs(c.cmd);
      server.sync();
      // Our kubectl gets a copy of the state the real one is about to see.
      const copy = restoreCluster(cluster.snapshot());
      const real = await runReal(args, c.stdin ?? "");
      const ours = await runOurs(copy, args, c.stdin ?? "");
      return { real, ours };
    },
    async close() {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
