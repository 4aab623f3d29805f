import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../bin/commands/exec.ts";

async function exec(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

describe("labnotes exec", () => {
  it("exits with the status of the last line, output without prompts", async () => {
    expect(await exec(["--", "echo one", "false"])).toEqual({ code: 1, stdout: "one\n", stderr: "" });
    expect(await exec(["--", "false", "echo two"])).toEqual({ code: 0, stdout: "two\n", stderr: "" });
  });

  it("--transcript shows prompts, echoed input and both streams", async () => {
    const got = await exec(["--transcript", "--", "echo hi", "nosuch"]);
    expect(got.stdout).toBe("$ echo hi\nhi\n$ nosuch\nbash: nosuch: command not found\n");
    expect(got.code).toBe(127);
  });

  it("--on NODE starts in the node's shell; lines go to nested shells until exit", async () => {
    const got = await exec(["--on", "worker1", "--transcript", "--", "hostname", "exit", "hostname"]);
    expect(got.stdout).toBe("root@worker1:~# hostname\nworker1\nroot@worker1:~# exit\nlogout\nConnection to worker1 closed.\n$ hostname\nworkstation\n");
  });

  it("--script reads the lines from a file, heredocs included", async () => {
    const dir = mkdtempSync(join(tmpdir(), "labnotes-exec-"));
    const file = join(dir, "lines.sh");
    writeFileSync(file, "cat > a.txt <<EOF\nhello\nEOF\ncat a.txt\n");
    expect(await exec(["--script", file])).toEqual({ code: 0, stdout: "hello\n", stderr: "" });
  });

  it.each([
    [["--bogus", "--", "true"], /unknown option "--bogus"/],
    [["--lab", "no-such-lab", "--", "true"], /no lab "no-such-lab"/],
    [["--seed", "x", "--", "true"], /--seed needs an integer/],
    [["--at", "yesterday", "--", "true"], /--at needs an ISO time/],
    [["--on", "nowhere", "--", "true"], /no node "nowhere"/],
    [[], /usage: labnotes exec/],
  ])("%j is refused with a message and status 2", async (argv, message) => {
    const got = await exec(argv as string[]);
    expect(got.code).toBe(2);
    expect(got.stderr).toMatch(message);
  });

  it("--at sets the cluster clock", async () => {
    const got = await exec(["--at", "2030-06-01T12:00:00Z", "--", "date -u +%Y"]);
    expect(got.stdout).toBe("2030\n");
  });
});
