// `npm run check [DIR]`: lists every unresolved, ambiguous or dangling-anchor wiki-link with file
// and line. Exits 1 when a link does not resolve (or names a missing heading/block) or a note
// cannot be parsed; ambiguous links are warnings only. DIR defaults to LABNOTES_CONTENT or content/.
// `[[lab:ID]]` links are checked against the lab folders in labs/.
import { relative, resolve } from "node:path";
import { listLabIds } from "../src/vault/labs.ts";
import { loadVault } from "../src/vault/load.ts";
import { VaultError, type VaultWarning } from "../src/vault/types.ts";

const FAILING: ReadonlySet<VaultWarning["kind"]> = new Set(["unresolved", "missing-heading", "missing-block", "duplicate-url", "reserved-url"]);

export function checkVault(dir: string, print: (line: string) => void, labsDir = "labs"): number {
  const shown = relative(process.cwd(), resolve(dir)) || ".";
  let vault;
  try {
    vault = loadVault(resolve(dir), { git: false, labIds: listLabIds(resolve(labsDir)) });
  } catch (error) {
    if (error instanceof VaultError) {
      print(`${shown}/${error.message}`);
      return 1;
    }
    throw error;
  }
  const sorted = [...vault.warnings].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  for (const w of sorted) print(`${shown}/${w.file}:${w.line}: ${FAILING.has(w.kind) ? "error" : "warning"}: ${w.message}`);
  const errors = sorted.filter((w) => FAILING.has(w.kind)).length;
  const links = [...vault.notes.values()].reduce((n, note) => n + note.links.length, 0);
  print(`check: ${vault.notes.size} notes, ${links} links, ${errors} broken, ${sorted.length - errors} warnings`);
  return errors ? 1 : 0;
}

const isMain = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("check-vault.ts");
if (isMain) {
  const dir = process.argv[2] ?? process.env.LABNOTES_CONTENT ?? "content";
  process.exitCode = checkVault(dir, (line) => console.log(line));
}
