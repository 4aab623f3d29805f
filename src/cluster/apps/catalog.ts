// What containers do: the images labs use, which ports they listen on given their
// arguments, how they answer HTTP, and what their shell looks like. The shell
// engineer reads `imageProfile`/`shellOf`; the packet walk reads `runningApp`.
import type { ImageBehavior } from "../types.ts";
import type { HttpRequest, HttpResponse } from "../net/types.ts";
import type { L4Protocol } from "../net/model.ts";
import { byteLength, goResponse, header, nginxErrorPage, nginxResponse, nginxTimeLocal, splitQuery } from "./http.ts";
import { mainProcess } from "./main-process.ts";

/** Which implementation a tool name maps to, since output differs (BusyBox vs BIND nslookup...). */
export type ToolFlavour = "busybox" | "bind" | "iputils" | "gnu" | "openbsd" | "iproute2" | "curl";

export type PromptStyle =
  /** Debian bash as root: "root@<hostname>:<cwd>#" */
  | "debian-root"
  /** Alpine bash (netshoot): "<hostname>:<cwd>#" with ~ for /root */
  | "alpine-bash"
  /** BusyBox/Alpine ash as root: "<cwd> #" */
  | "ash-root"
  /** BusyBox/Alpine ash as a user: "<cwd> $" */
  | "ash-user"
  /** bash without a PS1 (Oracle Linux mysql): "bash-5.1#" */
  | "bash-plain";

export interface ImageProfile extends ImageBehavior {
  /** Canonical short name: "nginx", "nicolaka/netshoot", "registry.k8s.io/e2e-test-images/agnhost". */
  id: string;
  ports: { port: number; protocol?: "TCP" | "UDP" }[];
  tools: string[];
  shell: string | null;
  flavours: Record<string, ToolFlavour>;
  prompt: PromptStyle;
  workdir: string;
  user: string;
}

const BUSYBOX_TOOLS = [
  "sh", "ash", "cat", "echo", "env", "hostname", "ls", "ps", "sleep", "printenv", "id", "whoami", "uname", "date", "grep", "head", "tail", "wc", "vi",
  "nslookup", "wget", "ping", "traceroute", "nc", "ip", "ifconfig", "route", "netstat", "telnet", "arp", "hostname",
];
const BUSYBOX_FLAVOURS: Record<string, ToolFlavour> = { nslookup: "busybox", ping: "busybox", traceroute: "busybox", nc: "busybox", ip: "busybox", wget: "busybox" };

const NETSHOOT_TOOLS = [
  "bash", "sh", "zsh", "cat", "echo", "env", "hostname", "ls", "ps", "sleep", "printenv", "id", "whoami", "uname", "date", "grep", "head", "tail", "wc", "vi", "vim", "jq",
  "dig", "nslookup", "host", "drill", "curl", "wget", "http", "ping", "arping", "tracepath", "traceroute", "mtr", "fping", "nc", "socat", "nmap", "tcpdump", "tshark", "termshark",
  "ip", "ss", "netstat", "ifconfig", "route", "bridge", "ethtool", "iptables", "iptables-save", "ip6tables", "nft", "ipset", "ipvsadm", "conntrack", "calicoctl", "iperf", "iperf3",
  "openssl", "grpcurl", "websocat", "ctop", "strace", "ltrace", "telnet", "ssh", "swaks", "speedtest-cli", "fortio", "ab",
];

const DEBIAN_MIN = ["bash", "sh", "cat", "echo", "env", "hostname", "ls", "ps", "sleep", "printenv", "id", "whoami", "uname", "date", "grep", "head", "tail", "wc"];

function profile(p: Partial<ImageProfile> & { id: string }): ImageProfile {
  return { ports: [], tools: [], shell: null, flavours: {}, prompt: "ash-root", workdir: "/", user: "root", ...p };
}

