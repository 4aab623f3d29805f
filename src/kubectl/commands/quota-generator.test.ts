// create quota's object (create_quota.go): --hard parsed as resource=quantity pairs and
// written back as resource.Quantity marshals them, --scopes passed through unchecked.
// Byte-for-byte output against the real kubectl is in test/kubectl/conformance.test.ts.
import { describe, expect, it } from "vitest";
import { quotaObject } from "./quota-generator.ts";

describe("create quota object", () => {
  it.each([
    ["", "", {}],
    ["pods=2,cpu=1000m", "", { hard: { cpu: "1", pods: "2" } }],
    ["memory=1024Mi,memory=1.5Gi", "", { hard: { memory: "1536Mi" } }],
    ["secrets=007,services=+1,=1", "", { hard: { "": "1", secrets: "007", services: "+1" } }],
    ["pods=1", "BestEffort,Foo", { hard: { pods: "1" }, scopes: ["BestEffort", "Foo"] }],
    ["", "NotTerminating", { scopes: ["NotTerminating"] }],
  ])("--hard=%j --scopes=%j", (hard, scopes, spec) => {
    expect(quotaObject("q", undefined, hard, scopes)).toEqual({ kind: "ResourceQuota", apiVersion: "v1", metadata: { name: "q", creationTimestamp: null }, spec, status: {} });
  });

  it.each([
    ["pods", "", "Invalid argument syntax pods, expected <resource>=<value>"],
    ["pods=1=2", "", "Invalid argument syntax pods=1=2, expected <resource>=<value>"],
    ["pods=1,", "", "Invalid argument syntax , expected <resource>=<value>"],
    ["cpu= 1", "", "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ["cpu=1iK", "", "unable to parse quantity's suffix"],
    ["pods=1", "a,,b", 'invalid resource quota scope ""'],
    ["", ",", 'invalid resource quota scope ""'],
  ])("--hard=%j --scopes=%j fails: %s", (hard, scopes, message) => {
    expect(() => quotaObject("q", undefined, hard, scopes)).toThrow(message);
  });

  it("puts the namespace in only when one was given", () => {
    expect(quotaObject("q", "shop", "pods=1", "").metadata).toEqual({ name: "q", namespace: "shop", creationTimestamp: null });
  });
});
