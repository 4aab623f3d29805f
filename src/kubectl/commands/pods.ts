// Commands that reach into pods: run, exec, logs (attach goes through the session).
import type { KObject, LogOptions } from "../../cluster/index.ts";
import { parseGoDuration } from "../cli/duration.ts";
import { everySecondUntilInterrupted } from "./watch.ts";
import { CmdError, StatusError, requiredFlagError, usageError } from "../cli/errors.ts";
import type { Invocation } from "../cli/invocation.ts";
import { objectOutputFormat, printObjects } from "../printing.ts";
import { getObject, listObjects, refFor, resolveType } from "../resources.ts";
import { createGenerated, dryRunOf, successLine } from "../writes.ts";
import { meta } from "./generators.ts";

type Json = Record<string, unknown>;

function containersOf(pod: KObject): string[] {
  return ((pod.spec as { containers?: { name: string }[] } | undefined)?.containers ?? []).map((c) => c.name);
}

/** Pick the container: -c, else the default-container annotation or the first (saying so when there are several). */
function chooseContainer(inv: Invocation, pod: KObject): string {
  const names = containersOf(pod);
  // Init containers can be named too (kubectl logs POD -c INIT).
  const inits = ((pod.spec as { initContainers?: { name: string }[] } | undefined)?.initContainers ?? []).map((c) => c.name);
  if (inv.str("container")) {
    if (![...names, ...inits].includes(inv.str("container"))) {
      const text = `container ${inv.str("container")} is not valid for pod ${pod.metadata.name}`;
      // exec learns it from the server (BadRequest); logs checks it itself.
      throw inv.path === "exec" ? new CmdError(text, 1, `Error from server (BadRequest): ${text}\n`) : new CmdError(text);
    }
    return inv.str("container");
  }
  const annotated = pod.metadata.annotations?.["kubectl.kubernetes.io/default-container"];
  const chosen = annotated && names.includes(annotated) ? annotated : names[0] ?? "";
  if (names.length > 1 && !annotated && !inv.bool("quiet")) inv.err(`Defaulted container "${chosen}" out of: ${names.join(", ")}\n`);
  return chosen;
}

/** POD or TYPE/NAME → the pod (for a workload: its first pod by name). */
function podFor(inv: Invocation, arg: string): KObject {
  if (!arg.includes("/")) return getObject(inv, resolveType(inv, "pods"), arg);
  const [type, name] = arg.split("/");
  const info = resolveType(inv, type!);
  const obj = getObject(inv, info, name!);
  if (info.resource === "pods") return obj;
  const spec = obj.spec as { selector?: { matchLabels?: Record<string, string> } | Record<string, string> } | undefined;
  const sel = spec?.selector && "matchLabels" in spec.selector ? (spec.selector.matchLabels as Record<string, string>) : (spec?.selector as Record<string, string> | undefined);
  const selector = Object.entries(sel ?? {}).map(([k, v]) => `${k}=${v}`).join(",");
  const pods = listObjects(inv, resolveType(inv, "pods"), { labelSelector: selector });
  if (pods.length === 0) throw new CmdError(`timed out waiting for the condition`);
  if (pods.length > 1 && inv.path === "logs") inv.err(`Found ${pods.length} pods, using pod/${pods[0]!.metadata.name}\n`);
  return pods[0]!;
}

export async function exec(inv: Invocation): Promise<number> {
  if (inv.args.length === 0 && inv.list("filename").length === 0) throw new CmdError("pod, type/name or --filename must be specified");
  if (inv.args.length > 1) throw usageError("exec", "exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead");
  const command = inv.dashArgs;
  if (command.length === 0) throw new CmdError("you must specify at least one command for the container");
  const pod = podFor(inv, inv.args[0]!);
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (phase === "Succeeded" || phase === "Failed") throw new CmdError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const container = chooseContainer(inv, pod);
  const code = await inv.ctx.attach({
    namespace: pod.metadata.namespace ?? inv.namespace,
    pod: pod.metadata.name ?? "",
    container,
    command,
    tty: inv.bool("tty"),
    stdin: inv.bool("stdin"),
  });
  if (code !== 0) throw new CmdError(`command terminated with exit code ${code}`, code, `command terminated with exit code ${code}\n`);
  return 0;
}

