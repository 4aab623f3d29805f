export { handleIngressRequest, route, tlsFor, nginxIngresses, ingressPaths, errorResponse, INGRESS_CLASS_CONTROLLER } from "./controller.ts";
export type { BackendCall, ControllerResult, RouteDecision } from "./controller.ts";
export { hostMatches, prefixMatches, pathMatches, bestPath } from "./match.ts";
export type { IngressPath, PathType, IngressBackend } from "./match.ts";
