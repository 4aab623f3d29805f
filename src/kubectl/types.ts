// What kubectl needs from the session that runs it. kubectl itself is pure:
// it reads and writes the cluster through the public API and writes text.
import type { Cluster } from "../cluster/index.ts";

export interface KubectlFs {
  /** Absolute or cwd-relative path; undefined when it does not exist. */
  readFile(path: string): Promise<string | undefined>;
  writeFile(path: string, content: string): Promise<void>;
  isDirectory(path: string): Promise<boolean>;
  readdir(path: string): Promise<string[]>;
  resolvePath(path: string): string;
}

/** A shell to enter inside a pod, for `kubectl run -it` and `kubectl exec -it`. */
export interface AttachTarget {
  namespace: string;
  pod: string;
  container: string;
  /** The command after `--`: ["bash"], ["sh", "-c", "..."]. */
  command: string[];
  tty: boolean;
  stdin: boolean;
}

export interface KubectlContext {
  cluster: Cluster;
  stdin: string;
  stdout(text: string): void;
  stderr(text: string): void;
  fs: KubectlFs;
  env: Record<string, string>;
  /** The kubeconfig's current namespace, changed by `kubectl config set-context --current --namespace`. */
  kubeconfig: { namespace: string; context: string; cluster: string; user: string };
  setNamespace(ns: string): void;
  /** Open an editor on `text` (kubectl edit). Resolves to the saved text, or null when the editor quit without saving. */
  edit(fileName: string, text: string): Promise<string | null>;
  /** Run a command (or enter an interactive shell) in a container; resolves to its exit code. */
  attach(target: AttachTarget): Promise<number>;
  signal?: AbortSignal;
}

export type Kubectl = (argv: string[], ctx: KubectlContext) => Promise<number>;
