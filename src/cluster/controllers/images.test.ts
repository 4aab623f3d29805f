import { describe, expect, it } from "vitest";
import { fullImageName, goDuration } from "./images.ts";

describe("goDuration (Go's Duration.String after Truncate(ms))", () => {
  it.each([
    [0, "0ms"],
    [825, "825ms"],
    [1012, "1.012s"],
    [1500, "1.5s"],
    [60_000, "1m0s"],
    [61_500, "1m1.5s"],
  ])("%d ms → %s", (ms, text) => {
    expect(goDuration(ms)).toBe(text);
  });
});

describe("fullImageName", () => {
  it.each([
    ["nginx", "docker.io/library/nginx:latest"],
    ["busybox:1.36", "docker.io/library/busybox:1.36"],
    ["nicolaka/netshoot", "docker.io/nicolaka/netshoot:latest"],
    ["registry.k8s.io/pause:3.10", "registry.k8s.io/pause:3.10"],
    ["localhost/app", "localhost/app:latest"],
  ])("%s → %s", (image, full) => {
    expect(fullImageName(image)).toBe(full);
  });
});
