// Where a command's output goes. Through just-bash (so pipes and redirections see
// it), or, when the line is one plain command whose output nobody captures,
// straight to the terminal: just-bash's output path costs ~25 ms per 80 KB, which
// `kubectl get pods` over 1,000 pods would pay on every call, and streaming also
// keeps stdout and stderr in the order they were written.
import { parse } from "just-bash";
import type { Stream } from "./types.ts";

export type Sink = (text: string, stream: Stream) => void;

/** Output of one command: buffered for just-bash, or streamed to a sink. */
export class CommandOutput {
  stdout = "";
  stderr = "";
  constructor(private readonly sink: Sink | null) {}
  out(text: string): void {
    if (this.sink) this.sink(text, "stdout");
    else this.stdout += text;
  }
  err(text: string): void {
    if (this.sink) this.sink(text, "stderr");
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
 * True when `line` is a single simple command with no redirection, pipe, command
 * substitution, alias or function in play: its output can only go to the terminal.
 */
export function outputGoesToTerminal(line: string, isAliasOrFunction: (name: string) => boolean): boolean {
  let ast;
  try {
    ast = parse(line);
  } catch {
    return false;
  }
  if (ast.statements.length !== 1) return false;
  const st = ast.statements[0];
  if (st.background || st.pipelines.length !== 1 || st.pipelines[0].commands.length !== 1) return false;
  const cmd = st.pipelines[0].commands[0];
  if (cmd.type !== "SimpleCommand" || cmd.redirections.length > 0 || !cmd.name) return false;
  const name = cmd.name.parts.length === 1 && cmd.name.parts[0].type === "Literal" ? cmd.name.parts[0].value : undefined;
  if (!name || isAliasOrFunction(name)) return false;
  const text = JSON.stringify(cmd.args) + JSON.stringify(cmd.assignments);
  return !/"(CommandSubstitution|ProcessSubstitution)"/.test(text);
}
