import { describe, expect, it } from "vitest";
import { IDBFactory } from "fake-indexeddb";
import { exportProgress, labVersion, openLabStore, parseProgressExport, RECORD_FORMAT, type LabRecord } from "../../src/labs/persist.ts";

function record(over: Partial<LabRecord> = {}): LabRecord {
  return {
    format: RECORD_FORMAT,
    labId: "clusterip",
    labVersion: "v1",
    savedAt: 1,
    session: { version: 1, cluster: { version: 1, objects: [] }, cwd: "/root", history: ["kubectl get pods"] },
    progress: { deployment: { status: "done", start: 0 }, service: { status: "pending", start: 1 } },
    ...over,
  };
}

/** Writes a raw value into the store, bypassing validation, as an old or broken build would have. */
async function putRaw(factory: IDBFactory, value: unknown) {
  const store = await openLabStore(factory);
  await store.save(value as LabRecord);
}

describe("lab persistence", () => {
  it("saves and resumes a lab exactly", async () => {
    const factory = new IDBFactory();
    const store = await openLabStore(factory);
    expect(await store.load("clusterip", "v1")).toEqual({ kind: "fresh" });
    expect(await store.save(record())).toEqual({ ok: true });
    // A second open (a reload) sees the same record.
    const again = await openLabStore(factory);
    expect(await again.load("clusterip", "v1")).toEqual({ kind: "resumed", record: record() });
    await again.remove("clusterip");
    expect(await again.load("clusterip", "v1")).toEqual({ kind: "fresh" });
  });

  it.each([
    ["a string", "garbage", "corrupt"],
    ["no format", { ...record(), format: undefined }, "corrupt"],
    ["an older format", { ...record(), format: 0 }, "old-format"],
    ["a damaged cluster snapshot", { ...record(), session: { version: 1, cluster: null } }, "corrupt"],
    ["a damaged step", { ...record(), progress: { deployment: { status: "maybe", start: 0 } } }, "corrupt"],
  ])("falls back to a fresh lab on %s", async (_name, value, reason) => {
    const factory = new IDBFactory();
    // keyPath needs labId even on garbage, so wrap non-objects.
    await putRaw(factory, typeof value === "object" ? value : { labId: "clusterip", value });
    const store = await openLabStore(factory);
    const outcome = await store.load("clusterip", "v1");
    expect(outcome.kind).toBe("fallback");
    if (outcome.kind === "fallback") expect(outcome.reason).toBe(reason);
  });

  it("does not resume progress saved for an older version of the lab", async () => {
    const factory = new IDBFactory();
    await putRaw(factory, record({ labVersion: "old" }));
    const outcome = await (await openLabStore(factory)).load("clusterip", "v1");
    expect(outcome).toMatchObject({ kind: "fallback", reason: "lab-changed" });
  });

  it("works without IndexedDB (private mode) and says so", async () => {
    const store = await openLabStore(undefined);
    expect(store.available).toBe(false);
    expect(await store.load("clusterip", "v1")).toMatchObject({ kind: "fallback", reason: "unavailable" });
    expect(await store.save(record())).toMatchObject({ ok: false, reason: "unavailable" });
  });

  it("works when opening IndexedDB throws", async () => {
    const broken = { open: () => { throw new DOMException("The operation is insecure.", "SecurityError"); } } as unknown as IDBFactory;
    const store = await openLabStore(broken);
    expect(await store.load("clusterip", "v1")).toMatchObject({ kind: "fallback", reason: "unavailable", detail: expect.stringContaining("insecure") });
  });

  it("reports a failed write instead of throwing", async () => {
    const factory = new IDBFactory();
    const store = await openLabStore(factory);
    const tooBig = record();
    // A value IndexedDB cannot clone makes put() fail, as a full quota does.
    (tooBig.session as Record<string, unknown>).fn = () => 1;
    expect(await store.save(tooBig)).toMatchObject({ ok: false, reason: "error" });
  });
});

describe("export and import", () => {
  it("round-trips", () => {
    const text = exportProgress([record()], new Date("2026-01-01T00:00:00Z"));
    expect(parseProgressExport(text)).toEqual({ ok: true, records: [record()] });
  });

  it.each([
    ["{", "not a JSON file"],
    ['{"kind":"other"}', "not a labnotes progress file"],
    [JSON.stringify({ kind: "labnotes-progress", format: 99, labs: [] }), "format 99 is not supported"],
    [JSON.stringify({ kind: "labnotes-progress", format: RECORD_FORMAT, labs: [{ ...record(), progress: 3 }] }), "lab clusterip: saved step progress is damaged"],
  ])("rejects %s", (text, error) => {
    const r = parseProgressExport(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(error);
  });

  it("fingerprints lab files", () => {
    expect(labVersion("a", "b")).toBe(labVersion("a", "b"));
    expect(labVersion("a", "b")).not.toBe(labVersion("ab", ""));
  });
});
