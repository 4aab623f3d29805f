// Wires a lab page: the terminal, the step list with live status, hints and
// solutions, Run/Save/Apply buttons on code blocks, progress bar, Reset, Check
// now, export/import, notices, and the topology and trace pictures.
import { defineLabTerminal, spawnLabWorker, type LabData, type LabTerminalElement } from "./lab-terminal.ts";
import type { StepState, WorkerMessage } from "./protocol.ts";
import { topologySvg, traceSvg } from "./pictures.ts";
import { strings } from "./strings.ts";
import { recordLabProgress } from "./progress-store.ts";
import { fileNameFor, heredoc } from "./code-actions.ts";
import { readLabUi, rememberPrompt, writeLabUi } from "./ui-state.ts";

const lang = document.documentElement.lang;
const t = strings(lang);

function button(label: string, cls: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.className = cls;
  b.textContent = label;
  b.addEventListener("click", onClick);
  return b;
}

/** Run on shell blocks, Save/Apply on YAML blocks, inside `root`. */
export function addCodeButtons(root: ParentNode, terminal: () => LabTerminalElement): void {
  root.querySelectorAll<HTMLElement>(".code-block").forEach((block) => {
    if (block.querySelector(".lab-code-actions")) return;
    const pre = block.querySelector("pre");
    const lang = (pre?.dataset.lang ?? "").toLowerCase();
    const code = () => (pre?.textContent ?? "").replace(/\n+$/, "");
    const bar = document.createElement("div");
    bar.className = "lab-code-actions";
    if (["bash", "sh", "shell", "console"].includes(lang)) {
      bar.append(button(`▶ ${t.run}`, "lab-run", () => terminal().runLine(code())));
    } else if (lang === "yaml" || lang === "yml") {
      bar.append(button(t.save, "lab-save", () => terminal().runLine(heredoc(`cat > ${fileNameFor(code())}`, code()))));
      bar.append(button(t.apply, "lab-apply", () => terminal().runLine(heredoc("kubectl apply -f -", code()))));
    } else return;
    block.append(bar);
  });
}

function renderSteps(list: HTMLElement, steps: StepState[]): void {
  for (const s of steps) {
    const li = list.querySelector<HTMLElement>(`[data-step="${CSS.escape(s.id)}"]`);
    if (!li) continue;
    li.dataset.status = s.status;
    const status = li.querySelector<HTMLElement>(".step-status");
    if (status) status.textContent = s.status === "done" ? `✓ ${t.done}` : s.status === "failed" ? `✗ ${t.failed}` : `○ ${t.pending}`;
    const reason = li.querySelector<HTMLElement>(".step-reason");
    if (reason) {
      reason.textContent = s.status === "failed" ? (s.reason ?? "") : "";
      reason.hidden = s.status !== "failed";
    }
  }
}

function notice(box: HTMLElement, text: string, kind: string): void {
  const p = document.createElement("p");
  p.className = `lab-notice lab-notice-${kind}`;
  p.textContent = text;
  const close = button("✕", "lab-notice-close", () => p.remove());
  close.setAttribute("aria-label", "close");
  p.append(close);
  box.append(p);
}

