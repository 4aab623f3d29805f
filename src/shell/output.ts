// Where a command's output goes. Through just-bash (so pipes and redirections see
// it), or, when the line is one plain command whose output nobody captures,
// straight to the terminal: just-bash's output path costs ~25 ms per 80 KB, which
// `kubectl get pods` over 1,000 pods would pay on every call, and streaming also
// keeps stdout and stderr in the order they were written.
import { parse } from "just-bash";
import type { Stream } from "./types.ts";

export type Sink = (text: string, stream: Stream) => void;

/** For each stream, the terminal it may be written to directly, or null when it must go through just-bash. */
export interface Direct {
  stdout: Sink | null;
  stderr: Sink | null;
}

export const BUFFERED: Direct = { stdout: null, stderr: null };

/** Output of one command: buffered for just-bash, or streamed to the terminal. */
export class CommandOutput {
  stdout = "";
  stderr = "";
  constructor(private readonly direct: Direct) {}
  out(text: string): void {
    if (this.direct.stdout) this.direct.stdout(text, "stdout");
    else this.stdout += text;
  }
  err(text: string): void {
    // Once stdout is being held back, later stderr waits too, so it cannot jump ahead of it.
    if (this.direct.stderr && (this.direct.stdout || this.stdout === "")) this.direct.stderr(text, "stderr");
    else this.stderr += text;
  }
  /** Hand what is buffered to the terminal now (before a nested shell takes over). */
  flush(to: Sink): void {
    if (this.stdout) to(this.stdout, "stdout");
    if (this.stderr) to(this.stderr, "stderr");
    this.stdout = this.stderr = "";
  }
}

/**
 * Which streams of the commands on `line` can only reach the terminal. stdout: the
 * line is one simple command with no redirection, pipe, command substitution, alias
 * or function in play. stderr: nothing on the line redirects file descriptor 2
 * (a pipe or $(…) does not capture stderr).
 */
export function streamsToTerminal(line: string, isAliasOrFunction: (name: string) => boolean): { stdout: boolean; stderr: boolean } {
  let ast;
  try {
    ast = parse(line);
  } catch {
    return { stdout: false, stderr: false };
  }
  const json = JSON.stringify(ast);
  const names = [...json.matchAll(/"type":"SimpleCommand","name":\{"type":"Word","parts":\[\{"type":"Literal","value":"((?:[^"\\]|\\.)*)"\}/g)].map((m) => m[1]);
  if (names.some(isAliasOrFunction) || /"type":"(FunctionDef)"/.test(json)) return { stdout: false, stderr: false };
  const stderr = !/"fd":2|"operator":"(&>|&>>|>&)"|\|&/.test(json) && !line.includes("|&");
  if (ast.statements.length !== 1) return { stdout: false, stderr };
  const st = ast.statements[0];
  if (st.background || st.pipelines.length !== 1 || st.pipelines[0].commands.length !== 1) return { stdout: false, stderr };
  const cmd = st.pipelines[0].commands[0];
  if (cmd.type !== "SimpleCommand" || cmd.redirections.length > 0 || !cmd.name) return { stdout: false, stderr };
  const text = JSON.stringify(cmd.args) + JSON.stringify(cmd.assignments);
  return { stdout: !/"(CommandSubstitution|ProcessSubstitution)"/.test(text), stderr };
}

/** Words that start or end shells or change how the rest of a line runs: such lines run whole. */
const RUNS_WHOLE = /(^|&&|\|\||\||;|\(|\{)\s*(ssh|exit|return|exec|set|trap|shopt|source|\.)(\s|$)|\bkubectl\b.*\s(-[a-zA-Z]*[it][a-zA-Z]*|--stdin|--tty)(\s|=|$)/;

/**
 * The top-level statements of `line` when they can run one at a time with the same
 * effect (no heredoc, no background job, nothing that enters or leaves a shell);
 * otherwise the line itself.
 */
export function statementsToRunApart(line: string): string[] {
  if (line.includes("<<")) return [line];
  let ast;
  try {
    ast = parse(line);
  } catch {
    return [line];
  }
  if (ast.statements.length < 2) return [line];
  const parts: string[] = [];
  for (const st of ast.statements) {
    const text = (st as { sourceText?: string }).sourceText;
    if (!text || st.background || RUNS_WHOLE.test(text)) return [line];
    parts.push(text);
  }
  return parts;
}
