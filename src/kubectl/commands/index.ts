// Every command path we implement, mapped to its handler.
import type { Handler } from "../cli/invocation.ts";
import { configView, currentContext, getContexts, setContext } from "./config.ts";
import { apply } from "./apply.ts";
import { CREATE_HANDLERS } from "./create.ts";
import { deleteCmd } from "./delete.ts";
import { get } from "./get.ts";
import { apiResources, clusterInfo, top, version } from "./info.ts";

export const HANDLERS: Record<string, Handler> = {
  get,
  apply,
  delete: deleteCmd,
  ...CREATE_HANDLERS,
  version,
  "cluster-info": clusterInfo,
  "api-resources": apiResources,
  top,
  "top pod": top,
  "top node": top,
  "config view": configView,
  "config current-context": currentContext,
  "config get-contexts": getContexts,
  "config set-context": setContext,
};
