// Golden transcripts, one per command family (test/golden/shell/<family>.lines →
// <family>.txt). Each .txt was reviewed against the formats in the k8s reference
// (§3.2 kubectl run, §4.4 iptables -L, §6 resolv.conf, §7.2–7.6 tools).
// Regenerate after a deliberate change with: UPDATE_GOLDEN=1 npx vitest run test/shell/golden.test.ts
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createCluster } from "../../src/cluster/index.ts";
import { createSession } from "../../src/shell/session.ts";
import { feed } from "../../bin/commands/exec.ts";

const dir = fileURLToPath(new URL("../golden/shell/", import.meta.url));
const families = readdirSync(dir).filter((f) => f.endsWith(".lines")).map((f) => f.replace(/\.lines$/, ""));

async function transcript(family: string): Promise<string> {
  const lines = readFileSync(`${dir}${family}.lines`, "utf8").replace(/\n$/, "").split("\n");
  let out = "";
  const session = createSession({ cluster: createCluster(undefined, { seed: 7 }), host: { write: (t) => void (out += t) } });
  const status = await feed(session, lines, true, { stdout: (t) => void (out += t), stderr: (t) => void (out += t) });
  return `${out}[exit ${status}]\n`;
}

describe("golden transcripts", () => {
  it.each(families)("%s", async (family) => {
    const got = await transcript(family);
    if (process.env.UPDATE_GOLDEN) writeFileSync(`${dir}${family}.txt`, got);
    expect(got).toBe(readFileSync(`${dir}${family}.txt`, "utf8"));
  }, 60_000);
});
