import { describe, expect, it, vi } from "vitest";
import type { Session } from "../shell/types.ts";
import { TerminalController } from "./controller.ts";
import { drawLine, positionAfter, columns } from "./render.ts";

/** A session that echoes, waits for Ctrl-C on `loop`, and opens the editor on `edit`. */
function fakeSession(ctl: TerminalController) {
  const history: string[] = [];
  const runs: string[] = [];
  let depth = 0;
  const session: Session = {
    prompt: () => (depth ? "tmp:~# " : "$ "),
    needsMoreInput: (b) => /<<\s*EOF/.test(b) && !/\nEOF$/.test(b),
    run: async (line, opts) => {
      history.push(line);
      runs.push(line);
      if (line === "loop") {
        await new Promise<void>((resolve) => opts?.signal?.addEventListener("abort", () => resolve()));
        return 130;
      }
      if (line === "enter") depth = 1;
      if (line === "exit") depth = 0;
      if (line.startsWith("edit")) {
        const saved = await ctl.host.edit!("svc.yaml", "a: 1\n", line.endsWith("nano") ? "nano" : "vi");
        ctl.host.write(saved === null ? "cancelled\n" : `saved ${JSON.stringify(saved)}\n`, "stdout");
        return 0;
      }
      ctl.host.write(`<b>${line}</b>\n`, "stdout");
      return 0;
    },
    complete: (line, cursor) => {
      const word = line.slice(0, cursor).split(" ").pop()!;
      const pods = ["web-7d9c-abcde", "web-7d9c-fghij", "tmp"].filter((p) => p.startsWith(word));
      const prefix = pods.length ? pods.reduce((a, b) => { let i = 0; while (i < a.length && a[i] === b[i]) i++; return a.slice(0, i); }) : word;
      return { replaceFrom: cursor - word.length, replacement: pods.length === 1 ? pods[0] + " " : prefix, candidates: pods };
    },
    history: () => history,
    depth: () => depth,
    state: () => ({ version: 1, cluster: { version: 1 } }),
  };
  return { session, runs };
}

function setup() {
  let out = "";
  const ctl = new TerminalController({ write: (d) => (out += d), cols: 40, rows: 10 });
  const fake = fakeSession(ctl);
  ctl.attach(fake.session);
  const settle = () => new Promise((r) => setTimeout(r, 5));
  return { ctl, ...fake, out: () => out, clear: () => (out = ""), settle };
}

/** What the screen shows, roughly: escape sequences removed. */
const plain = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").replace(/\r/g, "");

