// Turns `<div class="lab-embed" data-lab="ID">` (what `![[lab:ID]]` renders to in a
// note) into a live terminal for that lab, sharing the lab page's saved progress.
import { defineLabTerminal, type LabData, type LabTerminalElement } from "./lab-terminal.ts";
import type { WorkerMessage } from "./protocol.ts";
import { strings } from "./strings.ts";
import { recordLabProgress } from "./progress-store.ts";
import { earlyPrompt, rememberPrompt } from "./ui-state.ts";

export async function mountLabEmbeds(base: string): Promise<void> {
  const embeds = [...document.querySelectorAll<HTMLElement>(".lab-embed[data-lab]")].filter((e) => !e.dataset.mounted);
  if (!embeds.length) return;
  defineLabTerminal();
  const t = strings(document.documentElement.lang);
  for (const embed of embeds) {
    embed.dataset.mounted = "true";
    const id = embed.dataset.lab!;
    let data: LabData;
    try {
      const res = await fetch(`${base.replace(/\/?$/, "/")}labs/${encodeURIComponent(id)}/lab.json`);
      if (!res.ok) continue;
      data = (await res.json()) as LabData;
    } catch {
      continue; // The link to the lab page stays: the note still reads well.
    }
    const status = document.createElement("p");
    status.className = "lab-embed-status";
    status.setAttribute("role", "status");
    const terminal = document.createElement("lab-terminal") as LabTerminalElement;
    terminal.className = "lab-terminal";
    // Drawn before the session is up only if a saved session would not show another prompt.
    const prompt = earlyPrompt(id, data.firstPrompt);
    if (prompt !== undefined) terminal.dataset.firstPrompt = prompt;
    embed.append(status, terminal);
    terminal.addEventListener("lab-message", (e) => {
      const msg = (e as CustomEvent<WorkerMessage>).detail;
      // The embed shares the lab page's saved session, so the page's early prompt must follow it too.
      if (msg.type === "ready" || msg.type === "saved") rememberPrompt(id, msg.prompt);
      if (msg.type === "steps") {
        status.textContent = msg.done === msg.total ? t.complete : t.progress(msg.done, msg.total);
        recordLabProgress(id, msg.done, msg.total);
      }
    });
    terminal.start(data);
  }
}
