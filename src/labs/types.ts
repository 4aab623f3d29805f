// The lab format: what a lab.md frontmatter declares once it has been validated.
import type { Source } from "../cluster/index.ts";

export type LabId = string & { readonly __brand: "LabId" };
export type StepId = string & { readonly __brand: "StepId" };

/** How a field (or a whole value) must look: equal to a scalar, matching a regex, or missing. */
export type FieldMatcher =
  | { kind: "equals"; value: unknown }
  | { kind: "regex"; regex: RegExp }
  | { kind: "absent" }
  | { kind: "length"; length: number };

export interface ObjectQuery {
  resource: string;
  namespace?: string;
  name?: string;
  selector?: string;
  fields: { path: string; matcher: FieldMatcher }[];
}

export type RequestExpectation =
  | { kind: "succeeds" }
  | { kind: "fails"; outcome?: string }
  | { kind: "status"; status: number }
  | { kind: "body"; regex: RegExp };

/** Where the expected DNS answer comes from: literal IPs, the IPs of selected pods, or a Service's ClusterIP. */
export type DnsExpectation =
  | { kind: "ips"; ips: string[] }
  | { kind: "podIPs"; selector: string; namespace: string }
  | { kind: "serviceIP"; name: string; namespace: string }
  | { kind: "rcode"; rcode: string };

export type Check =
  | { kind: "exists"; query: ObjectQuery; count?: number; min?: number }
  | { kind: "absent"; query: ObjectQuery }
  | {
      kind: "request";
      from: Source;
      to: string;
      port?: number;
      protocol?: "TCP" | "UDP";
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      insecure?: boolean;
      timeoutMs?: number;
      expect: RequestExpectation[];
    }
  | { kind: "dns"; from: Source; name: string; type: "A" | "AAAA" | "SRV" | "CNAME" | "PTR"; expect: DnsExpectation }
  /** `sinceStepStart`: only lines run after the previous step was done count (to ask for a retry after a change). */
  | { kind: "ran"; pattern: RegExp; sinceStepStart?: boolean }
  | { kind: "all"; checks: Check[] }
  | { kind: "any"; checks: Check[] }
  | { kind: "not"; check: Check };

export interface LabStep {
  id: StepId;
  title: string;
  check: Check;
  /** The check as the author wrote it, kept for the page and for error messages. */
  checkSource: unknown;
  hint: string;
  /** What the learner would type, line by line (heredoc bodies included). */
  solution: string[];
}

export interface Lab {
  id: LabId;
  title: string;
  summary: string;
  minutes: number;
  /** Wiki-link targets of the notes this lab practises ("K8s网络原理#ClusterIP（默认）"). */
  notes: string[];
  /** Path of the cluster file, relative to the lab folder. */
  cluster: string;
  steps: LabStep[];
  /** The Markdown after the frontmatter. */
  body: string;
}

/** A problem in a lab file, precise enough for the author to fix it without a stack trace. */
export interface LabError {
  file: string;
  step?: string;
  message: string;
}

export type StepStatus = "pending" | "done" | "failed";