/** PodLogOptions from the flags: -p, --timestamps, --since / --since-time. */
function logOptions(inv: Invocation): LogOptions {
  const since = inv.str("since");
  const ms = since && since !== "0s" ? parseGoDuration(since) : 0;
  return {
    ...(inv.bool("previous") ? { previous: true } : {}),
    ...(inv.bool("timestamps") ? { timestamps: true } : {}),
    ...(ms > 0 ? { sinceSeconds: Math.ceil(ms / 1000) } : {}),
    ...(inv.str("since-time") ? { sinceTime: inv.str("since-time") } : {}),
  };
}

export async function logs(inv: Invocation): Promise<number> {
  if (inv.args.length === 0 && !inv.str("selector")) {
    throw new CmdError("logs", 1, "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n");
  }
  let pods: KObject[];
  try {
    pods = inv.args.length > 0 ? [podFor(inv, inv.args[0]!)] : listObjects(inv, resolveType(inv, "pods"), { labelSelector: inv.str("selector") });
  } catch (e) {
    // logs words a missing pod its own way, namespace included.
    if (e instanceof StatusError && e.status.reason === "NotFound" && !inv.args[0]!.includes("/")) {
      throw new CmdError(`error from server (NotFound): pods "${inv.args[0]}" not found in namespace "${inv.namespace}"`);
    }
    throw e;
  }
  if (inv.args.length > 1 && !inv.str("container")) {
    // `kubectl logs POD CONTAINER` is the old form of -c.
    inv.parsed.values.set("container", [inv.args[1]!]);
  }
  const streams: { ns: string; pod: string; container: string | undefined; prefix: string; seen: number }[] = [];
  for (const pod of pods) {
    const container = inv.bool("all-containers") ? undefined : chooseContainer(inv, pod);
    const ns = pod.metadata.namespace ?? inv.namespace;
    const r = inv.cluster.logs(ns, pod.metadata.name ?? "", container, logOptions(inv));
    if (!r.ok) throw new StatusError(r.status);
    let lines = r.value.split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    // With a selector the default --tail is 10 (logs.go), otherwise everything.
    const tail = inv.has("tail") ? inv.int("tail") : inv.args.length === 0 ? 10 : -1;
    if (tail >= 0) lines = lines.slice(Math.max(0, lines.length - tail));
    const prefix = inv.bool("prefix") ? `[pod/${pod.metadata.name}/${container ?? ""}] ` : "";
    if (lines.length > 0) inv.out(lines.map((l) => prefix + l + "\n").join(""));
    streams.push({ ns, pod: pod.metadata.name ?? "", container, prefix, seen: r.value.length });
  }
  if (inv.bool("follow")) await follow(inv, streams);
  return 0;
}

/**
 * -f: print what the containers write from now on. In the browser a second of virtual time
 * passes per real second until Ctrl-C; headless, the cluster runs until it has settled and
 * the stream ends there (see watch.ts for the same rule).
 */
async function follow(inv: Invocation, streams: { ns: string; pod: string; container: string | undefined; prefix: string; seen: number }[]): Promise<void> {
  const flush = () => {
    for (const s of streams) {
      const r = inv.cluster.logs(s.ns, s.pod, s.container, logOptions(inv));
      if (!r.ok || r.value.length <= s.seen) continue;
      const fresh = r.value.slice(s.seen);
      s.seen = r.value.length;
      inv.out(fresh.split("\n").filter((l, i, all) => i < all.length - 1 || l !== "").map((l) => s.prefix + l + "\n").join(""));
    }
  };
  const signal = inv.ctx.signal;
  if (!signal) {
    inv.cluster.settle();
    flush();
    return;
  }
  await everySecondUntilInterrupted(inv, signal, flush);
}

