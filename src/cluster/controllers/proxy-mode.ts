// kube-proxy reads its mode from ConfigMap kube-system/kube-proxy (`config.conf`,
// `mode: ...`; empty means iptables) when it starts, and only then.
import type { ControllerContext } from "./context.ts";
import type { ObjectStore } from "../api/store.ts";
import type { ProxyMode } from "../types.ts";

/** The `mode:` text of the ConfigMap as written ("" when unset), or undefined without the ConfigMap. */
export function configuredModeText(store: ObjectStore): string | undefined {
  const cm = store.get("configmaps", "kube-system", "kube-proxy");
  const conf = (cm?.data as Record<string, string> | undefined)?.["config.conf"];
  if (conf === undefined) return undefined;
  return /^mode:\s*["']?([A-Za-z]*)["']?\s*$/m.exec(conf)?.[1] ?? "";
}

export function configuredProxyMode(store: ObjectStore): ProxyMode | undefined {
  const text = configuredModeText(store);
  if (text === undefined) return undefined;
  return text === "ipvs" ? "ipvs" : "iptables";
}

export function currentProxyModeOf(ctx: ControllerContext): ProxyMode {
  return configuredProxyMode(ctx.store) ?? ctx.config.proxyMode;
}
