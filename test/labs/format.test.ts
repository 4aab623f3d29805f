import { describe, expect, it } from "vitest";
import { formatLabError, parseLab, solutionLines, wikiTarget } from "../../src/labs/format.ts";

const good = `---
title: ClusterIP
summary: 创建 Service
minutes: 15
notes: ["[[K8s网络原理#ClusterIP（默认）|ClusterIP]]"]
steps:
  - id: deploy
    title: 创建 Deployment
    check: { exists: deployments/myapp }
    hint: 用 kubectl apply
    solution: |
      cat <<'EOF' > d.yaml
      kind: Deployment
      EOF
      kubectl apply -f d.yaml
---
# 正文
`;

describe("lab files", () => {
  it("reads a valid lab", () => {
    const r = parseLab("clusterip", "labs/clusterip/lab.md", good);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.lab.notes).toEqual(["K8s网络原理#ClusterIP（默认）"]);
    expect(r.lab.cluster).toBe("cluster.yaml");
    expect(r.lab.steps[0].solution).toEqual(["cat <<'EOF' > d.yaml", "kind: Deployment", "EOF", "kubectl apply -f d.yaml"]);
    expect(r.lab.body).toBe("# 正文\n");
  });

  it.each([
    [good.replace("minutes: 15", "minutes: soon"), undefined, '"minutes" must be a positive integer'],
    [good.replace("---\n# 正文", "# 正文"), undefined, "missing YAML frontmatter"],
    [good.replace("title: ClusterIP", "title: [ClusterIP"), undefined, "frontmatter is not valid YAML"],
    [good.replace("title: ClusterIP", "titel: ClusterIP"), undefined, 'unknown frontmatter field "titel"'],
    [good.replace("deployments/myapp", "deployments"), "deploy", 'check.exists: "deployments" is not "resource/name"'],
    [good.replace("check: { exists: deployments/myapp }", "check: { exists: { resource: pods, fields: { 'status.phase': { regex: '[' } } } }"), "deploy", "invalid regular expression"],
    [good.replace("    hint: 用 kubectl apply\n", ""), "deploy", '"hint" must be a non-empty string'],
    [good.replace("id: deploy", "id: Deploy_1"), "#1", '"id" must be lower-case'],
  ])("reports %#", (text, step, message) => {
    const r = parseLab("clusterip", "labs/clusterip/lab.md", text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const e = r.errors.find((x) => x.message.includes(message));
    expect(e, JSON.stringify(r.errors)).toBeDefined();
    expect(e!.file).toBe("labs/clusterip/lab.md");
    expect(e!.step).toBe(step);
  });

  it("rejects duplicate step ids", () => {
    const twice = good.replace("steps:\n", "steps:\n  - { id: deploy, title: t, check: { ran: x }, hint: h, solution: ls }\n");
    const r = parseLab("clusterip", "f", twice);
    expect(r.ok ? [] : r.errors.map(formatLabError)).toContain('f: step deploy: duplicate step id "deploy"');
  });

  it.each([
    ["[[笔记#标题|别名]]", "笔记#标题"],
    ["笔记", "笔记"],
  ])("wiki target of %s", (link, target) => expect(wikiTarget(link)).toBe(target));

  it.each([
    ["a\nb\n", ["a", "b"]],
    [["a", "b\nc"], ["a", "b", "c"]],
    ["\n\n", null],
    [42, null],
  ])("solution lines of %j", (raw, lines) => expect(solutionLines(raw)).toEqual(lines));
});
