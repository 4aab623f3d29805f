import { harness } from "./harness.ts";
const h = harness();
h.cluster.settle?.();
for (const a of process.argv.slice(2)) {
  const r = await h.run(a.split(" ").filter(Boolean));
  process.stdout.write(`$ kubectl ${a}\n${r.stdout}${r.stderr ? "[stderr]" + r.stderr : ""}[rc=${r.code}]\n`);
}
