// Commands that print what the API server itself answers: `get --raw PATH` and
// `api-versions`. Both ask the same pure request handler `labnotes serve` uses, so the
// bytes are the server's own (there is no socket in the browser, only the handler).
import type { ResourceInfo } from "../../cluster/index.ts";
import { handle } from "../../server/handler.ts";
import type { BodyResponse } from "../../server/types.ts";
import { CmdError, statusText } from "../cli/errors.ts";
import type { Invocation } from "../cli/invocation.ts";

/** The address discovery reports, as the in-browser kubeconfig's server (kubeadm's admin.conf). */
const SERVER_ADDRESS = "172.18.0.2:6443";

function request(inv: Invocation, uri: string): BodyResponse {
  const q = uri.indexOf("?");
  const path = q < 0 ? uri : uri.slice(0, q);
  const query = new URLSearchParams(q < 0 ? "" : uri.slice(q + 1));
  const res = handle({ method: "GET", path, query, headers: { accept: "application/json, */*" }, body: "" }, { cluster: inv.cluster, serverAddress: SERVER_ADDRESS });
  // Watches stream; a headless `get --raw '...?watch=1'` shows nothing rather than hanging.
  if (res.kind === "stream") return { kind: "body", status: res.status, contentType: res.contentType, body: "" };
  return res;
}

/** client-go's rest error for a non-2xx answer: the Status it carries, or the body's text. */
function failure(res: BodyResponse): CmdError {
  try {
    const parsed = JSON.parse(res.body) as { kind?: string };
    if (parsed.kind === "Status") return new CmdError("", 1, statusText(parsed as Parameters<typeof statusText>[0]));
  } catch {
    // not JSON: fall through to the plain text
  }
  return new CmdError("", 1, `Error from server: ${res.body.trim()}\n`);
}

/** `kubectl get --raw URI` (k/kubectl get.go Complete/Validate, rawhttp.RawGet). */
export function getRaw(inv: Invocation): number {
  const uri = inv.str("raw");
  if (inv.args.length > 0) throw new CmdError("arguments may not be passed when --raw is specified");
  if (inv.bool("watch") || inv.bool("watch-only") || inv.str("selector") !== "") {
    throw new CmdError("--raw may not be specified with other flags that filter the server request or alter the output");
  }
  if (inv.str("output") !== "") throw new CmdError("--raw and --output are mutually exclusive");
  if (!uri.startsWith("/")) throw new CmdError(`--raw must be a valid URL path: parse ${JSON.stringify(uri)}: invalid URI for request`);
  const res = request(inv, uri);
  if (res.status < 200 || res.status > 299) throw failure(res);
  inv.out(res.body);
  return 0;
}

/** `kubectl api-versions`: every group/version the server serves, sorted as Go sorts strings. */
export function apiVersions(inv: Invocation): number {
  const seen = new Set(inv.cluster.resources().map((r: ResourceInfo) => (r.group ? `${r.group}/${r.version}` : r.version)));
  const sorted = [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  inv.out(sorted.map((v) => v + "\n").join(""));
  return 0;
}
