// Saves each lab's session (cluster snapshot, shell state) and step progress in
// IndexedDB, versioned. Anything that goes wrong — no IndexedDB (private mode),
// a corrupt record, a record from an older format or for an older version of
// the lab, a full quota — degrades to a fresh lab plus a notice, never a throw.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { SessionState } from "../shell/types.ts";
import type { StepStatus } from "./types.ts";

export const RECORD_FORMAT = 1;
const DB_NAME = "labnotes";
const DB_VERSION = 1;
const STORE = "labs";

export interface StepProgress {
  status: StepStatus;
  /** History length when the step's previous step was done (for afterPreviousStep checks). */
  start: number;
}

export interface LabRecord {
  format: number;
  labId: string;
  /** Fingerprint of lab.md + cluster.yaml: progress for a lab that changed since is not resumed. */
  labVersion: string;
  savedAt: number;
  session: SessionState;
  progress: Record<string, StepProgress>;
}

export type FallbackReason = "unavailable" | "corrupt" | "old-format" | "lab-changed";

export type LoadOutcome =
  | { kind: "fresh" }
  | { kind: "resumed"; record: LabRecord }
  | { kind: "fallback"; reason: FallbackReason; detail: string };

export type SaveOutcome = { ok: true } | { ok: false; reason: "unavailable" | "quota" | "error"; detail: string };

export interface LabStore {
  readonly available: boolean;
  load(labId: string, labVersion: string): Promise<LoadOutcome>;
  save(record: LabRecord): Promise<SaveOutcome>;
  remove(labId: string): Promise<void>;
  all(): Promise<LabRecord[]>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Checks a stored value; returns why it cannot be used, or null when it is a usable record. */
export function recordProblem(v: unknown, labId: string): { reason: "corrupt" | "old-format"; detail: string } | null {
  if (!isRecord(v)) return { reason: "corrupt", detail: "saved progress is not an object" };
  if (typeof v.format !== "number") return { reason: "corrupt", detail: "saved progress has no format number" };
  if (v.format !== RECORD_FORMAT) return { reason: "old-format", detail: `saved progress has format ${v.format}, this version reads ${RECORD_FORMAT}` };
  if (v.labId !== labId) return { reason: "corrupt", detail: `saved progress belongs to lab ${String(v.labId)}` };
  if (typeof v.labVersion !== "string" || typeof v.savedAt !== "number") return { reason: "corrupt", detail: "saved progress lacks its lab version or date" };
  const s = v.session;
  if (!isRecord(s) || typeof s.version !== "number" || !isRecord(s.cluster) || typeof s.cluster.version !== "number") {
    return { reason: "corrupt", detail: "saved session state is damaged" };
  }
  if (!isRecord(v.progress)) return { reason: "corrupt", detail: "saved step progress is damaged" };
  for (const [step, p] of Object.entries(v.progress)) {
    if (!isRecord(p) || !["pending", "done", "failed"].includes(p.status as string) || typeof p.start !== "number") {
      return { reason: "corrupt", detail: `saved progress of step ${step} is damaged` };
    }
  }
  return null;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error("IndexedDB request failed"));
  });
}

function openDb(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let r: IDBOpenDBRequest;
    try {
      r = factory.open(DB_NAME, DB_VERSION);
    } catch (e) {
      reject(e);
      return;
    }
    r.onupgradeneeded = () => {
      if (!r.result.objectStoreNames.contains(STORE)) r.result.createObjectStore(STORE, { keyPath: "labId" });
    };
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error("IndexedDB open failed"));
    r.onblocked = () => reject(new Error("IndexedDB is blocked by another tab"));
  });
}

/** A store that keeps nothing: used when IndexedDB cannot be opened. */
export function unavailableStore(detail: string): LabStore {
  return {
    available: false,
    load: async () => ({ kind: "fallback", reason: "unavailable", detail }),
    save: async () => ({ ok: false, reason: "unavailable", detail }),
    remove: async () => {},
    all: async () => [],
  };
}

export async function openLabStore(factory: IDBFactory | undefined): Promise<LabStore> {
  if (!factory) return unavailableStore("this browser offers no IndexedDB here");
  let db: IDBDatabase;
  try {
    db = await openDb(factory);
  } catch (e) {
    return unavailableStore(`IndexedDB cannot be opened: ${(e as Error)?.message ?? e}`);
  }
  const tx = (mode: IDBTransactionMode) => db.transaction(STORE, mode).objectStore(STORE);
  return {
    available: true,
    async load(labId, labVersion) {
      let value: unknown;
      try {
        value = await request(tx("readonly").get(labId));
      } catch (e) {
        return { kind: "fallback", reason: "unavailable", detail: `reading saved progress failed: ${(e as Error)?.message ?? e}` };
      }
      if (value === undefined) return { kind: "fresh" };
      const problem = recordProblem(value, labId);
      if (problem) return { kind: "fallback", ...problem };
      const record = value as LabRecord;
      if (record.labVersion !== labVersion) return { kind: "fallback", reason: "lab-changed", detail: "the lab was updated since your progress was saved" };
      return { kind: "resumed", record };
    },
    async save(record) {
      try {
        await request(tx("readwrite").put(record));
        return { ok: true };
      } catch (e) {
        const name = (e as DOMException)?.name;
        return { ok: false, reason: name === "QuotaExceededError" ? "quota" : "error", detail: (e as Error)?.message ?? String(e) };
      }
    },
    async remove(labId) {
      try {
        await request(tx("readwrite").delete(labId));
      } catch {
        // Nothing saved is as good as deleted: Reset still starts fresh.
      }
    },
    async all() {
      try {
        const values = (await request(tx("readonly").getAll())) as unknown[];
        return values.filter((v): v is LabRecord => isRecord(v) && typeof v.labId === "string" && recordProblem(v, v.labId) === null);
      } catch {
        return [];
      }
    },
  };
}

// --- Export / import as a JSON file.

export const EXPORT_KIND = "labnotes-progress";

export interface ProgressExport {
  kind: typeof EXPORT_KIND;
  format: number;
  exportedAt: string;
  labs: LabRecord[];
}

export function exportProgress(records: LabRecord[], now: Date): string {
  const doc: ProgressExport = { kind: EXPORT_KIND, format: RECORD_FORMAT, exportedAt: now.toISOString(), labs: records };
  return JSON.stringify(doc);
}

export type ImportResult = { ok: true; records: LabRecord[] } | { ok: false; error: string };

/** Reads an exported file; every record must be valid, or nothing is imported. */
export function parseProgressExport(text: string): ImportResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, error: "not a JSON file" };
  }
  if (!isRecord(doc) || doc.kind !== EXPORT_KIND) return { ok: false, error: "not a labnotes progress file" };
  if (doc.format !== RECORD_FORMAT) return { ok: false, error: `progress file format ${String(doc.format)} is not supported (expected ${RECORD_FORMAT})` };
  if (!Array.isArray(doc.labs)) return { ok: false, error: "progress file has no labs" };
  const records: LabRecord[] = [];
  for (const [i, r] of doc.labs.entries()) {
    const id = isRecord(r) && typeof r.labId === "string" ? r.labId : `#${i + 1}`;
    const problem = recordProblem(r, id);
    if (problem) return { ok: false, error: `lab ${id}: ${problem.detail}` };
    records.push(r as LabRecord);
  }
  return { ok: true, records };
}

/** A short stable fingerprint of the lab's files (lab.md, cluster.yaml). */
export function labVersion(...parts: string[]): string {
  return bytesToHex(sha256(utf8ToBytes(parts.join("\u0000")))).slice(0, 16);
}
