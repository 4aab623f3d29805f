// Shared steps for the lab end-to-end tests: open a lab, type into the terminal,
// read the screen, run a step through its hint → solution → Run buttons.
import { expect, type Page } from "@playwright/test";

export async function openLab(page: Page, id: string): Promise<void> {
  await page.goto(`labs/${id}/`);
  await expect(page.locator("lab-terminal[data-ready=true]")).toBeVisible({ timeout: 20_000 });
}

/** The terminal's visible text (xterm's DOM renderer keeps one div per row). */
export async function screen(page: Page): Promise<string> {
  return (await page.locator("lab-terminal .xterm-rows").innerText()).replace(/\u00a0/g, " ");
}

/** The screen with wrapped rows joined again, for text that may wrap at the terminal width. */
export async function screenFlat(page: Page): Promise<string> {
  return (await screen(page)).replace(/\n/g, "");
}

export async function typeLine(page: Page, line: string): Promise<void> {
  await page.locator("lab-terminal .xterm-helper-textarea").focus();
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
}

/** Waits until the last screen row is a prompt again (the command finished). */
export async function waitPrompt(page: Page, prompt = /\$ $/): Promise<void> {
  await expect.poll(async () => (await screen(page)).trimEnd().split("\n").filter((l) => l.trim()).at(-1) + " ", { timeout: 15_000 }).toMatch(prompt);
}

export function step(page: Page, id: string) {
  return page.locator(`[data-step="${id}"]`);
}

/** Hint, then the solution, then its Run button; the step must turn done. */
export async function runStep(page: Page, id: string): Promise<void> {
  const s = step(page, id);
  await s.locator("[data-show-hint]").click();
  await expect(s.locator(".step-hint")).toBeVisible();
  await s.locator("[data-show-solution]").click();
  await s.locator(".step-solution .lab-run").click();
  await expect(s).toHaveAttribute("data-status", "done", { timeout: 30_000 });
}

/** Holds back every request matching `url` until the returned function is called. */
export async function holdBack(page: Page, url: RegExp): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route(url, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** Console errors and uncaught exceptions seen on the page. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  return errors;
}
