import { describe, expect, it } from "vitest";
import { parseLab } from "../../src/labs/format.ts";
import { countDone, freshProgress, restoreProgress, updateProgress } from "../../src/labs/progress.ts";
import { fakeCluster } from "./fake-cluster.ts";

const source = `---
title: t
summary: s
minutes: 5
steps:
  - { id: first, title: a, check: { ran: "^kubectl get svc" }, hint: h, solution: kubectl get svc }
  - { id: again, title: b, check: { ran: { pattern: "^kubectl get svc", afterPreviousStep: true } }, hint: h, solution: kubectl get svc }
  - { id: third, title: c, check: { ran: "^kubectl describe" }, hint: h, solution: kubectl describe svc }
---
`;
const parsed = parseLab("demo", "demo/lab.md", source);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const lab = parsed.lab;
const cluster = fakeCluster({});

describe("step progress", () => {
  it("marks steps done as their checks pass, and starts the next step's history there", () => {
    let p = freshProgress(lab);
    p = updateProgress(lab, p, cluster, ["kubectl get svc"]);
    expect(p.first).toMatchObject({ status: "done" });
    // The same line does not count for the step that asks to run it again after the first.
    expect(p.again).toMatchObject({ status: "pending", start: 1 });
    p = updateProgress(lab, p, cluster, ["kubectl get svc", "kubectl get svc"]);
    expect(p.again.status).toBe("done");
    expect(countDone(p)).toBe(2);
  });

  it("Check now explains the first step that does not pass", () => {
    const p = updateProgress(lab, freshProgress(lab), cluster, ["kubectl get svc"], { explain: true });
    expect(p.again).toMatchObject({ status: "failed", reason: expect.stringContaining("no command matching") });
    expect(p.third.status).toBe("pending");
  });

  it("done stays done", () => {
    let p = updateProgress(lab, freshProgress(lab), cluster, ["kubectl describe svc x"]);
    expect(p.third.status).toBe("done");
    p = updateProgress(lab, p, cluster, []);
    expect(p.third.status).toBe("done");
  });

  it("restores saved steps that still exist and leaves new ones pending", () => {
    const p = restoreProgress(lab, { first: { status: "done", start: 0 }, removed: { status: "done", start: 0 } });
    expect(Object.keys(p)).toEqual(["first", "again", "third"]);
    expect(p.first.status).toBe("done");
    expect(p.again.status).toBe("pending");
  });
});
