// Browser code for every page. Kept tiny: search and Mermaid are loaded only when needed.
interface PageInfo {
  labels: { copy: string; copied: string };
  mermaid: boolean;
}

declare global {
  interface Window {
    __labnotes?: PageInfo;
  }
}

const THEME_KEY = "labnotes-theme";

function currentTheme(): "dark" | "light" {
  const set = document.documentElement.dataset.theme;
  if (set === "dark" || set === "light") return set;
  return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

function setupTheme(): void {
  const button = document.querySelector<HTMLButtonElement>("[data-theme-toggle]");
  if (!button) return;
  button.hidden = false;
  const sync = () => button.setAttribute("aria-pressed", String(currentTheme() === "dark"));
  sync();
  button.addEventListener("click", () => {
    const next = currentTheme() === "dark" ? "light" : "dark";
    document.documentElement.dataset.theme = next;
    try {
      localStorage.setItem(THEME_KEY, next);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    sync();
    document.dispatchEvent(new CustomEvent("labnotes:theme", { detail: next }));
  });
}

let searchLoaded: Promise<void> | undefined;

function loadSearch(container: HTMLElement): Promise<void> {
  const root = document.documentElement.dataset.base ?? "/";
  const dir = root.replace(/\/?$/, "/") + "pagefind/";
  searchLoaded ??= new Promise<void>((resolve, reject) => {
    const css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = dir + "pagefind-ui.css";
    document.head.append(css);
    const script = document.createElement("script");
    script.src = dir + "pagefind-ui.js";
    script.onload = () => {
      const PagefindUI = (window as unknown as { PagefindUI: new (o: object) => unknown }).PagefindUI;
      new PagefindUI({
        element: container,
        // Pagefind's URLs are relative to dist/; under a sub-path they need the base in front.
        baseUrl: root,
        showSubResults: true,
        showImages: false,
        resetStyles: false,
        translations: { placeholder: container.dataset.placeholder },
      });
      resolve();
    };
    script.onerror = () => {
      container.textContent = container.dataset.unavailable ?? "";
      reject(new Error("search index missing"));
    };
    document.head.append(script);
  });
  return searchLoaded;
}

function setupSearch(): void {
  const dialog = document.querySelector<HTMLDialogElement>("[data-search-dialog]");
  const container = document.getElementById("search");
  if (!dialog || !container) return;
  const open = async () => {
    if (!dialog.open) dialog.showModal();
    try {
      await loadSearch(container);
    } catch {
      return;
    }
    container.querySelector<HTMLInputElement>("input")?.focus();
  };
  document.querySelectorAll<HTMLElement>("[data-search-open]").forEach((el) => {
    el.hidden = false;
    el.addEventListener("click", (e) => {
      e.preventDefault();
      void open();
    });
  });
  document.addEventListener("keydown", (e) => {
    const target = e.target as HTMLElement | null;
    const typing = !!target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if ((e.key === "k" || e.key === "K") && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void open();
    } else if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      void open();
    }
  });
  // Following a result to a section of the current page must close the dialog.
  container.addEventListener("click", (e) => {
    if ((e.target as HTMLElement).closest("a")) dialog.close();
  });
  dialog.addEventListener("click", (e) => {
    if (e.target === dialog) dialog.close();
  });
}

function setupCopyButtons(labels: PageInfo["labels"]): void {
  document.querySelectorAll<HTMLElement>(".code-block").forEach((block) => {
    const pre = block.querySelector("pre");
    if (!pre || !navigator.clipboard) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = labels.copy;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(pre.innerText.replace(/\n$/, ""));
        button.textContent = labels.copied;
        setTimeout(() => (button.textContent = labels.copy), 1500);
      } catch {
        /* clipboard refused (no permission): leave the button as it is */
      }
    });
    block.prepend(button);
  });
}

async function renderMermaid(): Promise<void> {
  const nodes = document.querySelectorAll<HTMLElement>("pre.mermaid");
  if (!nodes.length) return;
  const { default: mermaid } = await import("mermaid");
  const draw = async () => {
    for (const node of nodes) {
      node.dataset.source ??= node.textContent ?? "";
      node.removeAttribute("data-processed");
      node.textContent = node.dataset.source;
    }
    mermaid.initialize({ startOnLoad: false, theme: currentTheme() === "dark" ? "dark" : "default", securityLevel: "strict" });
    await mermaid.run({ nodes: [...nodes] });
  };
  await draw();
  document.addEventListener("labnotes:theme", () => void draw());
}

export function startSite(): void {
  const info = window.__labnotes ?? { labels: { copy: "Copy", copied: "Copied" }, mermaid: false };
  setupTheme();
  setupSearch();
  setupCopyButtons(info.labels);
  if (info.mermaid) void renderMermaid();
}
