// kubectl's error plumbing (cmdutil.CheckErr): what reaches stderr and the exit code.
import type { Status } from "../../cluster/index.ts";

/** `error: <message>` and exit 1 (or a custom text/code, e.g. exec's passthrough). */
export class CmdError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    /** When set, printed verbatim instead of `error: <message>\n`. */
    readonly raw?: string,
    /** Written to stdout before the error (a template's partial output and its debugging dump). */
    readonly stdout?: string,
  ) {
    super(message);
  }
}

/** `error: <message>` then `See 'kubectl <path> -h' for help and examples`. */
export function usageError(path: string, message: string): CmdError {
  return new CmdError(message, 1, `error: ${message}\nSee 'kubectl ${path} -h' for help and examples\n`);
}

/** A klog-style fatal line, as cobra's required-flag errors reach the user. */
export function requiredFlagError(now: number, flags: string[]): CmdError {
  const d = new Date(now);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  const stamp = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds() * 1000, 6)}`;
  const list = flags.map((f) => `\\"${f}\\"`).join(" ");
  return new CmdError("required flag(s) not set", 1, `E${stamp}    4242 run.go:72] "command failed" err="required flag(s) ${list} not set"\n`);
}

/** The text kubectl prints for an API Status error. */
export function statusText(status: Status, source?: string): string {
  if (status.reason === "Invalid") {
    // checkErr rebuilds the text from the details: one cause inline, several as `* ` lines.
    const d = status.details;
    if (!d) return "error: The request is invalid\n";
    const head = `The ${d.kind ?? ""} "${d.name ?? ""}" is invalid`;
    const causes = (d.causes ?? []).map((c) => (c.field ? `${c.field}: ${c.message ?? ""}` : c.message ?? ""));
    if (causes.length === 0) return head + "\n";
    if (causes.length === 1) return `${head}: ${causes[0]}\n`;
    return `${head}: \n` + causes.map((c) => `* ${c}\n`).join("");
  }
  const msg = source ? `error when ${source}: ${status.message}` : status.message;
  return status.reason ? `Error from server (${status.reason}): ${msg}\n` : `Error from server: ${msg}\n`;
}

export class StatusError extends CmdError {
  constructor(readonly status: Status, source?: string) {
    super(status.message, 1, statusText(status, source));
  }
}
