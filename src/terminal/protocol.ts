// Messages between the lab page (xterm, buttons, pictures) and the worker that
// runs the session, the cluster, the checks and persistence. Plain JSON only.
import type { StepStatus } from "../labs/types.ts";
import type { Topology } from "../labs/topology.ts";
import type { TraceView } from "../labs/trace.ts";

export interface InitMessage {
  type: "init";
  labId: string;
  /** lab.md as written (the worker parses it: one parser for build, CLI and browser). */
  labSource: string;
  clusterYaml: string;
  cols: number;
  rows: number;
  /** Set when the page restarted a hung worker: resume from the last save and say so. */
  restarted?: boolean;
  /** Use no persistence (cluster-file embeds on note pages). */
  ephemeral?: boolean;
  /** The topology includes system namespaces (kube-system, ingress-nginx…): the page's toggle. */
  showSystem?: boolean;
}

export type PageMessage =
  | InitMessage
  | { type: "input"; data: string }
  | { type: "resize"; cols: number; rows: number }
  | { type: "interrupt" }
  | { type: "topology-options"; showSystem: boolean }
  | { type: "run-line"; line: string }
  | { type: "check-now" }
  | { type: "reset" }
  | { type: "export" }
  | { type: "import"; text: string };

export interface StepState {
  id: string;
  status: StepStatus;
  /** Why the check does not pass yet (after "Check now"). */
  reason?: string;
}

export type NoticeKind = "storage" | "restarted" | "import" | "error";

export type WorkerMessage =
  | { type: "output"; data: string }
  /** prompt: what the session shows now (a resumed lab may be inside a pod's shell). */
  | { type: "ready"; prompt?: string }
  | { type: "busy"; busy: boolean }
  /** The state after the last command is saved (or there is nowhere to save it): a reload now resumes there. */
  | { type: "saved"; prompt?: string }
  | { type: "steps"; steps: StepState[]; done: number; total: number }
  | { type: "topology"; topology: Topology }
  | { type: "trace"; trace: TraceView | null }
  | { type: "notice"; kind: NoticeKind; code: string; detail: string }
  | { type: "export"; text: string }
  | { type: "fatal"; message: string };
