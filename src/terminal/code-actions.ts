// What the buttons on code blocks type into the terminal.

/** The heredoc a YAML block becomes when the learner applies or saves it. */
export function heredoc(command: string, body: string): string {
  const text = body.replace(/\n+$/, "");
  // Pick a terminator that does not occur in the text itself.
  let end = "EOF";
  while (text.split("\n").includes(end)) end += "_";
  return `${command} <<'${end}'\n${text}\n${end}`;
}

/** File name for "Save as file": <name>.yaml from the manifest, else manifest.yaml. */
export function fileNameFor(yaml: string): string {
  const name = /^\s{2}name:\s*["']?([A-Za-z0-9._-]+)/m.exec(yaml)?.[1];
  const kind = /^kind:\s*(\w+)/m.exec(yaml)?.[1]?.toLowerCase();
  return name ? `${name}${kind ? `-${kind}` : ""}.yaml` : "manifest.yaml";
}
