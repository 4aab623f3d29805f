// One request in, one answer out: routes to discovery, OpenAPI or a resource.
// Pure (no sockets): the HTTP adapter and the tests both call `handle`.
import type { Cluster } from "../cluster/index.ts";
import type { ApiRequest, ApiResponse } from "./types.ts";
import { route } from "./routes.ts";
import { json, statusResponse, text } from "./encode.ts";
import { methodNotAllowed, notAcceptable, pathNotFound } from "./status.ts";
import { negotiate } from "./media.ts";
import {
  aggregatedContentType,
  aggregatedDiscovery,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
} from "./discovery.ts";
import { versionInfo } from "../cluster/index.ts";
import { handleResource } from "./resources.ts";
import { handleProxy, proxyTarget } from "./proxy.ts";
import { openApiV3Document, openApiV3Root } from "../cluster/index.ts";

export interface HandlerContext {
  cluster: Cluster;
  /** host:port the clients reach us on (discovery's serverAddressByClientCIDRs). */
  serverAddress: string;
}

const DISCOVERY_TYPES = ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"];

export function handle(req: ApiRequest, ctx: HandlerContext): ApiResponse {
  const answer = dispatch(req, ctx);
  return wantsPretty(req) ? pretty(answer) : answer;
}

/** ?pretty=true, or a curl/Wget user agent, as the real server decides. */
function wantsPretty(req: ApiRequest): boolean {
  const p = req.query.get("pretty");
  if (p !== null) return p === "true" || p === "1";
  const ua = req.headers["user-agent"] ?? "";
  return ua.startsWith("curl") || ua.startsWith("Wget");
}

function pretty(r: ApiResponse): ApiResponse {
  if (r.kind !== "body" || !r.contentType.startsWith("application/json")) return r;
  try {
    return { ...r, body: JSON.stringify(JSON.parse(r.body), null, 2) + "\n" };
  } catch {
    return r;
  }
}

function dispatch(req: ApiRequest, ctx: HandlerContext): ApiResponse {
  const resources = ctx.cluster.resources();
  const proxy = proxyTarget(req.path);
  if (proxy) return handleProxy(req, proxy, ctx.cluster);
  const r = route(req.path, resources);
  if (r.kind === "resource") {
    return handleResource(req, { info: r.info, namespace: r.namespace, name: r.name, subresource: r.subresource }, ctx);
  }
  if (r.kind === "not-found") return statusResponse(pathNotFound());
  if (req.method !== "GET" && req.method !== "HEAD") return statusResponse(methodNotAllowed());
  switch (r.kind) {
    case "version":
      return json(200, versionInfo(ctx.cluster.config.kubernetesVersion));
    case "health":
      return text(200, "ok");
    case "legacy-root":
    case "groups-root": {
      const rep = negotiate(req.headers["accept"], { aggregatedDiscovery: true });
      if (!rep) return statusResponse(notAcceptable(DISCOVERY_TYPES));
      if (rep.form === "aggregated-discovery") {
        return json(200, aggregatedDiscovery(resources, r.kind === "legacy-root", rep.version), aggregatedContentType(rep.version));
      }
      return json(200, r.kind === "legacy-root" ? apiVersions(ctx.serverAddress) : apiGroupList(resources));
    }
    case "group": {
      const g = apiGroup(resources, r.group);
      return g ? json(200, g) : statusResponse(pathNotFound());
    }
    case "group-version":
      return json(200, apiResourceList(resources, r.group, r.version));
    case "openapi-v2":
      // Only v3 is served; kubectl falls back to its built-in types for patches.
      return statusResponse(pathNotFound());
    case "openapi-v3-root":
      return json(200, openApiV3Root(resources));
    case "openapi-v3": {
      const doc = openApiV3Document(resources, r.group, r.version);
      return doc ? json(200, doc) : statusResponse(pathNotFound());
    }
  }
}
