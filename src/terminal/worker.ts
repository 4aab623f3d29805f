// The Web Worker entry: the lab engine runs here so a long command never freezes the page.
/// <reference lib="webworker" />
import { openLabStore } from "../labs/persist.ts";
import { LabEngine } from "./lab-engine.ts";
import type { PageMessage, WorkerMessage } from "./protocol.ts";

const scope = self as unknown as DedicatedWorkerGlobalScope;

const engine = new LabEngine({
  post: (msg: WorkerMessage) => scope.postMessage(msg),
  openStore: () => openLabStore(typeof indexedDB === "undefined" ? undefined : indexedDB),
  now: () => Date.now(),
  warmUp: true,
});

scope.onmessage = (e: MessageEvent<PageMessage>) => {
  void engine.handle(e.data);
};