function noticeText(msg: Extract<WorkerMessage, { type: "notice" }>): string {
  if (msg.kind === "storage") return t.storage[msg.code] ?? `${t.storage.error} ${msg.detail}`;
  if (msg.kind === "restarted") return t.restarted;
  if (msg.code === "imported") return t.imported(msg.detail);
  if (msg.code === "import-failed") return t.importFailed(msg.detail);
  return t.internal(msg.detail);
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * A picture panel draws only what is on screen, and after the terminal's next frame: the
 * pictures follow a command's output, they never hold it up. A hidden panel keeps only the
 * latest picture and draws it when shown.
 */
class PicturePanel {
  private pending: (() => Node) | null = null;
  private scheduled = false;

  constructor(
    private readonly box: HTMLElement | null,
    private readonly panel: HTMLElement | null,
  ) {}

  show(draw: () => Node): void {
    this.pending = draw;
    this.drawSoon();
  }

  drawSoon(): void {
    if (this.scheduled || !this.pending || !this.box || this.panel?.hidden) return;
    this.scheduled = true;
    requestAnimationFrame(() =>
      setTimeout(() => {
        this.scheduled = false;
        const draw = this.pending;
        if (!draw || this.panel?.hidden) return;
        this.pending = null;
        this.box!.replaceChildren(draw());
      }, 0),
    );
  }
}

/**
 * Starts the lab pages under `document`: each worker boots at once, while xterm's set-up (a long
 * task) waits until the page has been painted once, so the prompt in the HTML shows and takes
 * typing meanwhile instead of waiting behind it.
 */
export function startLabPages(): void {
  const roots = [...document.querySelectorAll<HTMLElement>("[data-lab-root]")];
  const workers = roots.map(() => spawnLabWorker());
  requestAnimationFrame(() => setTimeout(() => roots.forEach((root, i) => mountLabPage(root, workers[i]))));
}

export function mountLabPage(root: HTMLElement, worker = spawnLabWorker()): void {
  const dataEl = root.querySelector<HTMLScriptElement>("script[data-lab-data]");
  const terminal = root.querySelector<LabTerminalElement>("lab-terminal");
  if (!dataEl || !terminal) return;
  // The worker boots (download, compile, cluster) while xterm and the page are set up.
  defineLabTerminal();
  const data = JSON.parse(dataEl.textContent ?? "{}") as LabData;
  const steps = root.querySelector<HTMLElement>("[data-lab-steps]");
  const bar = root.querySelector<HTMLProgressElement>("progress[data-lab-progress]");
  const barText = root.querySelector<HTMLElement>("[data-lab-progress-text]");
  const notices = root.querySelector<HTMLElement>("[data-lab-notices]") ?? root;
  const topo = new PicturePanel(root.querySelector<HTMLElement>("[data-lab-topology]"), root.querySelector<HTMLElement>('[data-lab-panel="topology"]'));
  const traceBox = root.querySelector<HTMLElement>("[data-lab-trace]");
  const trace = new PicturePanel(traceBox, traceBox);
  const complete = root.querySelector<HTMLElement>("[data-lab-complete]");

  root.addEventListener("lab-message", (e) => {
    const msg = (e as CustomEvent<WorkerMessage>).detail;
    switch (msg.type) {
      case "steps":
        if (steps) renderSteps(steps, msg.steps);
        if (bar) {
          bar.max = msg.total;
          bar.value = msg.done;
        }
        if (barText) barText.textContent = t.progress(msg.done, msg.total);
        root.dataset.complete = String(msg.done === msg.total);
        if (complete) complete.hidden = msg.done !== msg.total;
        recordLabProgress(data.labId, msg.done, msg.total);
        break;
      case "topology": {
        const topology = msg.topology;
        topo.show(() => topologySvg(topology, lang));
        break;
      }
      case "trace": {
        const view = msg.trace;
        trace.show(() => {
          if (view) return traceSvg(view, lang);
          const p = document.createElement("p");
          p.className = "lab-trace-empty";
          p.textContent = t.noTrace;
          return p;
        });
        break;
      }
      case "ready":
      case "saved":
        rememberPrompt(data.labId, msg.prompt);
        break;
      case "notice":
        notice(notices, noticeText(msg), msg.kind);
        break;
      case "export":
        download(`labnotes-progress-${new Date().toISOString().slice(0, 10)}.json`, msg.text);
        break;
      case "fatal":
        notice(notices, t.fatal + msg.message, "error");
        break;
    }
  });

  root.querySelectorAll<HTMLElement>("[data-step]").forEach((li) => {
    const hint = li.querySelector<HTMLElement>(".step-hint");
    const solution = li.querySelector<HTMLElement>(".step-solution");
    const hintBtn = li.querySelector<HTMLButtonElement>("[data-show-hint]");
    const solBtn = li.querySelector<HTMLButtonElement>("[data-show-solution]");
    hintBtn?.addEventListener("click", () => {
      if (hint) hint.hidden = false;
      hintBtn.hidden = true;
      if (solBtn) solBtn.hidden = false;
    });
    solBtn?.addEventListener("click", () => {
      if (solution) solution.hidden = false;
      solBtn.hidden = true;
    });
  });

  root.querySelector("[data-lab-check]")?.addEventListener("click", () => terminal.checkNow());
  root.querySelector("[data-lab-reset]")?.addEventListener("click", () => {
    if (confirm(t.confirmReset)) terminal.reset();
  });
  root.querySelector("[data-lab-export]")?.addEventListener("click", () => terminal.exportProgress());
  const importInput = root.querySelector<HTMLInputElement>("[data-lab-import]");
  importInput?.addEventListener("change", async () => {
    const file = importInput.files?.[0];
    if (file) terminal.importProgress(await file.text());
    importInput.value = "";
  });
  root.querySelector<HTMLInputElement>("[data-lab-screen-reader]")?.addEventListener("change", (e) => {
    terminal.setScreenReaderMode((e.target as HTMLInputElement).checked);
  });
  root.querySelectorAll<HTMLElement>("[data-lab-tab]").forEach((tab) => {
    tab.addEventListener("click", () => {
      root.querySelectorAll<HTMLElement>("[data-lab-tab]").forEach((other) => other.setAttribute("aria-selected", String(other === tab)));
      root.querySelectorAll<HTMLElement>("[data-lab-panel]").forEach((panel) => (panel.hidden = panel.dataset.labPanel !== tab.dataset.labTab));
      topo.drawSoon();
      trace.drawSoon();
    });
  });
  const showSystem = root.querySelector<HTMLInputElement>("[data-lab-show-system]");
  if (showSystem) {
    showSystem.checked = readLabUi(data.labId).showSystem;
    terminal.showSystemNamespaces(showSystem.checked);
    showSystem.addEventListener("change", () => {
      writeLabUi(data.labId, { showSystem: showSystem.checked });
      terminal.showSystemNamespaces(showSystem.checked);
    });
  }

  // The early input line had focus and xterm took over: say so, since focus moved under the reader.
  const announce = root.querySelector<HTMLElement>("[data-lab-announce]");
  terminal.addEventListener("lab-takeover", () => announce && (announce.textContent = t.terminalReady));

  addCodeButtons(root, () => terminal);
  terminal.start(data, worker);
}
