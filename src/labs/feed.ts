// Feeds typed lines to a session the way the terminal does: lines accumulate
// while the session says a heredoc or a quote is still open (the "> " prompt),
// then the whole buffer runs as one input.
import type { Session } from "../shell/types.ts";

export async function feedLines(session: Pick<Session, "needsMoreInput" | "run">, lines: readonly string[]): Promise<number> {
  let buffer: string | null = null;
  let status = 0;
  for (const line of lines) {
    buffer = buffer === null ? line : `${buffer}\n${line}`;
    if (session.needsMoreInput(buffer)) continue;
    status = await session.run(buffer);
    buffer = null;
  }
  if (buffer !== null) status = await session.run(buffer);
  return status;
}
