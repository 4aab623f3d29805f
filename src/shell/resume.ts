// What the kubectl line that opened a pod shell still has to do when that shell
// exits. Normally the suspended kubectl call does it itself; but a lab page
// reloaded inside the pod shell restores the shell without that call (a promise
// cannot be saved), so the session keeps this plain-data description instead and
// finishes the line the way kubectl would (src/kubectl/commands/pods.ts: run, exec).
import type { Cluster } from "../cluster/index.ts";
import type { AttachTarget } from "../kubectl/types.ts";

/** Serialisable: it is part of the session's saved nesting. */
export interface PendingKubectl {
  command: "run" | "exec";
  namespace: string;
  pod: string;
  /** `kubectl run --rm`: delete the pod once the shell ends. */
  rm?: boolean;
  tty?: boolean;
  /** The attached container and the command it ran (its end may be the container's end). */
  container: string;
  attached: string[];
}

function flagOn(words: readonly string[], flag: string): boolean {
  return words.some((w) => w === flag || w === `${flag}=true`);
}

/** The pending part of `kubectl <argv>` that attached to `target`, if it is a run or exec line. */
export function pendingFor(argv: readonly string[], target: AttachTarget): PendingKubectl | undefined {
  const dash = argv.indexOf("--");
  const words = dash < 0 ? argv : argv.slice(0, dash);
  const command = words.find((w) => w === "run" || w === "exec");
  if (!command) return undefined;
  return { command, namespace: target.namespace, pod: target.pod, container: target.container, attached: [...target.command], ...(flagOn(words, "--rm") ? { rm: true } : {}), ...(target.tty ? { tty: true } : {}) };
}

/** Finish the cut-off kubectl line after its shell exited with `code`: what it prints, and its status. */
export function finishPending(p: PendingKubectl, code: number, cluster: Cluster): { stdout: string; stderr: string; exitCode: number } {
  if (p.command === "exec") {
    return code === 0 ? { stdout: "", stderr: "", exitCode: 0 } : { stdout: "", stderr: `command terminated with exit code ${code}\n`, exitCode: code };
  }
  let stdout = "";
  let stderr = "";
  const ref = { group: "", resource: "pods", namespace: p.namespace, name: p.pod };
  const got = cluster.get(ref);
  const restart = got.ok ? ((got.value as { spec?: { restartPolicy?: string } }).spec?.restartPolicy ?? "Always") : "Always";
  if (restart === "Always" && p.tty) stdout += `Session ended, resume using 'kubectl attach ${p.pod} -c ${p.pod} -i -t' command when the pod is running\n`;
  if (p.rm && cluster.delete(ref, {}).ok) stdout += `pod "${p.pod}" deleted\n`;
  if (code !== 0 && restart === "Never") {
    stderr += `pod ${p.namespace}/${p.pod} terminated (Error)\n`;
    return { stdout, stderr, exitCode: code };
  }
  return { stdout, stderr, exitCode: 0 };
}
