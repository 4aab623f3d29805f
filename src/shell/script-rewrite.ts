// Rewriting what the learner typed before just-bash runs it (hidden loop ticks,
// live-output redirections): only when the rewrite changed something, so an
// ordinary line runs exactly as typed, and a line that does not parse runs as is
// (bash's own error then names it).
import { parse, serialize, type ScriptNode } from "just-bash";

/** `edit` changes the AST in place and says whether it did. */
export function rewriteScript(script: string, edit: (ast: ScriptNode) => boolean): string {
  let ast: ScriptNode;
  try {
    ast = parse(script);
  } catch {
    return script;
  }
  return edit(ast) ? serialize(ast) : script;
}