const CATALOG: ImageProfile[] = [
  // The Debian-based official image ships curl but no ping, nslookup or ip.
  profile({ id: "nginx", ports: [{ port: 80 }], tools: [...DEBIAN_MIN, "curl"], shell: "bash", flavours: { curl: "curl" }, prompt: "debian-root" }),
  profile({ id: "busybox", tools: BUSYBOX_TOOLS, shell: "sh", flavours: BUSYBOX_FLAVOURS, prompt: "ash-root" }),
  profile({ id: "alpine", tools: BUSYBOX_TOOLS, shell: "sh", flavours: BUSYBOX_FLAVOURS, prompt: "ash-root" }),
  profile({
    id: "nicolaka/netshoot",
    tools: NETSHOOT_TOOLS,
    shell: "bash",
    flavours: { nslookup: "bind", dig: "bind", host: "bind", ping: "iputils", traceroute: "busybox", nc: "openbsd", ip: "iproute2", curl: "curl", wget: "busybox" },
    prompt: "alpine-bash",
    workdir: "/root",
  }),
  profile({ id: "curlimages/curl", tools: [...BUSYBOX_TOOLS, "curl"], shell: "sh", flavours: { ...BUSYBOX_FLAVOURS, curl: "curl" }, prompt: "ash-user", workdir: "/home/curl_user", user: "curl_user" }),
  // agnhost: ports depend on the subcommand (see runningApp); the image is Debian-based with a shell.
  profile({ id: "registry.k8s.io/e2e-test-images/agnhost", tools: [...DEBIAN_MIN, "curl", "nc", "nslookup", "dig", "ping", "ip"], shell: "sh", flavours: { nslookup: "bind", dig: "bind", ping: "iputils", nc: "openbsd", ip: "iproute2", curl: "curl" }, prompt: "ash-root" }),
  profile({ id: "hashicorp/http-echo", ports: [{ port: 5678 }] }),
  profile({ id: "traefik/whoami", ports: [{ port: 80 }] }),
  profile({ id: "mysql", ports: [{ port: 3306 }, { port: 33060 }], tools: [...DEBIAN_MIN, "mysql"], shell: "bash", prompt: "bash-plain" }),
  profile({ id: "redis", ports: [{ port: 6379 }], tools: [...DEBIAN_MIN, "redis-cli"], shell: "bash", prompt: "debian-root", workdir: "/data" }),
  profile({ id: "registry.k8s.io/pause" }),
  profile({ id: "registry.k8s.io/ingress-nginx/controller", ports: [{ port: 80 }, { port: 443 }, { port: 8443 }, { port: 10254 }], tools: [...BUSYBOX_TOOLS, "bash", "curl"], shell: "bash", flavours: { ...BUSYBOX_FLAVOURS, curl: "curl" }, prompt: "ash-user", workdir: "/etc/nginx", user: "www-data" }),
  // distroless-iptables: the netfilter tools kube-proxy needs, no shell (exec only runs them directly).
  profile({ id: "registry.k8s.io/kube-proxy", tools: ["iptables", "iptables-save", "iptables-restore", "ip6tables", "ip6tables-save", "ipset", "conntrack", "kube-proxy"], flavours: { iptables: "gnu" } }),
  profile({ id: "registry.k8s.io/coredns/coredns", ports: [{ port: 53, protocol: "UDP" }, { port: 53 }, { port: 9153 }, { port: 8080 }, { port: 8181 }] }),
];

const ALIASES: Record<string, string> = {
  "k8s.gcr.io/pause": "registry.k8s.io/pause",
  "gcr.io/kubernetes-e2e-test-images/agnhost": "registry.k8s.io/e2e-test-images/agnhost",
  "k8s.gcr.io/e2e-test-images/agnhost": "registry.k8s.io/e2e-test-images/agnhost",
  "k8s.gcr.io/ingress-nginx/controller": "registry.k8s.io/ingress-nginx/controller",
  "coredns/coredns": "registry.k8s.io/coredns/coredns",
  "containous/whoami": "traefik/whoami",
  "netshoot": "nicolaka/netshoot",
};

/** Strip the tag, digest and the implicit Docker Hub prefixes: "docker.io/library/nginx:1.27" → "nginx". */
export function normalizeImage(image: string): string {
  let s = image.trim().toLowerCase();
  const at = s.indexOf("@");
  if (at >= 0) s = s.slice(0, at);
  const slash = s.lastIndexOf("/");
  const colon = s.lastIndexOf(":");
  if (colon > slash) s = s.slice(0, colon);
  s = s.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, "").replace(/^library\//, "");
  return ALIASES[s] ?? s;
}

