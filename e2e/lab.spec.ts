// Lab pages in real Chromium: labs completed by typing and with Run buttons,
// persistence across reloads, Reset, Ctrl-C, completion, the pictures, offline.
import { expect, test } from "@playwright/test";
import { collectErrors, holdBack, openLab, runStep, screen, screenFlat, step, typeLine, waitPrompt } from "./lab-helpers.ts";

let errors: string[] = [];
test.beforeEach(({ page }) => {
  errors = collectErrors(page);
});
test.afterEach(() => {
  expect(errors).toEqual([]);
});

test("NetworkPolicy lab with Run buttons: every step turns done, and the trace shows the drop", async ({ page }) => {
  test.setTimeout(90_000);
  await openLab(page, "networkpolicy");
  for (const id of ["open", "policy", "verify"]) await runStep(page, id);
  await expect(page.locator("[data-lab-complete]")).toBeVisible();
  await expect(page.locator("progress[data-lab-progress]")).toHaveAttribute("value", "3");
  // The last command was the curl from "other": the trace marks where it was dropped.
  await page.locator('[data-lab-tab="trace"]').click();
  const drop = page.locator('.lab-trace .hop[data-verdict="drop"]');
  await expect(drop).toHaveCount(1);
  await expect(drop).toHaveClass(/kind-policy/);
  await expect(page.locator(".lab-trace desc")).toContainText("policy");
});

test("kube-proxy lab with Run buttons, from iptables chains to IPVS", async ({ page }) => {
  test.setTimeout(120_000);
  await openLab(page, "kube-proxy");
  for (const id of ["services-chain", "svc-sep", "scale", "ipvs-config", "restart", "ipvsadm"]) await runStep(page, id);
  await expect(page.locator("[data-lab-complete]")).toBeVisible();
  // ipvsadm -Ln listed the real servers (the header may have scrolled away).
  await expect.poll(() => screen(page)).toMatch(/-> \S+:8080\s+Masq\s+1/);
});

