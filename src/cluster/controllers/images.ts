// Container images as the kubelet reports them: the full reference an image name stands
// for, its size in pull events, and Go's duration format those events use.
import { fnv32a } from "./hash.ts";

/** Go's time.Duration.String() after Truncate(time.Millisecond). */
export function goDuration(ms: number): string {
  const m = Math.floor(ms);
  if (m < 1000) return `${m}ms`;
  const minutes = Math.floor(m / 60000);
  // Whole minutes still print their seconds: 1m0s.
  const secs = ((m % 60000) / 1000).toFixed(3).replace(/\.?0+$/, "") || "0";
  return minutes ? `${minutes}m${secs}s` : `${secs}s`;
}

/** Where an image really comes from: `nginx` is docker.io/library/nginx:latest. */
export function fullImageName(image: string): string {
  let name = image;
  if (!/[:@]/.test(name.slice(name.lastIndexOf("/") + 1))) name += ":latest";
  const first = name.split("/")[0];
  if (!name.includes("/")) return `docker.io/library/${name}`;
  if (!first.includes(".") && !first.includes(":") && first !== "localhost") return `docker.io/${name}`;
  return name;
}

// Sizes of the images labs use, as containerd reports them (compressed bytes).
export const IMAGE_SIZES: Record<string, number> = {
  "docker.io/library/nginx:latest": 72950154,
  "docker.io/library/busybox:latest": 2166802,
  "docker.io/nicolaka/netshoot:latest": 209640497,
  "docker.io/curlimages/curl:latest": 11933612,
};

export function imageSize(full: string): number {
  return IMAGE_SIZES[full] ?? 5_000_000 + (fnv32a(full) % 200_000_000);
}
