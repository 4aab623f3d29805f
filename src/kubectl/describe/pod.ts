// describePod and the container/volume sections shared with pod templates (describe.go).
import type { KObject } from "../../cluster/index.ts";
import { humanDuration } from "../../cluster/index.ts";
import { arr, controllerOf, num, obj, str, type DescribeContext, type Json } from "./context.ts";
import { DescribeWriter, finish, printAnnotations, printLabels, rfc1123z } from "./writer.ts";

function portList(ports: Json[], field: "containerPort" | "hostPort"): string {
  return ports.map((p) => `${num(p[field])}/${str(p.protocol) || "TCP"}`).join(", ");
}

function describeState(w: DescribeWriter, name: string, state: Json): void {
  if (state.running) {
    w.write(2, `${name}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(str(obj(state.running).startedAt))}\n`);
  } else if (state.waiting) {
    w.write(2, `${name}:\tWaiting\n`);
    if (str(obj(state.waiting).reason)) w.write(3, `Reason:\t${str(obj(state.waiting).reason)}\n`);
  } else if (state.terminated) {
    const t = obj(state.terminated);
    w.write(2, `${name}:\tTerminated\n`);
    if (str(t.reason)) w.write(3, `Reason:\t${str(t.reason)}\n`);
    if (str(t.message)) w.write(3, `Message:\t${str(t.message)}\n`);
    w.write(3, `Exit Code:\t${num(t.exitCode)}\n`);
    if (num(t.signal) > 0) w.write(3, `Signal:\t${num(t.signal)}\n`);
    w.write(3, `Started:\t${rfc1123z(str(t.startedAt))}\n`);
    w.write(3, `Finished:\t${rfc1123z(str(t.finishedAt))}\n`);
  } else {
    w.write(2, `${name}:\tWaiting\n`);
  }
}

function describeResources(w: DescribeWriter, res: Json): void {
  for (const kind of ["limits", "requests"] as const) {
    const r = obj(res[kind]);
    const keys = Object.keys(r).sort();
    if (keys.length === 0) continue;
    w.write(2, `${kind === "limits" ? "Limits" : "Requests"}:\n`);
    for (const k of keys) w.write(3, `${k}:\t${str(r[k])}\n`);
  }
}

function describeProbe(w: DescribeWriter, label: string, probe: unknown): void {
  if (!probe) return;
  const p = obj(probe);
  // Raw values: the API server has already defaulted them (0 stays 0 if it did not).
  const attrs = `delay=${num(p.initialDelaySeconds)}s timeout=${num(p.timeoutSeconds)}s period=${num(p.periodSeconds)}s #success=${num(p.successThreshold)} #failure=${num(p.failureThreshold)}`;
  let what = "unknown";
  if (p.httpGet) {
    const h = obj(p.httpGet);
    what = `http-get ${(str(h.scheme) || "HTTP").toLowerCase()}://${str(h.host)}:${str(h.port)}${str(h.path)}`;
  } else if (p.tcpSocket) what = `tcp-socket ${str(obj(p.tcpSocket).host)}:${str(obj(p.tcpSocket).port)}`;
  else if (p.exec) what = `exec [${(obj(p.exec).command as string[] | undefined ?? []).join(" ")}]`;
  w.write(2, `${label}:\t${what} ${attrs}\n`);
}

/** The downward-API value of a fieldRef, as kubectl resolves it for a running pod. */
function fieldValue(pod: KObject, path: string): string {
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (m) return (m[1] === "labels" ? pod.metadata.labels : pod.metadata.annotations)?.[m[2]!] ?? "";
  switch (path) {
    case "metadata.name":
      return pod.metadata.name ?? "";
    case "metadata.namespace":
      return pod.metadata.namespace ?? "";
    case "metadata.uid":
      return pod.metadata.uid ?? "";
    case "spec.nodeName":
      return str(obj(pod.spec).nodeName);
    case "spec.serviceAccountName":
      return str(obj(pod.spec).serviceAccountName);
    case "status.podIP":
      return str(obj(pod.status).podIP);
    case "status.hostIP":
      return str(obj(pod.status).hostIP);
  }
  return "";
}