test("ClusterIP lab by typing, heredocs line by line with the continuation prompt", async ({ page }) => {
  test.setTimeout(90_000);
  await openLab(page, "clusterip");
  const deployment = [
    "kubectl apply -f - <<'EOF'",
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    "  name: myapp",
    "spec:",
    "  replicas: 3",
    "  selector:",
    "    matchLabels:",
    "      app: myapp",
    "  template:",
    "    metadata:",
    "      labels:",
    "        app: myapp",
    "    spec:",
    "      containers:",
    "      - name: app",
    "        image: hashicorp/http-echo",
    '        args: ["-listen=:8080", "-text=hello from myapp"]',
    "EOF",
  ];
  for (const line of deployment.slice(0, 3)) await typeLine(page, line);
  await expect.poll(() => screen(page)).toContain("> kind: Deployment");
  for (const line of deployment.slice(3)) await typeLine(page, line);
  await waitPrompt(page);
  await expect.poll(() => screenFlat(page)).toContain("deployment.apps/myapp created");
  await typeLine(page, "kubectl rollout status deployment/myapp");
  await expect(step(page, "deployment")).toHaveAttribute("data-status", "done", { timeout: 20_000 });
  await typeLine(page, "kubectl create service clusterip my-service --tcp=80:8080 --dry-run=client -o yaml | sed 's/app: my-service/app: myapp/' | kubectl apply -f -");
  await expect(step(page, "service")).toHaveAttribute("data-status", "done", { timeout: 20_000 });
  await typeLine(page, "kubectl get endpoints my-service");
  await expect(step(page, "endpoints")).toHaveAttribute("data-status", "done");
  await typeLine(page, "kubectl exec -it client -- bash");
  await waitPrompt(page, /# $/);
  await typeLine(page, "curl -s http://my-service");
  await waitPrompt(page, /# $/);
  await expect.poll(() => screen(page)).toContain("hello from myapp");
  await expect(step(page, "curl")).toHaveAttribute("data-status", "done");
  // Ctrl-D leaves the pod shell.
  await page.keyboard.press("Control+d");
  await waitPrompt(page);
  await expect(page.locator("[data-lab-complete]")).toBeVisible();
});

test("DNS lab mixing typing and Run buttons", async ({ page }) => {
  test.setTimeout(90_000);
  await openLab(page, "dns");
  await typeLine(page, "kubectl exec client -- nslookup my-service");
  await expect(step(page, "short-name")).toHaveAttribute("data-status", "done", { timeout: 20_000 });
  for (const id of ["other-namespace", "fqdn", "resolv-conf", "ndots"]) await runStep(page, id);
  await expect(page.locator("[data-lab-complete]")).toBeVisible();
});

test("a reload in the middle of a lab resumes where the learner was", async ({ page }) => {
  test.setTimeout(60_000);
  await openLab(page, "clusterip");
  await runStep(page, "deployment");
  await typeLine(page, "export GREETING=still-here");
  await waitPrompt(page);
  // The worker saves just after the prompt is back; a reload resumes from what it saved.
  await expect(page.locator("lab-terminal:not([data-unsaved])")).toHaveCount(1);
  await page.reload();
  await expect(page.locator("lab-terminal[data-ready=true]")).toBeVisible({ timeout: 20_000 });
  await expect(step(page, "deployment")).toHaveAttribute("data-status", "done");
  await typeLine(page, "echo $GREETING; kubectl get deploy myapp -o name");
  // Polled: right after a reload the worker may still be warming up, so the screen can show the bare prompt for a while.
  await expect.poll(() => screen(page)).toMatch(/still-here\ndeployment\.apps\/myapp\n\$\s*$/);
  // History survived too: ↑ brings back the last line.
  await page.keyboard.press("ArrowUp");
  await expect.poll(() => screen(page)).toMatch(/\$ echo \$GREETING; kubectl get deploy myapp -o name\s*$/);
  await page.keyboard.press("Control+u");
  await runStep(page, "service");
});

test("Reset returns the lab to its start after a confirmation", async ({ page }) => {
  test.setTimeout(60_000);
  await openLab(page, "clusterip");
  await runStep(page, "deployment");
  page.once("dialog", (d) => void d.accept());
  await page.locator("[data-lab-reset]").click();
  await expect(step(page, "deployment")).toHaveAttribute("data-status", "pending", { timeout: 20_000 });
  await expect(page.locator("lab-terminal[data-ready=true]")).toBeVisible();
  await typeLine(page, "kubectl get deployments");
  await waitPrompt(page);
  await expect.poll(() => screen(page)).toContain("No resources found in default namespace.");
});

test("Ctrl-C stops an endless loop and the prompt returns", async ({ page }) => {
  await openLab(page, "clusterip");
  await typeLine(page, "cd /tmp; X=kept");
  await waitPrompt(page);
  await typeLine(page, "while true; do :; done");
  // Still running after a while: an endless loop must not end by itself.
  await page.waitForTimeout(1500);
  expect((await screen(page)).trimEnd().split("\n").at(-1)).toBe("$ while true; do :; done");
  await page.keyboard.press("Control+c");
  await waitPrompt(page);
  await expect.poll(() => screen(page)).toMatch(/\$ while true; do :; done\n\^C\n\$\s*$/);
  // The worker itself stopped the loop (the watchdog restarts a worker still busy 900 ms after
  // Ctrl-C, with a notice): it was not restarted, and the shell kept its state. Speed is for the bench.
  await expect(page.locator(".lab-notice-restarted")).toHaveCount(0);
  await typeLine(page, "echo $X $(pwd); echo alive");
  await expect.poll(() => screen(page)).toContain("kept /tmp\nalive");
});

test("Tab completes a pod name", async ({ page }) => {
  await openLab(page, "clusterip");
  await page.locator("lab-terminal .xterm-helper-textarea").focus();
  await page.keyboard.type("kubectl get pod cli");
  await page.keyboard.press("Tab");
  await expect.poll(() => screen(page)).toMatch(/\$ kubectl get pod client\s/);
});

test("the topology panel shows a new Service after kubectl expose", async ({ page }) => {
  await openLab(page, "clusterip");
  await expect(page.locator('.lab-topology [data-service="default/web"]')).toHaveCount(0);
  await typeLine(page, "kubectl create deployment web --image=nginx");
  await waitPrompt(page);
  await typeLine(page, "kubectl expose deployment web --port=80");
  await waitPrompt(page);
  await expect(page.locator('.lab-topology [data-service="default/web"]')).toHaveCount(1);
  await expect(page.locator(".lab-topology desc")).toContainText("web ClusterIP");
});

test("system namespaces are hidden in the topology until the toggle shows them, and the choice survives a reload", async ({ page }) => {
  await openLab(page, "clusterip");
  const toggle = page.locator("[data-lab-show-system]");
  const coredns = page.locator('.lab-topology [data-pod^="kube-system/coredns-"]');
  await expect(page.locator('.lab-topology [data-pod="default/client"]')).toHaveCount(1);
  await expect(toggle).not.toBeChecked();
  await expect(coredns).toHaveCount(0);
  await page.getByLabel(/kube-system/).check();
  await expect(coredns).not.toHaveCount(0);
  await expect(page.locator(".lab-topology desc")).toContainText("coredns-");
  await page.reload();
  await expect(page.locator("lab-terminal[data-ready=true]")).toBeVisible({ timeout: 20_000 });
  await expect(toggle).toBeChecked();
  await expect(coredns).not.toHaveCount(0);
  await toggle.uncheck();
  await expect(coredns).toHaveCount(0);
});

test("typing before the session is up is echoed at once and runs when it is ready", async ({ page }) => {
  // Hold the worker script back, so the session certainly starts after the typing.
  const release = await holdBack(page, /\/worker-[^/]*\.js$/);
  await page.goto("labs/clusterip/");
  await expect(page.locator("lab-terminal[data-prompt=true]")).toBeVisible({ timeout: 20_000 });
  await page.locator("lab-terminal .xterm-helper-textarea").focus();
  await page.keyboard.type("echo typed-ahead");
  await expect.poll(() => screen(page)).toContain("$ echo typed-ahead");
  await expect(page.locator("lab-terminal[data-ready=true]")).toHaveCount(0);
  await page.keyboard.press("Enter");
  release();
  await expect(page.locator("lab-terminal[data-ready=true]")).toBeVisible({ timeout: 20_000 });
  await waitPrompt(page);
  await expect.poll(() => screen(page)).toMatch(/\$ echo typed-ahead\ntyped-ahead\n/);
});

test("a command typed at the prompt in the page, before xterm has loaded, runs once when the session is up", async ({ page }) => {
  // Hold back the lab page script (xterm, the line editor, the worker): only the HTML prompt is there.
  const release = await holdBack(page, /\/LabView\.astro[^/]*\.js$/);
  // Layout shifts of anything on the terminal's side of the page (Run buttons added to the steps may move those).
  const shifts: string[] = [];
  page.on("console", (m) => m.text().startsWith("shift ") && shifts.push(m.text()));
  await page.addInitScript(() =>
    new PerformanceObserver((l) =>
      l.getEntries().forEach((e) => {
        // What typing moves (the entered line goes up, as in a terminal) is not a layout shift.
        if ((e as PerformanceEntry & { hadRecentInput: boolean }).hadRecentInput) return;
        const moved = (e as PerformanceEntry & { sources: { node?: Node }[] }).sources.map((s) => s.node).filter((n): n is Element => n instanceof Element);
        if (moved.some((n) => n.closest(".lab-side, .site-header") || n.contains(document.querySelector("lab-terminal")))) console.log(`shift ${moved.map((n) => `${n.nodeName}.${n.className}`).join(" ")}`);
      }),
    ).observe({ type: "layout-shift", buffered: true }),
  );
  await page.goto("labs/clusterip/", { waitUntil: "commit" });
  const early = page.locator("lab-terminal .lab-early input");
  await expect(early).toBeFocused();
  await expect(early).toHaveAccessibleName(/.+/);
  const box = await page.locator("lab-terminal").boundingBox();
  await page.keyboard.type("echo early-bird");
  await page.keyboard.press("Enter");
  await expect(page.locator("lab-terminal .lab-early")).toContainText("$ echo early-bird");
  await expect(page.locator("lab-terminal .xterm")).toHaveCount(0);
  release();
  await expect(page.locator("lab-terminal[data-ready=true]")).toBeVisible({ timeout: 20_000 });
  await waitPrompt(page);
  await expect.poll(() => screen(page)).toMatch(/^\$ echo early-bird\nearly-bird\n\$ /);
  expect((await screen(page)).match(/early-bird/g)).toHaveLength(2);
  await expect(page.locator("lab-terminal .lab-early")).toHaveCount(0);
  await expect(page.locator("lab-terminal .xterm-helper-textarea")).toBeFocused();
  await expect(page.locator("[data-lab-announce]")).not.toBeEmpty();
  // The hand-over does not move the terminal or the page.
  expect(await page.locator("lab-terminal").boundingBox()).toEqual(box);
  expect(shifts).toEqual([]);
});

test("Tab at the page's prompt, before xterm has loaded, keeps the focus there and completes once the session is up", async ({ page }) => {
  const release = await holdBack(page, /\/LabView\.astro[^/]*\.js$/);
  await page.goto("labs/clusterip/", { waitUntil: "commit" });
  const early = page.locator("lab-terminal .lab-early input");
  await expect(early).toBeFocused();
  await page.keyboard.type("ech");
  await page.keyboard.press("Tab");
  await expect(early).toBeFocused();
  await page.keyboard.type("tab-completed");
  await page.keyboard.press("Enter");
  release();
  await expect(page.locator("lab-terminal[data-ready=true]")).toBeVisible({ timeout: 20_000 });
  await waitPrompt(page);
  await expect.poll(() => screen(page)).toMatch(/^\$ echo tab-completed\ntab-completed\n\$ /);
});

test("a lab resumed in another prompt shows no early prompt that would lie", async ({ page }) => {
  await openLab(page, "clusterip");
  await expect(page.locator("lab-terminal .lab-early")).toHaveCount(0);
  await typeLine(page, "PS1='lab> '");
  await waitPrompt(page, /lab> $/);
  await expect(page.locator("lab-terminal:not([data-unsaved])")).toHaveCount(1);
  await page.reload();
  await expect(page.locator("lab-terminal .lab-early")).toBeHidden();
  await expect(page.locator("lab-terminal[data-ready=true]")).toBeVisible({ timeout: 20_000 });
  await waitPrompt(page, /lab> $/);
});

test("the lab keeps working with the network cut after load", async ({ page, context }) => {
  await openLab(page, "nodeport");
  await context.setOffline(true);
  await runStep(page, "service");
  await typeLine(page, "kubectl get svc my-service");
  await waitPrompt(page);
  await expect.poll(() => screenFlat(page)).toContain("80:30080/TCP");
  await context.setOffline(false);
});

test("terminal output that looks like HTML is shown as text", async ({ page }) => {
  await openLab(page, "clusterip");
  await typeLine(page, "echo '<img src=x onerror=alert(1)><b>bold</b>'");
  await waitPrompt(page);
  await expect.poll(() => screen(page)).toContain("<img src=x onerror=alert(1)><b>bold</b>");
  await expect(page.locator("lab-terminal img, lab-terminal b")).toHaveCount(0);
});

test("kubectl edit opens the full-screen editor and :q gives the terminal back", async ({ page }) => {
  await openLab(page, "clusterip");
  await typeLine(page, "kubectl edit svc kubernetes");
  await expect.poll(() => screen(page)).toContain("# Please edit the object below.");
  await page.keyboard.type(":q");
  await page.keyboard.press("Enter");
  await waitPrompt(page);
  await expect.poll(() => screen(page)).toContain("Edit cancelled, no changes made.");
});

test("keyboard users leave the terminal with Esc then Tab", async ({ page }) => {
  await openLab(page, "clusterip");
  await page.locator("lab-terminal .xterm-helper-textarea").focus();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  await expect(page.locator("[data-lab-screen-reader]")).toBeFocused();
});

test("on a phone the lab stacks and nothing overflows sideways", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openLab(page, "dns");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const steps = await page.locator("[data-lab-steps]").boundingBox();
  const terminal = await page.locator("lab-terminal").boundingBox();
  expect(terminal!.y).toBeGreaterThan(steps!.y);
});