/** The pod `kubectl run` builds (BasicPod generator), in Go struct order. */
export function runPod(inv: Invocation, name: string): KObject {
  const labels: Record<string, string> = {};
  if (inv.str("labels")) for (const kv of inv.str("labels").split(",")) labels[kv.split("=")[0]!] = kv.split("=").slice(1).join("=");
  else labels.run = name;
  const container: Json = { name, image: inv.str("image") };
  const args = inv.dashArgs;
  if (args.length > 0) container[inv.bool("command") ? "command" : "args"] = args;
  if (inv.str("port")) {
    // run parses --port with strconv.Atoi before building anything.
    if (!/^[+-]?\d+$/.test(inv.str("port"))) throw new CmdError(`strconv.Atoi: parsing ${JSON.stringify(inv.str("port"))}: invalid syntax`);
    container.ports = [{ containerPort: Number(inv.str("port")) }];
  }
  const env = inv.all("env").map((e) => ({ name: e.split("=")[0]!, value: e.split("=").slice(1).join("=") }));
  if (env.length > 0) container.env = env;
  container.resources = {};
  if (inv.str("image-pull-policy")) container.imagePullPolicy = inv.str("image-pull-policy");
  if (inv.bool("stdin")) {
    container.stdin = true;
    container.stdinOnce = true;
  }
  if (inv.bool("tty")) container.tty = true;
  const m = meta(name, inv.explicitNamespace ? inv.namespace : undefined, labels);
  const ann = inv.all("annotations");
  if (ann.length > 0) m.annotations = Object.fromEntries(ann.map((a) => [a.split("=")[0]!, a.split("=").slice(1).join("=")]));
  const restart = inv.str("restart") || "Always";
  return { kind: "Pod", apiVersion: "v1", metadata: m, spec: { containers: [container], restartPolicy: restart, dnsPolicy: "ClusterFirst" }, status: {} };
}

export async function run(inv: Invocation): Promise<number> {
  if (!inv.str("image")) throw requiredFlagError(inv.cluster.now(), ["image"]);
  if (inv.args.length === 0) throw usageError("run", "NAME is required for run");
  const name = inv.args[0]!;
  const attach = inv.bool("attach") || inv.bool("stdin");
  if (inv.bool("rm") && !attach) throw usageError("run", "--rm should only be used for attached containers");
  const restart = inv.str("restart") || "Always";
  if (!["Always", "OnFailure", "Never"].includes(restart)) throw usageError("run", `invalid restart policy: ${restart}`);
  if (inv.bool("expose") && !inv.str("port")) throw usageError("run", "--port must be set when exposing a service");
  const dry = dryRunOf(inv);
  if (dry !== "none" && (attach || inv.bool("tty"))) {
    throw usageError("run", "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
  }
  const fmt = await objectOutputFormat(inv);
  const pod = runPod(inv, name);
  const podInfo = resolveType(inv, "pods");
  // --expose creates a Service selecting the pod first; kubectl's YAML printer then
  // separates the two documents with two `---` lines.
  let prefix = "";
  if (inv.bool("expose")) {
    const port = Number(inv.str("port"));
    const svc: KObject = {
      kind: "Service",
      apiVersion: "v1",
      metadata: meta(name, inv.explicitNamespace ? inv.namespace : undefined),
      spec: { ports: [{ port, protocol: "TCP", targetPort: port }], selector: pod.metadata.labels },
      status: { loadBalancer: {} },
    };
    const shown = createGenerated(inv, svc, dry);
    const svcInfo = resolveType(inv, "services");
    prefix = fmt ? printObjects([shown], fmt, { single: true, serverObjects: dry !== "client" }) + (fmt.kind === "yaml" ? "---\n---\n" : "") : successLine(svcInfo, name, "created", dry);
  }
  if (dry === "client") {
    inv.out(prefix + (fmt ? printObjects([pod], fmt, { single: true, serverObjects: false }) : successLine(podInfo, name, "created", dry)));
    return 0;
  }
  const created = createGenerated(inv, pod, dry);
  if (!attach) {
    inv.out(prefix + (fmt ? printObjects([created], fmt, { single: true, serverObjects: true }) : successLine(podInfo, name, "created", dry)));
    return 0;
  }
  inv.out(prefix);
  // Waiting for the pod to start is virtual time passing.
  inv.cluster.settle(60_000);
  // attach.go prints this whenever it attaches, TTY or not, unless --quiet.
  if (!inv.bool("quiet")) inv.err("If you don't see a command prompt, try pressing enter.\n");
  const code = await inv.ctx.attach({ namespace: inv.namespace, pod: name, container: name, command: inv.dashArgs, tty: inv.bool("tty"), stdin: inv.bool("stdin") });
  if (restart === "Always" && inv.bool("tty")) {
    inv.out(`Session ended, resume using 'kubectl attach ${name} -c ${name} -i -t' command when the pod is running\n`);
  }
  if (inv.bool("rm")) {
    const d = inv.cluster.delete(refFor(podInfo, name, inv.namespace), {});
    if (d.ok) inv.out(`pod "${name}" deleted\n`);
  }
  if (code !== 0 && restart === "Never") {
    inv.err(`pod ${inv.namespace}/${name} terminated (Error)\n`);
    return code;
  }
  return 0;
}