function findOverride(image: string, overrides: Record<string, ImageBehavior>): ImageBehavior | undefined {
  if (overrides[image]) return overrides[image];
  const id = normalizeImage(image);
  for (const key of Object.keys(overrides)) if (normalizeImage(key) === id) return overrides[key];
  return undefined;
}

/** The full profile of an image: catalogue entry, overlaid with the cluster file's declaration. */
export function imageProfile(image: string, overrides: Record<string, ImageBehavior> = {}): ImageProfile {
  const id = normalizeImage(image);
  const base = CATALOG.find((p) => p.id === id) ?? profile({ id });
  const o = findOverride(image, overrides);
  if (!o) return base;
  return {
    ...base,
    ...(o.ports ? { ports: o.ports } : {}),
    ...(o.http ? { http: o.http } : {}),
    ...(o.tools ? { tools: o.tools } : {}),
    ...(o.shell !== undefined ? { shell: o.shell } : {}),
  };
}

export function imageBehavior(image: string, overrides: Record<string, ImageBehavior>): ImageBehavior {
  const p = imageProfile(image, overrides);
  return { ports: p.ports, ...(p.http ? { http: p.http } : {}), tools: p.tools, shell: p.shell };
}

export interface ShellInfo {
  /** "bash", "sh", or null when the image has no shell (exec fails with "executable file not found"). */
  shell: string | null;
  prompt: PromptStyle;
  workdir: string;
  user: string;
  tools: string[];
  flavours: Record<string, ToolFlavour>;
}

export function shellOf(image: string, overrides: Record<string, ImageBehavior> = {}): ShellInfo {
  const p = imageProfile(image, overrides);
  return { shell: p.shell, prompt: p.prompt, workdir: p.workdir, user: p.user, tools: p.tools, flavours: p.flavours };
}

/** The prompt text for a style: renderPrompt("alpine-bash", "tmp", "/root", "/root") → "tmp:~# ". */
export function renderPrompt(style: PromptStyle, hostname: string, cwd: string, home = "/root"): string {
  const short = cwd === home ? "~" : cwd.startsWith(home + "/") ? "~" + cwd.slice(home.length) : cwd;
  switch (style) {
    case "debian-root":
      return `root@${hostname}:${short}# `;
    case "alpine-bash":
      return `${hostname}:${short}# `;
    case "ash-root":
      return `${short} # `;
    case "ash-user":
      return `${short} $ `;
    case "bash-plain":
      return "bash-5.1# ";
  }
}

// ---- what a running container does -------------------------------------------

export interface AppContext {
  now: number;
  /** The pod's hostname (its name, or spec.hostname). */
  hostname: string;
  podIP: string;
  clientIP: string;
  clientPort: number;
  localPort: number;
  /** When the container started (ms), for uptime-style answers. */
  startedAt?: number;
}

export interface RunningApp {
  id: string;
  listens: { port: number; protocol: L4Protocol }[];
  /** Answer an HTTP request, or undefined when the port does not speak HTTP. */
  http?(req: HttpRequest, ctx: AppContext): HttpResponse | undefined;
  /** What a raw TCP client (nc) reads first, if the server speaks first. */
  banner?(ctx: AppContext): string | undefined;
  /** The access-log line the app writes for an HTTP exchange, if it logs. */
  accessLog?(req: HttpRequest, res: HttpResponse, ctx: AppContext): string | undefined;
}

/** Read "--flag=value", "--flag value", "-flag=value", "-flag value" from an argv. */
export function flagValue(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    for (const dash of ["--", "-"]) {
      if (a === dash + name) return argv[i + 1];
      if (a.startsWith(`${dash}${name}=`)) return a.slice(dash.length + name.length + 1);
    }
  }
  return undefined;
}

function portOf(listen: string | undefined, fallback: number): number {
  if (!listen) return fallback;
  const m = /(\d+)$/.exec(listen);
  const n = m ? Number(m[1]) : NaN;
  return n >= 1 && n <= 65535 ? n : fallback;
}

