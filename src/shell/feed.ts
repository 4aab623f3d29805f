// Typing lines into a session as a terminal does: a line that leaves a heredoc or a
// quote open waits for the next ("> " prompt), then the whole buffer runs as one input.
import type { Session } from "./types.ts";

export interface FeedOptions {
  /** Called before each line with the prompt the terminal shows for it ("$ " or "> "). */
  echo?(prompt: string, line: string): void;
}

/** Resolves to the status of the last input run. */
export async function feedLines(session: Pick<Session, "needsMoreInput" | "run" | "prompt">, lines: readonly string[], opts: FeedOptions = {}): Promise<number> {
  let status = 0;
  let buffer: string | undefined;
  for (const line of lines) {
    opts.echo?.(buffer === undefined ? session.prompt() : "> ", line);
    buffer = buffer === undefined ? line : `${buffer}\n${line}`;
    if (session.needsMoreInput(buffer)) continue;
    status = await session.run(buffer);
    buffer = undefined;
  }
  if (buffer !== undefined) status = await session.run(buffer);
  return status;
}
