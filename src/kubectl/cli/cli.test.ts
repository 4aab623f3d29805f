import { describe, expect, it } from "vitest";
import { FlagError, parseArgs } from "./parse.ts";
import { globalFlags, localFlags, rootCommandNames } from "./spec.ts";
import { levenshtein, suggestionsFor } from "./suggest.ts";

const specs = [...localFlags("get"), ...globalFlags()];

describe("parseArgs (pflag semantics)", () => {
  it.each([
    ["--namespace=a", "namespace", ["a"]],
    ["--namespace a", "namespace", ["a"]],
    ["-n a", "namespace", ["a"]],
    ["-na", "namespace", ["a"]],
    ["-n=a", "namespace", ["a"]],
    ["-A", "all-namespaces", ["true"]],
    ["--all-namespaces=false", "all-namespaces", ["false"]],
    ["-L a -L b", "label-columns", ["a", "b"]],
    ["pods -owide", "output", ["wide"]],
  ])("%s", (line, flag, want) => {
    expect(parseArgs(line.split(" "), specs).values.get(flag)).toEqual(want);
  });
  it("keeps positionals around flags and everything after --", () => {
    const p = parseArgs(["pods", "-n", "x", "web", "--", "-n", "y"], specs);
    expect(p.positionals).toEqual(["pods", "web", "-n", "y"]);
    expect(p.dashAt).toBe(2);
  });
  it.each([
    [["--foo"], "unknown flag: --foo"],
    [["-x"], "unknown shorthand flag: 'x' in -x"],
    [["-n"], "flag needs an argument: 'n' in -n"],
    [["--namespace"], "flag needs an argument: --namespace"],
    [["-A=maybe"], 'invalid argument "maybe" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "maybe": invalid syntax'],
  ])("%j fails with %s", (args, message) => {
    expect(() => parseArgs(args, specs)).toThrow(new FlagError(message));
  });
});

describe("flag specs come from the real help texts", () => {
  it("knows get's flags and their kinds", () => {
    const get = localFlags("get");
    expect(get.find((s) => s.name === "output")).toMatchObject({ shorthand: "o", kind: "string" });
    expect(get.find((s) => s.name === "watch")).toMatchObject({ shorthand: "w", kind: "bool" });
    expect(globalFlags().find((s) => s.name === "namespace")).toMatchObject({ shorthand: "n", kind: "string" });
    expect(localFlags("scale").find((s) => s.name === "replicas")).toMatchObject({ kind: "int" });
  });
});

describe("suggestions", () => {
  it.each([
    ["kitten", "sitting", 3],
    ["get", "gett", 1],
    ["", "abc", 3],
  ])("levenshtein(%s, %s) = %d", (a, b, d) => {
    expect(levenshtein(a, b)).toBe(d);
  });
  it("suggests commands within distance 2, in kubectl's command order", () => {
    expect(suggestionsFor("gett", rootCommandNames())).toEqual(["set", "get"]);
    expect(suggestionsFor("desribe", rootCommandNames())).toEqual(["describe"]);
  });
});