// The page shipped in nginx's html/index.html (615 bytes), served by the official image.
export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;
export const NGINX_VERSION = "nginx/1.27.4";
// The last patch release behind each minor tag of the official image.
const NGINX_MINOR_TAGS: Record<string, string> = { "1.24": "1.24.0", "1.25": "1.25.5", "1.26": "1.26.3", "1.27": "1.27.5", "1.28": "1.28.0" };

/** The Server header an nginx image sends: nginx:1.27.4 → nginx/1.27.4, nginx:1.27 → its last patch, else the default. */
export function nginxServerFor(image: string): string {
  const tag = /:([^/:@]+)(@|$)/.exec(image.trim())?.[1] ?? "";
  const m = /^(\d+\.\d+)(\.\d+)?/.exec(tag);
  if (m?.[2]) return `nginx/${m[1]}${m[2]}`;
  if (m && NGINX_MINOR_TAGS[m[1]]) return `nginx/${NGINX_MINOR_TAGS[m[1]]}`;
  return NGINX_VERSION;
}
// html/index.html's mtime in each Debian-based official image, as its 200 response reports it
// (Last-Modified, and ETag "<hex mtime>-<hex size>"); every value read off a captured response.
const NGINX_INDEX_MTIMES: Record<string, number> = {
  "nginx/1.25.3": Date.UTC(2023, 9, 24, 13, 46, 47), // ETag "6537cac7-267"
  "nginx/1.27.3": Date.UTC(2024, 10, 26, 15, 55, 0), // "6745ef54-267"
  "nginx/1.27.4": Date.UTC(2025, 1, 5, 11, 6, 32), // "67a34638-267"
  "nginx/1.27.5": Date.UTC(2025, 3, 16, 12, 1, 11), // "67ff9c07-267"
  "nginx/1.29.0": Date.UTC(2025, 5, 24, 17, 22, 41), // "685adee1-267"
};

/** The welcome page's mtime for an nginx version; versions without a capture borrow the default image's. */
export function nginxIndexMtime(server: string): number {
  return NGINX_INDEX_MTIMES[server] ?? NGINX_INDEX_MTIMES[NGINX_VERSION];
}

function nginxApp(server: string): RunningApp {
  return {
    id: "nginx",
    listens: [{ port: 80, protocol: "TCP" }],
    http(req, ctx) {
      const { path } = splitQuery(req.path);
      const isIndex = path === "/" || path === "/index.html";
      if (isIndex && req.method !== "GET" && req.method !== "HEAD") return nginxResponse(405, server, ctx.now, nginxErrorPage(405, server));
      if (!isIndex && path !== "/50x.html") return nginxResponse(404, server, ctx.now, nginxErrorPage(404, server));
      const body = NGINX_WELCOME;
      const size = byteLength(body);
      const mtime = nginxIndexMtime(server);
      const etag = `"${Math.floor(mtime / 1000).toString(16)}-${size.toString(16)}"`;
      const res = nginxResponse(200, server, ctx.now, body);
      // nginx puts Last-Modified before Connection, and ETag/Accept-Ranges after it.
      const conn = res.headers.pop()!;
      res.headers.push(["Last-Modified", new Date(mtime).toUTCString()], conn, ["ETag", etag], ["Accept-Ranges", "bytes"]);
      return res;
    },
    accessLog(req, res, ctx) {
      const ua = header(req.headers, "User-Agent") ?? "-";
      const referer = header(req.headers, "Referer") ?? "-";
      const xff = header(req.headers, "X-Forwarded-For") ?? "-";
      const bytes = req.method === "HEAD" ? 0 : byteLength(res.body);
      return `${ctx.clientIP} - - [${nginxTimeLocal(ctx.now)}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${bytes} "${referer}" "${ua}" "${xff}"`;
    },
  };
}

