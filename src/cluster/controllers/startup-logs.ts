// What a container prints when it starts, for `kubectl logs`. Only images whose
// real start-up output we know are listed; the rest start silently.
import type { KObject } from "../api/types.ts";

type Container = { name?: string; image?: string; command?: unknown; args?: unknown };

function repo(image: string): string {
  const noDigest = image.split("@")[0];
  const last = noDigest.lastIndexOf(":");
  const noTag = last > noDigest.lastIndexOf("/") ? noDigest.slice(0, last) : noDigest;
  return noTag.replace(/^docker\.io\//, "").replace(/^library\//, "");
}

/** nginx's docker-entrypoint.sh and the master/worker notices (nginx 1.27 on Debian bookworm). */
function nginxLines(now: number): string[] {
  const d = new Date(now);
  const p = (n: number) => String(n).padStart(2, "0");
  const t = `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  return [
    "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
    "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
    "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
    "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
    "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
    "/docker-entrypoint.sh: Configuration complete; ready for start up",
    `${t} [notice] 1#1: using the "epoll" event method`,
    `${t} [notice] 1#1: nginx/1.27.3`,
    `${t} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) `,
    `${t} [notice] 1#1: OS: Linux 6.1.0-28-amd64`,
    `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
    `${t} [notice] 1#1: start worker processes`,
    // worker_processes auto: one per CPU (the nodes have 4).
    ...[29, 30, 31, 32].map((pid) => `${t} [notice] 1#1: start worker process ${pid}`),
  ];
}

export function startupLog(c: Container, _pod: KObject, now: number): string[] {
  const r = repo(c.image ?? "");
  // A custom command replaces the entrypoint, and with it the banner.
  if (c.command !== undefined) return [];
  if (r === "nginx") return nginxLines(now);
  return [];
}