describe("terminal controller", () => {
  it("runs a line and shows output as text, then a new prompt", async () => {
    const t = setup();
    t.ctl.input("kubectl get pods\r");
    await t.settle();
    expect(t.runs).toEqual(["kubectl get pods"]);
    expect(t.out()).toContain("<b>kubectl get pods</b>\r\n");
    expect(plain(t.out()).endsWith("$ ")).toBe(true);
  });

  it("shows the continuation prompt while a heredoc is open, then runs it whole", async () => {
    const t = setup();
    t.ctl.input("cat <<EOF > f\rx: 1\r");
    await t.settle();
    expect(plain(t.out())).toMatch(/> x: 1\n> $/);
    t.ctl.input("EOF\r");
    await t.settle();
    expect(t.runs).toEqual(["cat <<EOF > f\nx: 1\nEOF"]);
  });

  it("shows every line of a multi-line paste as it runs", async () => {
    const t = setup();
    t.ctl.typeLine("cat <<EOF > f\nkind: Pod\nEOF");
    await t.settle();
    // Each line is drawn after its prompt, then the cursor leaves it (raw output: a redraw, then CRLF).
    for (const drawn of ["$ cat <<EOF > f", "> kind: Pod", "> EOF"]) expect(t.out()).toContain(`\r\x1b[J${drawn}`);
    expect(t.runs).toEqual(["cat <<EOF > f\nkind: Pod\nEOF"]);
  });

  it("Ctrl-C aborts a running command, keeps typeahead out, and the prompt returns", async () => {
    const t = setup();
    t.ctl.input("loop\r");
    await t.settle();
    expect(t.ctl.isBusy()).toBe(true);
    t.ctl.input("\x03");
    await t.settle();
    expect(t.ctl.isBusy()).toBe(false);
    expect(plain(t.out()).endsWith("loop\n^C\n$ ")).toBe(true);
  });

  it("Ctrl-C reaches a real session's endless loop through the event loop; the shell keeps its state", async () => {
    const { createSession } = await import("../shell/session.ts");
    const { createCluster } = await import("../cluster/index.ts");
    let out = "";
    const ctl = new TerminalController({ write: (d) => (out += d), cols: 80, rows: 10 });
    const session = createSession({ cluster: createCluster(), host: ctl.host, kubectl: async () => 0 });
    ctl.attach(session);
    const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));
    ctl.input("cd /tmp; X=kept\r");
    await vi.waitFor(() => expect(ctl.isBusy()).toBe(false));
    ctl.input("while true; do :; done\r");
    await settle(300);
    // The key only arrives because the loop lets timers run; it is still looping, not stopped by a limit.
    expect(ctl.isBusy()).toBe(true);
    ctl.input("\x03");
    await vi.waitFor(() => expect(ctl.isBusy()).toBe(false), { timeout: 2000 });
    expect(plain(out).endsWith("while true; do :; done\n^C\n$ ")).toBe(true);
    out = "";
    ctl.input("echo $X $(pwd)\r");
    await vi.waitFor(() => expect(plain(out)).toContain("kept /tmp\n$ "));
  });

  it("keys typed during a command run after it", async () => {
    const t = setup();
    t.ctl.input("edit\r");
    await t.settle();
    t.ctl.input(":q\r");
    await t.settle();
    expect(t.out()).toContain("cancelled");
  });

  it("Tab completes a unique pod name, a double Tab lists the candidates", async () => {
    const t = setup();
    t.ctl.input("kubectl exec t\t");
    await t.settle();
    t.ctl.input("\r");
    await t.settle();
    expect(t.runs).toEqual(["kubectl exec tmp "]);
    t.clear();
    t.ctl.input("kubectl logs web\t");
    await t.settle();
    t.ctl.input("\t");
    await t.settle();
    expect(plain(t.out())).toContain("web-7d9c-abcde  web-7d9c-fghij\n$ kubectl logs web-7d9c-");
  });

  it("Ctrl-D leaves a nested shell by running exit", async () => {
    const t = setup();
    t.ctl.input("enter\r");
    await t.settle();
    expect(plain(t.out()).endsWith("tmp:~# ")).toBe(true);
    t.ctl.input("\x04");
    await t.settle();
    expect(t.runs.at(-1)).toBe("exit");
    expect(plain(t.out()).endsWith("$ ")).toBe(true);
  });

  it("Ctrl-D uses the shell's own end of input when it has one", async () => {
    const t = setup();
    let ended = 0;
    // The controller holds this same session object.
    (t.session as typeof t.session & { endOfInput?(): Promise<number> }).endOfInput = async () => {
      ended++;
      t.ctl.host.write("exit\n", "stdout");
      return t.session.run("exit");
    };
    t.ctl.input("enter\r");
    await t.settle();
    t.ctl.input("\x04");
    await t.settle();
    expect(ended).toBe(1);
    expect(plain(t.out())).toMatch(/tmp:~# \nexit\n.*\$ $/s);
  });

  it.each([
    ["vi :wq saves", "edit", "A\r  b: 2\x1b:wq\r", 'saved "a: 1\\n  b: 2\\n"'],
    ["vi :q! discards", "edit", "dd:q!\r", "cancelled"],
    ["vi :q refuses a modified buffer", "edit", "x:q\r:q!\r", "cancelled"],
    ["nano ^O ^X saves", "edit nano", "\x05 # x\x0f\x18", 'saved "a: 1 # x\\n"'],
    ["nano ^X then N discards", "edit nano", "zz\x18n", "cancelled"],
  ])("%s", async (_name, cmd, keys, result) => {
    const t = setup();
    t.ctl.input(`${cmd}\r`);
    await t.settle();
    expect(t.out()).toContain("\x1b[?1049h");
    t.ctl.input(keys);
    await t.settle();
    expect(t.out()).toContain("\x1b[?1049l");
    expect(t.out()).toContain(result);
  });
});

describe("drawing the line", () => {
  it.each([
    ["abc", 10, { row: 0, col: 3 }],
    ["abcdefghij", 10, { row: 1, col: 0 }],
    ["abcdefghijk", 10, { row: 1, col: 1 }],
    ["中文", 10, { row: 0, col: 4 }],
    ["abcdefghi中", 10, { row: 1, col: 2 }],
    ["\x1b[32m$\x1b[0m ", 10, { row: 0, col: 2 }],
  ])("%j in %i columns ends at %j", (text, cols, pos) => expect(positionAfter(text, cols)).toEqual(pos));

  it("puts the cursor back inside a wrapped line", () => {
    const d = drawLine("$ ", "0123456789abc", 3, 10, 0);
    // The text ends on row 1; the cursor (after "012") is on row 0, column 5.
    expect(d.out).toBe("\r\x1b[J$ 0123456789abc\x1b[1A\r\x1b[5C");
    expect(d.cursorRow).toBe(0);
    expect(drawLine("$ ", "x", 1, 10, 2).out.startsWith("\x1b[2A\r\x1b[J")).toBe(true);
  });

  it("lays candidates out down the columns", () => {
    expect(columns(["a", "bb", "c", "d"], 8)).toBe("a   c\nbb  d\n");
  });
});
