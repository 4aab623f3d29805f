// The documented allowed differences (docs/conformance.md): each normalises both
// outputs the same way before the byte comparison, and says why it exists.
import type { Outcome } from "./harness.ts";

export interface Allowance {
  why: string;
  /** Applies to commands matching this pattern (the part after `kubectl`). */
  applies: RegExp;
  normalise(o: Outcome): Outcome;
}

export const ALLOWED: Allowance[] = [
  {
    why: "klog lines carry the wall-clock time and the process id of the real kubectl",
    applies: /.*/,
    normalise: (o) => ({ ...o, stderr: o.stderr.replace(/^([EWI])\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm, "$1MMDD hh:mm:ss.uuuuuu PID ") }),
  },
  {
    why: "the server address and port differ between the served cluster and the in-browser one",
    applies: /^(cluster-info|config view)/,
    normalise: (o) => ({ ...o, stdout: o.stdout.replace(/https?:\/\/[0-9.:\[\]a-z]+(:\d+)?/g, "SERVER") }),
  },
  {
    why: "the served kubeconfig is plain http with no credentials; the in-browser one is kubeadm's admin.conf with certificates",
    applies: /^config view/,
    normalise: (o) => ({
      ...o,
      stdout: o.stdout
        .replace(/^ {4}(insecure-skip-tls-verify: true|certificate-authority-data: DATA\+OMITTED)\n/gm, "")
        .replace(/^ {2}user:\n {4}client-certificate-data: DATA\+OMITTED\n {4}client-key-data: DATA\+OMITTED\n/gm, "  user: {}\n"),
    }),
  },
  {
    why: "kubectl version prints the build strings of two different binaries and servers",
    applies: /^version/,
    normalise: (o) => ({ ...o, stdout: o.stdout.replace(/^(Client|Server) Version: .*$/gm, "$1 Version: VERSION") }),
  },
  {
    why: "the real kubectl colours cluster-info only when stdout is a terminal; the harness pipes it, while our kubectl always writes to a terminal",
    applies: /^cluster-info/,
    normalise: (o) => ({ ...o, stdout: o.stdout.replace(/\x1b\[[0-9;]*m/g, "") }),
  },
];

export function normalise(cmd: string, o: Outcome): Outcome {
  return ALLOWED.filter((a) => a.applies.test(cmd)).reduce((acc, a) => a.normalise(acc), o);
}
