// What kubelet and the container runtime hand a pod's containers, in one place, so that
// the files the learner reads (cat /etc/resolv.conf, env) are the ones the resolver uses.
import type { ClusterView } from "../view.ts";
import type { PodFiles } from "../types.ts";
import { netModel } from "../net/model.ts";
import { hostsFile, resolvConf } from "./resolvconf.ts";
import { serviceEnv } from "./env.ts";
import { mountedFiles } from "../apps/mounts.ts";

export function podFiles(view: ClusterView, namespace: string, name: string, container?: string): PodFiles | undefined {
  const info = netModel(view).pod(namespace, name);
  if (!info) return undefined;
  const pod = { namespace, name };
  return { resolvConf: resolvConf(view, pod), hosts: hostsFile(view, pod), serviceEnv: serviceEnv(view, pod), mounts: mountedFiles(view, info.obj, container) };
}
