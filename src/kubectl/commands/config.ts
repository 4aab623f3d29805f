// kubectl config: the session's single kubeadm kubeconfig (one cluster, one user, one context).
import { CmdError } from "../cli/errors.ts";
import type { Invocation } from "../cli/invocation.ts";
import { toGoJson } from "../output/json.ts";
import { GET_TABWRITER, tabwrite } from "../output/tabwriter.ts";
import { toYaml } from "../output/yaml.ts";
import { serverURL } from "./info.ts";

function kubeconfig(inv: Invocation, minify: boolean, raw: boolean) {
  const k = inv.ctx.kubeconfig;
  const context: Record<string, string> = { cluster: k.cluster };
  if (k.namespace && k.namespace !== "default") context.namespace = k.namespace;
  context.user = k.user;
  const secret = raw ? "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==" : "DATA+OMITTED";
  void minify;
  return {
    apiVersion: "v1",
    clusters: [{ cluster: { "certificate-authority-data": secret, server: serverURL(inv) }, name: k.cluster }],
    contexts: [{ context, name: k.context }],
    "current-context": k.context,
    kind: "Config",
    preferences: {},
    users: [{ name: k.user, user: { "client-certificate-data": secret, "client-key-data": secret } }],
  };
}

export function configView(inv: Invocation): number {
  const doc = kubeconfig(inv, inv.bool("minify"), inv.bool("raw"));
  const o = inv.str("output") || "yaml";
  if (o === "json") inv.out(toGoJson(doc));
  else if (o === "yaml") inv.out(toYaml(doc));
  else throw new CmdError(`unable to match a printer suitable for the output format "${o}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml`);
  return 0;
}

export function currentContext(inv: Invocation): number {
  inv.out(inv.ctx.kubeconfig.context + "\n");
  return 0;
}

export function getContexts(inv: Invocation): number {
  const k = inv.ctx.kubeconfig;
  if (inv.args.length > 0 && !inv.args.includes(k.context)) throw new CmdError(`context ${inv.args[0]} not found`);
  if (inv.str("output") === "name") {
    inv.out(k.context + "\n");
    return 0;
  }
  const ns = k.namespace && k.namespace !== "default" ? k.namespace : "";
  const lines = inv.bool("no-headers") ? [] : ["CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE"];
  lines.push(`*\t${k.context}\t${k.cluster}\t${k.user}\t${ns}`);
  inv.out(tabwrite(lines.join("\n") + "\n", GET_TABWRITER));
  return 0;
}

export function setContext(inv: Invocation): number {
  const k = inv.ctx.kubeconfig;
  const name = inv.bool("current") ? k.context : inv.args[0];
  if (!name) throw new CmdError("you must specify a non-empty context name or --current");
  if (inv.bool("current") && inv.args.length > 0) throw new CmdError("you cannot specify a context name and --current");
  if (name !== k.context) throw new CmdError(`no context exists with the name: "${name}"`);
  if (inv.has("namespace")) inv.ctx.setNamespace(inv.str("namespace"));
  inv.out(`Context "${name}" modified.\n`);
  return 0;
}
