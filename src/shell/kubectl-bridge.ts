// kubectl as a just-bash command: its KubectlContext reads files from the shell's
// virtual filesystem and its output goes through the shell, so pipes and
// redirections work (`kubectl get pods -o json | jq …`).
import { decodeBytesToUtf8, defineCommand, type CustomCommand } from "just-bash";
import type { Cluster } from "../cluster/index.ts";
import type { AttachTarget, Kubectl, KubectlContext } from "../kubectl/types.ts";
import { CommandOutput, type Direct } from "./output.ts";

export interface Kubeconfig {
  namespace: string;
  context: string;
  cluster: string;
  user: string;
}

/** kubeadm's admin.conf names. */
export function defaultKubeconfig(): Kubeconfig {
  return { namespace: "default", context: "kubernetes-admin@kubernetes", cluster: "kubernetes", user: "kubernetes-admin" };
}


export interface KubectlBridgeDeps {
  cluster: Cluster;
  kubectl: Kubectl;
  kubeconfig: Kubeconfig;
  /** Open the host's full-screen editor; null when quit without saving. */
  edit(fileName: string, text: string): Promise<string | null>;
  attach(target: AttachTarget, io: { output: CommandOutput; stdin: string; signal?: AbortSignal; argv: readonly string[] }): Promise<number>;
  /** Set while the current line's output can go straight to the terminal. */
  sink(): Direct;
}

export function kubectlCommand(deps: KubectlBridgeDeps): CustomCommand {
  return defineCommand("kubectl", async (args, ctx) => {
    const output = new CommandOutput(deps.sink());
    const env: Record<string, string> = { ...(ctx.exportedEnv ?? {}) };
    const stdin = decodeBytesToUtf8(ctx.stdin);
    const resolve = (p: string) => ctx.fs.resolvePath(ctx.cwd, p);
    const kctx: KubectlContext = {
      cluster: deps.cluster,
      stdin,
      // Ctrl-C kills kubectl itself: once the line is interrupted it prints nothing more
      // (no "command terminated with exit code 130" after an interrupted exec).
      stdout: (t) => void (ctx.signal?.aborted || output.out(t)),
      stderr: (t) => void (ctx.signal?.aborted || output.err(t)),
      env,
      kubeconfig: deps.kubeconfig,
      setNamespace: (ns) => void (deps.kubeconfig.namespace = ns),
      fs: {
        readFile: async (p) => {
          try {
            const full = resolve(p);
            if ((await ctx.fs.stat(full)).isDirectory) return undefined;
            return await ctx.fs.readFile(full);
          } catch {
            return undefined;
          }
        },
        writeFile: (p, content) => ctx.fs.writeFile(resolve(p), content),
        isDirectory: async (p) => {
          try {
            return (await ctx.fs.stat(resolve(p))).isDirectory;
          } catch {
            return false;
          }
        },
        readdir: async (p) => {
          try {
            return await ctx.fs.readdir(resolve(p));
          } catch {
            return [];
          }
        },
        resolvePath: resolve,
      },
      edit: async (fileName, text) => {
        const run = async (cmd: string) => {
          if (!ctx.exec) return 127;
          const r = await ctx.exec(cmd, { cwd: ctx.cwd, signal: ctx.signal });
          output.out(r.stdout);
          output.err(r.stderr);
          return r.exitCode;
        };
        const path = fileName.startsWith("/") ? fileName : `/tmp/${fileName}`;
        const editor = env.KUBE_EDITOR || env.EDITOR;
        // A scripted editor (`KUBE_EDITOR="sed -i s/a/b/"`) edits the file in place, as with real kubectl.
        if (!editor) return deps.edit(path, text);
        await ctx.fs.mkdir("/tmp", { recursive: true });
        await ctx.fs.writeFile(path, text);
        if ((await run(`${editor} '${path.replace(/'/g, "'\\''")}'`)) !== 0) return null;
        try {
          return await ctx.fs.readFile(path);
        } catch {
          return null;
        }
      },
      attach: (target) => deps.attach(target, { output, stdin, signal: ctx.signal, argv: args }),
      signal: ctx.signal,
    };
    let exitCode: number;
    try {
      exitCode = await deps.kubectl(args, kctx);
    } catch (e) {
      output.err(`error: ${e instanceof Error ? e.message : String(e)}\n`);
      exitCode = 1;
    }
    return { stdout: output.stdout, stderr: output.stderr, exitCode };
  });
}
