// Every command path we implement, mapped to its handler.
import type { Handler } from "../cli/invocation.ts";
import { configView, currentContext, getContexts, setContext } from "./config.ts";
import { apply } from "./apply.ts";
import { CREATE_HANDLERS } from "./create.ts";
import { deleteCmd } from "./delete.ts";
import { describe } from "./describe.ts";
import { edit } from "./edit.ts";
import { explain } from "./explain.ts";
import { expose } from "./expose.ts";
import { get } from "./get.ts";
import { annotate, label } from "./metadata.ts";
import { patch } from "./patch.ts";
import { exec, logs, run } from "./pods.ts";
import { history, pause, restart, resume, status, undo } from "./rollout.ts";
import { scale } from "./scale.ts";
import { setImage } from "./set.ts";
import { apiVersions } from "./raw.ts";
import { waitCmd } from "./wait.ts";
import { apiResources, clusterInfo, top, version } from "./info.ts";

export const HANDLERS: Record<string, Handler> = {
  get,
  apply,
  describe,
  edit,
  delete: deleteCmd,
  ...CREATE_HANDLERS,
  version,
  "cluster-info": clusterInfo,
  "api-resources": apiResources,
  "api-versions": apiVersions,
  wait: waitCmd,
  label,
  annotate,
  scale,
  "set image": setImage,
  patch,
  expose,
  explain,
  run,
  exec,
  logs,
  "rollout restart": restart,
  "rollout status": status,
  "rollout history": history,
  "rollout undo": undo,
  "rollout pause": pause,
  "rollout resume": resume,
  "top pod": top,
  "top node": top,
  "config view": configView,
  "config current-context": currentContext,
  "config get-contexts": getContexts,
  "config set-context": setContext,
};
