import { describe, expect, it } from "vitest";
import { needsMoreInput } from "../../src/shell/input.ts";
import { History, reverseSearch } from "../../src/shell/history.ts";
import { complete } from "../../src/shell/completion.ts";
import { InMemoryFs } from "just-bash";
import { basics, fakeCluster, pod } from "./fake-cluster.ts";

describe("needsMoreInput: when bash shows its > prompt", () => {
  it.each<[string, boolean]>([
    ["echo 'open", true],
    ['echo "open', true],
    ["cat <<EOF\nline", true],
    ["cat <<EOF\nline\nEOF", false],
    ["cat <<-EOF\n\tline\n\tEOF", false],
    ["kubectl apply -f - <<'EOF'\nkind: Pod", true],
    ["if true; then", true],
    ["for i in 1 2; do", true],
    ["echo a \\", true],
    ["echo a |", true],
    ["true &&", true],
    ["echo $(", true],
    ["echo ok", false],
    ["echo )", false],
    ["fi", false],
    ["cat <<< 'here-string'", false],
    ["", false],
  ])("%j → %s", (text, expected) => {
    expect(needsMoreInput(text)).toBe(expected);
  });
});

describe("history", () => {
  it("keeps non-blank lines in order and searches backwards like Ctrl-R", () => {
    const h = new History();
    for (const l of ["kubectl get pods", "  ", "curl my-svc", "kubectl get svc", ""]) h.add(l);
    expect(h.all()).toEqual(["kubectl get pods", "curl my-svc", "kubectl get svc"]);
    expect(h.searchBackward("kubectl")).toBe(2);
    expect(h.searchBackward("kubectl", 2)).toBe(0);
    expect(h.searchBackward("nothing")).toBe(-1);
    expect(reverseSearch(h.all(), "curl")).toBe(1);
  });
});

describe("completion", () => {
  const fs = new InMemoryFs({ "/home/learner/svc.yaml": "", "/home/learner/deploy.yaml": "", "/home/learner/manifests/a.yaml": "" });
  const ctx = { cluster: fakeCluster([...basics(), pod("web-1", "nginx"), pod("web-2", "nginx")]), namespace: "default", commands: new Set(["kubectl", "curl", "cat"]), fs, cwd: "/home/learner" };

  it.each<[string, string, string[]]>([
    ["kub", "kubectl ", ["kubectl"]],
    ["cat sv", "svc.yaml ", ["svc.yaml"]],
    ["cat man", "manifests/", ["manifests/"]],
    ["ssh wor", "worker", ["worker1", "worker2"]],
    ["kubectl apply -f d", "deploy.yaml ", ["deploy.yaml"]],
    ["kubectl logs web", "web-", ["web-1", "web-2"]],
  ])("%j", (line, replacement, candidates) => {
    const c = complete(line, line.length, ctx);
    expect(c.replacement).toBe(replacement);
    expect(c.candidates).toEqual(candidates);
    expect(line.slice(0, c.replaceFrom) + c.replacement).toMatch(new RegExp(`${replacement.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
  });
});
