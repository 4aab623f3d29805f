// Driving a session in tests: a transcript recorder and a stand-in kubectl that
// only knows `exec [-it] POD -- CMD` (the real one is tested in src/kubectl).
import type { Cluster } from "../../src/cluster/index.ts";
import type { Kubectl } from "../../src/kubectl/types.ts";
import { createSession } from "../../src/shell/session.ts";

export const execOnlyKubectl: Kubectl = async (argv, ctx) => {
  if (argv[0] !== "exec") {
    ctx.stderr(`fake kubectl: ${argv.join(" ")}\n`);
    return 1;
  }
  const dash = argv.indexOf("--");
  const flags = argv.slice(1, dash);
  const interactive = flags.includes("-it") || flags.includes("-ti");
  const pod = flags.filter((f) => !f.startsWith("-"))[0];
  const code = await ctx.attach({ namespace: ctx.kubeconfig.namespace, pod, container: pod, command: argv.slice(dash + 1), tty: interactive, stdin: interactive });
  if (code !== 0 && !interactive) ctx.stderr(`command terminated with exit code ${code}\n`);
  return code;
};

export interface Recorded {
  session: ReturnType<typeof createSession>;
  out(): string;
  err(): string;
  /** Both streams in order, as a terminal shows them. */
  screen(): string;
  clear(): void;
  /** Run a line and return what it printed to stdout, stderr and its status. */
  line(text: string): Promise<{ stdout: string; stderr: string; code: number }>;
}

export function record(cluster: Cluster, kubectl: Kubectl = execOnlyKubectl): Recorded {
  let out = "";
  let err = "";
  let screen = "";
  const session = createSession({
    cluster,
    kubectl,
    host: {
      write: (t, s) => {
        if (s === "stdout") out += t;
        else err += t;
        screen += t;
      },
    },
  });
  const r: Recorded = {
    session,
    out: () => out,
    err: () => err,
    screen: () => screen,
    clear: () => void (out = err = screen = ""),
    line: async (text) => {
      r.clear();
      const code = await session.run(text);
      return { stdout: out, stderr: err, code };
    },
  };
  return r;
}

/** A session already inside `pod` (kubectl exec -it POD -- SHELL). */
export async function inPod(cluster: Cluster, pod: string, shell = "bash"): Promise<Recorded> {
  const r = record(cluster);
  await r.line(`kubectl exec -it ${pod} -- ${shell}`);
  return r;
}