/** Go's time.Now().String() in UTC, with the monotonic reading since the process started: "... +0000 UTC m=+12.000000001". */
function goTimeString(ms: number, startedAt?: number): string {
  const iso = new Date(ms).toISOString(); // 2026-01-01T00:00:00.000Z
  const mono = startedAt !== undefined && ms >= startedAt ? ` m=+${((ms - startedAt) / 1000).toFixed(9)}` : "";
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${iso.slice(20, 23)}000000 +0000 UTC${mono}`;
}

function agnhostApp(argv: string[]): RunningApp {
  const sub = argv.find((a) => !a.startsWith("-")) ?? "";
  if (sub === "serve-hostname") {
    const port = Number(flagValue(argv, "port") ?? 9376);
    const udp = flagValue(argv, "udp") === "true" || argv.includes("--udp");
    const tcp = flagValue(argv, "tcp") === "true" || argv.includes("--tcp");
    const http = !(flagValue(argv, "http") === "false");
    const listens: RunningApp["listens"] = [];
    if (http || tcp) listens.push({ port, protocol: "TCP" });
    if (udp) listens.push({ port, protocol: "UDP" });
    return {
      id: "agnhost serve-hostname",
      listens,
      http: http ? (_req, ctx) => goResponse(200, ctx.now, ctx.hostname) : undefined,
      banner: tcp ? (ctx) => ctx.hostname : undefined,
    };
  }
  if (sub === "netexec") {
    const httpPort = Number(flagValue(argv, "http-port") ?? 8080);
    const udpPort = Number(flagValue(argv, "udp-port") ?? 8081);
    const listens: RunningApp["listens"] = [{ port: httpPort, protocol: "TCP" }];
    if (udpPort > 0) listens.push({ port: udpPort, protocol: "UDP" });
    return {
      id: "agnhost netexec",
      listens,
      http(req, ctx) {
        const { path, query } = splitQuery(req.path);
        // Go's ServeMux: "/" catches every path no other handler claims.
        switch (path) {
          case "/hostname":
          case "/hostName":
            return goResponse(200, ctx.now, ctx.hostname);
          case "/echo": {
            const code = query.get("code");
            if (code && !/^\d+$/.test(code)) return goResponse(200, ctx.now, `argument 'code' must be an integer or empty, got ${JSON.stringify(code)}\n`);
            return goResponse(code ? Number(code) : 200, ctx.now, query.get("msg") ?? "");
          }
          case "/clientip":
            return goResponse(200, ctx.now, `${ctx.clientIP}:${ctx.clientPort}`);
          case "/healthz":
            return goResponse(200, ctx.now, "");
          case "/shell": {
            const cmd = query.get("shellCommand") || query.get("cmd") || "";
            const out = /^\s*hostname\s*$/.test(cmd) ? `${ctx.hostname}\n` : "";
            return goResponse(200, ctx.now, JSON.stringify(out ? { output: out } : {}));
          }
          default:
            return goResponse(200, ctx.now, `NOW: ${goTimeString(ctx.now, ctx.startedAt)}`);
        }
      },
    };
  }
  // connect, pause, dns-*, and no subcommand: agnhost listens on nothing.
  return { id: `agnhost ${sub}`.trim(), listens: [] };
}

function httpEchoApp(argv: string[]): RunningApp {
  const text = flagValue(argv, "text") ?? "";
  const port = portOf(flagValue(argv, "listen"), 5678);
  return {
    id: "http-echo",
    listens: [{ port, protocol: "TCP" }],
    http: (_req, ctx) => goResponse(200, ctx.now, `${text}\n`, [["X-App-Name", "http-echo"], ["X-App-Version", "1.0.0"]]),
    // handlers.go httpLog: date, Host, RemoteAddr, "METHOD path proto", status, length, "UA", duration.
    accessLog(req, res, ctx) {
      const d = new Date(ctx.now).toISOString();
      const stamp = `${d.slice(0, 10).replace(/-/g, "/")} ${d.slice(11, 19)}`;
      const host = header(req.headers, "Host") ?? "";
      return `${stamp} ${host} ${ctx.clientIP}:${ctx.clientPort} "${req.method} ${splitQuery(req.path).path} HTTP/1.1" ${res.status} ${byteLength(res.body)} "${header(req.headers, "User-Agent") ?? ""}" 41.3µs`;
    },
  };
}

function whoamiApp(argv: string[]): RunningApp {
  const port = Number(flagValue(argv, "port") ?? 80);
  return {
    id: "whoami",
    listens: [{ port, protocol: "TCP" }],
    http(req, ctx) {
      // One "IP:" line per interface address: lo (127.0.0.1, ::1), then eth0.
      const lines = [`Hostname: ${ctx.hostname}`, "IP: 127.0.0.1", "IP: ::1", `IP: ${ctx.podIP}`, `RemoteAddr: ${ctx.clientIP}:${ctx.clientPort}`];
      // The request is echoed as Go's Request.Write puts it: request line, Host, User-Agent, then the rest sorted.
      const reqLines = [`${req.method} ${req.path} HTTP/1.1`];
      const host = header(req.headers, "Host");
      if (host) reqLines.push(`Host: ${host}`);
      // Request.Write puts Go's own agent in when the client sent none.
      reqLines.push(`User-Agent: ${header(req.headers, "User-Agent") ?? "Go-http-client/1.1"}`);
      const rest = Object.keys(req.headers)
        .filter((k) => !["host", "user-agent"].includes(k.toLowerCase()))
        .map((k) => [canonicalHeader(k), req.headers[k]] as const)
        .sort((a, b) => (a[0] < b[0] ? -1 : 1));
      for (const [k, v] of rest) reqLines.push(`${k}: ${v}`);
      const body = `${lines.join("\n")}\n${reqLines.join("\r\n")}\r\n\r\n`;
      return goResponse(200, ctx.now, body);
    },
  };
}

/** Go's textproto.CanonicalMIMEHeaderKey: "x-forwarded-for" → "X-Forwarded-For". */
export function canonicalHeader(k: string): string {
  return k
    .split("-")
    .map((w) => (w ? w[0].toUpperCase() + w.slice(1).toLowerCase() : w))
    .join("-");
}

function fixedApp(id: string, ports: { port: number; protocol?: "TCP" | "UDP" }[], http?: ImageBehavior["http"]): RunningApp {
  return {
    id,
    listens: ports.map((p) => ({ port: p.port, protocol: p.protocol ?? "TCP" })),
    http: http
      ? (_req, ctx) => {
          const status = http.status ?? 200;
          const body = http.body ?? "";
          const extra = Object.entries(http.headers ?? {});
          const hasType = extra.some(([k]) => k.toLowerCase() === "content-type");
          const res = goResponse(status, ctx.now, body, extra.filter(([k]) => k.toLowerCase() !== "content-type"), hasType ? extra.find(([k]) => k.toLowerCase() === "content-type")![1] : "text/plain; charset=utf-8");
          return res;
        }
      : undefined,
  };
}

/**
 * What a container started from `image` with this command and args does. Args
 * matter: `agnhost netexec --http-port=8081`, `http-echo -text=hi -listen=:8080`.
 */
export function runningApp(image: string, command: string[], args: string[], overrides: Record<string, ImageBehavior> = {}): RunningApp {
  const override = findOverride(image, overrides);
  if (override && (override.ports || override.http)) return fixedApp(normalizeImage(image), override.ports ?? [], override.http);
  const id = normalizeImage(image);
  // `nginx -- sleep 3600` runs sleep, not nginx: a main process that is not a server listens on nothing.
  if (mainProcess({ image, command, args }, overrides).kind !== "serve") return { id, listens: [] };
  const argv = [...command, ...args];
  switch (id) {
    case "nginx":
      return nginxApp(nginxServerFor(image));
    case "registry.k8s.io/e2e-test-images/agnhost":
      return agnhostApp(argv);
    case "hashicorp/http-echo":
      return httpEchoApp(argv);
    case "traefik/whoami":
      return whoamiApp(argv);
    case "mysql":
      return {
        id,
        listens: [{ port: 3306, protocol: "TCP" }, { port: 33060, protocol: "TCP" }],
        // The server greeting starts with the protocol version byte (10) and the version string.
        banner: (ctx) => (ctx.localPort === 3306 ? "J\u0000\u0000\u0000\n8.4.3\u0000" : undefined),
      };
    case "redis":
      return { id, listens: [{ port: 6379, protocol: "TCP" }] };
    default: {
      const p = imageProfile(image, overrides);
      return { id, listens: p.ports.map((q) => ({ port: q.port, protocol: q.protocol ?? "TCP" })) };
    }
  }
}
