// `npm run bench`: runs every benchmark section that exists and writes bench/results.json.
// Each section module exports `run(): Promise<Record<string, unknown>>`.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cpus, totalmem } from "node:os";

const sections = ["site", "cluster", "shell", "lab", "serve"] as const;
const only = process.argv.slice(2);
const out = fileURLToPath(new URL("./results.json", import.meta.url));
// `npm run bench -- cluster` re-measures one section and keeps the others' last results.
const previous: Record<string, unknown> = only.length && existsSync(out) ? JSON.parse(readFileSync(out, "utf8")) : {};
const results: Record<string, unknown> = {
  ...previous,
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryBytes: totalmem(), node: process.version },
  date: new Date().toISOString(),
};

for (const name of sections) {
  if (only.length && !only.includes(name)) continue;
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  if (!existsSync(file)) continue;
  const mod = (await import(file)) as { run(): Promise<Record<string, unknown>> };
  console.log(`bench: ${name}…`);
  results[name] = await mod.run();
  console.log(JSON.stringify(results[name], null, 2));
}

writeFileSync(out, JSON.stringify(results, null, 2) + "\n");
console.log(`bench: wrote ${out}`);