export function describeContainers(w: DescribeWriter, label: string, containers: Json[], statuses: Json[] | null, space: string, pod?: KObject): void {
  if (containers.length === 0) {
    w.write(0, `${space}${label}: <none>\n`);
    return;
  }
  w.write(0, `${space}${label}:\n`);
  for (const c of containers) {
    const st = statuses?.find((s) => str(s.name) === str(c.name));
    w.write(1, `${space ? " " : ""}${str(c.name)}:\n`);
    if (st) w.write(2, `Container ID:\t${str(st.containerID)}\n`);
    w.write(2, `Image:\t${str(c.image)}\n`);
    if (st) w.write(2, `Image ID:\t${str(st.imageID)}\n`);
    const ports = arr(c.ports);
    const portText = portList(ports, "containerPort");
    w.write(2, portText.includes(",") ? `Ports:\t${portText}\n` : `Port:\t${portText || "<none>"}\n`);
    const hostText = portList(ports, "hostPort");
    w.write(2, hostText.includes(",") ? `Host Ports:\t${hostText}\n` : `Host Port:\t${hostText || "<none>"}\n`);
    for (const [field, title] of [["command", "Command"], ["args", "Args"]] as const) {
      const list = (c[field] as string[] | undefined) ?? [];
      if (list.length === 0) continue;
      w.write(2, `${title}:\n`);
      for (const item of list) for (const s of String(item).split("\n")) w.write(3, `${s}\n`);
    }
    if (st) {
      describeState(w, "State", obj(st.state));
      if (obj(st.lastState).terminated) describeState(w, "Last State", obj(st.lastState));
      w.write(2, `Ready:\t${st.ready === true ? "True" : "False"}\n`);
      w.write(2, `Restart Count:\t${num(st.restartCount)}\n`);
    }
    describeResources(w, obj(c.resources));
    describeProbe(w, "Liveness", c.livenessProbe);
    describeProbe(w, "Readiness", c.readinessProbe);
    describeProbe(w, "Startup", c.startupProbe);
    const env = arr(c.env);
    w.write(2, `Environment:${env.length === 0 ? "\t<none>" : ""}\n`);
    for (const e of env) {
      if (e.valueFrom) {
        const vf = obj(e.valueFrom);
        if (vf.fieldRef) {
          const ref = obj(vf.fieldRef);
          w.write(3, `${str(e.name)}:\t${pod ? fieldValue(pod, str(ref.fieldPath)) : ""} (${str(ref.apiVersion)}:${str(ref.fieldPath)})\n`);
        }
        else if (vf.configMapKeyRef) w.write(3, `${str(e.name)}:\t<set to the key '${str(obj(vf.configMapKeyRef).key)}' of config map '${str(obj(vf.configMapKeyRef).name)}'>\tOptional: ${obj(vf.configMapKeyRef).optional === true}\n`);
        else if (vf.secretKeyRef) w.write(3, `${str(e.name)}:\t<set to the key '${str(obj(vf.secretKeyRef).key)}' in secret '${str(obj(vf.secretKeyRef).name)}'>\tOptional: ${obj(vf.secretKeyRef).optional === true}\n`);
        continue;
      }
      str(e.value).split("\n").forEach((s, i) => w.write(3, i === 0 ? `${str(e.name)}:\t${s}\n` : `\t${s}\n`));
    }
    const mounts = [...arr(c.volumeMounts)].sort((a, b) => (str(a.mountPath) < str(b.mountPath) ? -1 : 1));
    w.write(2, `Mounts:${mounts.length === 0 ? "\t<none>" : ""}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly === true ? "ro" : "rw"];
      if (str(m.subPath)) flags.push(`path=${JSON.stringify(str(m.subPath))}`);
      w.write(3, `${str(m.mountPath)} from ${str(m.name)} (${flags.join(",")})\n`);
    }
  }
}

export function describeVolumes(w: DescribeWriter, volumes: Json[], space: string): void {
  if (volumes.length === 0) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(1, `${space ? " " : ""}${str(v.name)}:\n`);
    if (v.projected) {
      w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
      for (const s of arr(obj(v.projected).sources)) {
        if (s.secret) w.write(2, `SecretName:\t${str(obj(s.secret).name)}\n    SecretOptionalName:\t<nil>\n`);
        else if (s.downwardAPI) w.write(2, "DownwardAPI:\ttrue\n");
        else if (s.configMap) w.write(2, `ConfigMapName:\t${str(obj(s.configMap).name)}\n    ConfigMapOptional:\t<nil>\n`);
        else if (s.serviceAccountToken) w.write(2, `TokenExpirationSeconds:\t${num(obj(s.serviceAccountToken).expirationSeconds)}\n`);
      }
    } else if (v.configMap) {
      w.write(2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n");
      w.write(2, `Name:\t${str(obj(v.configMap).name)}\n`);
      w.write(2, `Optional:\t${obj(v.configMap).optional === true}\n`);
    } else if (v.secret) {
      w.write(2, "Type:\tSecret (a volume populated by a Secret)\n");
      w.write(2, `SecretName:\t${str(obj(v.secret).secretName)}\n`);
      w.write(2, `Optional:\t${obj(v.secret).optional === true}\n`);
    } else if (v.emptyDir) {
      const e = obj(v.emptyDir);
      w.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n");
      w.write(2, `Medium:\t${str(e.medium)}\n`);
      w.write(2, `SizeLimit:\t${str(e.sizeLimit) || "<unset>"}\n`);
    } else if (v.hostPath) {
      const h = obj(v.hostPath);
      w.write(2, "Type:\tHostPath (bare host directory volume)\n");
      w.write(2, `Path:\t${str(h.path)}\n`);
      w.write(2, `HostPathType:\t${str(h.type)}\n`);
    } else {
      w.write(2, "<unknown>\n");
    }
  }
}

export function printTolerations(w: DescribeWriter, title: string, tolerations: Json[], initialIndent = ""): void {
  w.write(0, `${initialIndent}${title}:\t`);
  if (tolerations.length === 0) {
    w.write(0, "<none>\n");
    return;
  }
  const sorted = [...tolerations].sort((a, b) => (str(a.key) < str(b.key) ? -1 : str(a.key) > str(b.key) ? 1 : 0));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(0, `${initialIndent}\t`);
    let s = str(t.key);
    if (str(t.value)) s += `=${str(t.value)}`;
    if (str(t.effect)) s += `:${str(t.effect)}`;
    if (str(t.operator) === "Exists" && !str(t.value)) s += str(t.key) || str(t.effect) ? " op=Exists" : "op=Exists";
    if (typeof t.tolerationSeconds === "number") s += ` for ${t.tolerationSeconds}s`;
    w.write(0, s + "\n");
  });
}

/** DescribePodTemplate, used by Deployment, ReplicaSet, StatefulSet and DaemonSet. */
export function describePodTemplate(w: DescribeWriter, template: Json): void {
  w.write(0, "Pod Template:\n");
  const meta = obj(template.metadata);
  const spec = obj(template.spec);
  printLabels(w, "  Labels", meta.labels as Record<string, string> | undefined);
  if (Object.keys(obj(meta.annotations)).length > 0) printAnnotations(w, "  Annotations", meta.annotations as Record<string, string>);
  if (str(spec.serviceAccountName)) w.write(1, `Service Account:\t${str(spec.serviceAccountName)}\n`);
  if (arr(spec.initContainers).length > 0) describeContainers(w, "Init Containers", arr(spec.initContainers), null, "  ");
  describeContainers(w, "Containers", arr(spec.containers), null, "  ");
  describeVolumes(w, arr(spec.volumes), "  ");
  if (str(spec.priorityClassName)) w.write(1, `Priority Class Name:\t${str(spec.priorityClassName)}\n`);
  printLabels(w, "  Node-Selectors", spec.nodeSelector as Record<string, string> | undefined);
  printTolerations(w, "Tolerations", arr(spec.tolerations), "  ");
}

export function describePod(pod: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = obj(pod.spec);
  const status = obj(pod.status);
  w.write(0, `Name:\t${pod.metadata.name}\n`);
  w.write(0, `Namespace:\t${pod.metadata.namespace}\n`);
  if (typeof spec.priority === "number") w.write(0, `Priority:\t${spec.priority}\n`);
  if (str(spec.priorityClassName)) w.write(0, `Priority Class Name:\t${str(spec.priorityClassName)}\n`);
  if (str(spec.runtimeClassName)) w.write(0, `Runtime Class Name:\t${str(spec.runtimeClassName)}\n`);
  if (str(spec.serviceAccountName)) w.write(0, `Service Account:\t${str(spec.serviceAccountName)}\n`);
  w.write(0, str(spec.nodeName) ? `Node:\t${str(spec.nodeName)}/${str(status.hostIP)}\n` : "Node:\t<none>\n");
  if (str(status.startTime)) w.write(0, `Start Time:\t${rfc1123z(str(status.startTime))}\n`);
  printLabels(w, "Labels", pod.metadata.labels);
  printAnnotations(w, "Annotations", pod.metadata.annotations);
  const phase = str(status.phase);
  if (pod.metadata.deletionTimestamp && phase !== "Failed" && phase !== "Succeeded") {
    // translateTimestampUntil: HumanDuration of the time left, `<invalid>` once past.
    const left = Date.parse(pod.metadata.deletionTimestamp) - ctx.now;
    w.write(0, `Status:\tTerminating (lasts ${humanDuration(left)})\n`);
    w.write(0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 30}s\n`);
  } else {
    w.write(0, `Status:\t${phase}\n`);
  }
  if (str(status.reason)) w.write(0, `Reason:\t${str(status.reason)}\n`);
  if (str(status.message)) w.write(0, `Message:\t${str(status.message)}\n`);
  w.write(0, `IP:\t${str(status.podIP)}\n`);
  const ips = arr(status.podIPs);
  if (ips.length === 0) w.write(0, "IPs:\t<none>\n");
  else {
    w.write(0, "IPs:\n");
    for (const ip of ips) w.write(1, `IP:\t${str(ip.ip)}\n`);
  }
  const owner = controllerOf(pod);
  if (owner) w.write(0, `Controlled By:\t${owner}\n`);
  if (str(status.nominatedNodeName)) w.write(0, `NominatedNodeName:\t${str(status.nominatedNodeName)}\n`);
  if (arr(spec.initContainers).length > 0) describeContainers(w, "Init Containers", arr(spec.initContainers), arr(status.initContainerStatuses), "", pod);
  describeContainers(w, "Containers", arr(spec.containers), arr(status.containerStatuses), "", pod);
  const conds = arr(status.conditions);
  if (conds.length > 0) {
    w.write(0, "Conditions:\n  Type\tStatus\n");
    for (const c of conds) w.write(1, `${str(c.type)} \t${str(c.status)} \n`);
  }
  describeVolumes(w, arr(spec.volumes), "");
  w.write(0, `QoS Class:\t${str(status.qosClass)}\n`);
  printLabels(w, "Node-Selectors", spec.nodeSelector as Record<string, string> | undefined);
  printTolerations(w, "Tolerations", arr(spec.tolerations));
  return finish(w, pod, ctx);
}
