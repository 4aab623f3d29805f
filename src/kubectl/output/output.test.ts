import { describe, expect, it } from "vitest";
import { printTable } from "../../cluster/printers/index.ts";
import { evalJsonPath } from "./jsonpath.ts";
import { toGoJson } from "./json.ts";
import { renderTable } from "./table.ts";
import { goYamlKeyLess, toYaml } from "./yaml.ts";

const NOW = Date.parse("2026-01-01T00:10:00Z");
const cm = (name: string, ns: string, labels?: Record<string, string>) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace: ns, creationTimestamp: "2026-01-01T00:00:00Z", ...(labels ? { labels } : {}) },
  data: { a: "1" },
});

describe("renderTable", () => {
  const table = printTable("configmaps", [cm("one", "default", { app: "x" }), cm("two-long-name", "kube-system")], NOW);
  it.each([
    ["plain", {}, "NAME            DATA   AGE\none             1      10m\ntwo-long-name   1      10m\n"],
    ["-A adds NAMESPACE first", { withNamespace: true }, "NAMESPACE     NAME            DATA   AGE\ndefault       one             1      10m\nkube-system   two-long-name   1      10m\n"],
    ["--show-labels adds LABELS last", { showLabels: true }, "NAME            DATA   AGE   LABELS\none             1      10m   app=x\ntwo-long-name   1      10m   <none>\n"],
    ["-L adds one column per label key", { labelColumns: ["app"] }, "NAME            DATA   AGE   APP\none             1      10m   x\ntwo-long-name   1      10m   \n"],
    ["several kinds prefix NAME with kind/", { kindPrefix: "configmap" }, "NAME                      DATA   AGE\nconfigmap/one             1      10m\nconfigmap/two-long-name   1      10m\n"],
    ["--no-headers (widths from the rows alone)", { noHeaders: true }, "one             1     10m\ntwo-long-name   1     10m\n"],
  ])("%s", (_name, opts, want) => {
    expect(renderTable(table, opts)).toBe(want);
  });
  it("prints nothing at all, not even the header, for an empty table", () => {
    expect(renderTable(printTable("configmaps", [], NOW))).toBe("");
  });
  it("cuts a cell at its first newline and appends ...", () => {
    const t = { ...table, rows: [{ cells: ["multi\nline", 1, "1m"], object: table.rows[0]!.object }] };
    expect(renderTable(t)).toBe("NAME       DATA   AGE\nmulti...   1      1m\n");
  });
});

describe("toYaml (go-yaml v2 as kubectl prints it)", () => {
  it.each([
    ["strings that read as other types are double-quoted", { a: "123", b: "true", c: "", d: "2024-12-01T10:00:00Z", e: "yes", f: "1.5" }, 'a: "123"\nb: "true"\nc: ""\nd: "2024-12-01T10:00:00Z"\ne: "yes"\nf: "1.5"\n'],
    ["plain strings stay plain", { a: "nginx:1.27", b: "10.96.0.1", c: "a b" }, "a: nginx:1.27\nb: 10.96.0.1\nc: a b\n"],
    ["indicators force single quotes", { a: "*x", b: "a: b", c: "- x" }, "a: '*x'\nb: 'a: b'\nc: '- x'\n"],
    ["lists sit at the parent's indent", { ports: [{ name: "http", port: 80 }] }, "ports:\n- name: http\n  port: 80\n"],
    ["empty collections", { a: {}, b: [] }, "a: {}\nb: []\n"],
    ["multi-line strings become literal blocks", { s: "line1\nline2\n", t: "x\ny" }, "s: |\n  line1\n  line2\nt: |-\n  x\n  y\n"],
    ["null", { a: null }, "a: null\n"],
  ])("%s", (_name, value, want) => {
    expect(toYaml(value)).toBe(want);
  });
  it("folds long plain strings past column 80", () => {
    const words = Array.from({ length: 20 }, (_, i) => `word${i}`).join(" ");
    const lines = toYaml({ description: words }).split("\n");
    expect(lines[0]!.length).toBeGreaterThan(80);
    expect(lines[1]!.startsWith("  word")).toBe(true);
  });
  it.each([
    ["a", "b", true],
    ["a2", "a10", true],
    ["a.b", "ab", true],
    ["app", "app.kubernetes.io/name", true],
  ])("key order: %s before %s", (a, b, want) => {
    expect(goYamlKeyLess(a, b)).toBe(want);
    expect(goYamlKeyLess(b, a)).toBe(!want);
  });
});

describe("toGoJson", () => {
  it("indents with four spaces and escapes HTML characters as Go does", () => {
    expect(toGoJson({ a: "<none>", b: [], c: {}, d: [1] })).toBe('{\n    "a": "\\u003cnone\\u003e",\n    "b": [],\n    "c": {},\n    "d": [\n        1\n    ]\n}\n');
  });
});

describe("evalJsonPath", () => {
  const data = {
    items: [
      { metadata: { name: "a", labels: { app: "web" } }, spec: { ports: [{ port: 80 }, { port: 443 }] } },
      { metadata: { name: "b", labels: { app: "db" } }, spec: { ports: [{ port: 5432 }] } },
    ],
  };
  it.each([
    ["{.items[0].metadata.name}", "a"],
    ["{.items[*].metadata.name}", "a b"],
    ["{.items[-1].metadata.name}", "b"],
    ["{.items[0:1].metadata.name}", "a"],
    ['{range .items[*]}{.metadata.name}{"\\n"}{end}', "a\nb\n"],
    ['{.items[?(@.metadata.labels.app=="db")].metadata.name}', "b"],
    ["{..port}", "80 443 5432"],
    ["{.items[0].spec.ports[*].port}", "80 443"],
    ["{.items[0].metadata.labels}", '{"app":"web"}'],
    ["name: {.items[1].metadata.name}!", "name: b!"],
    ["{.missing}", ""],
  ])("%s → %j", (tpl, want) => {
    expect(evalJsonPath(tpl, data)).toBe(want);
  });
});
