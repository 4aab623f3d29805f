// kubectl edit: open the object's YAML in the session's editor; on save, patch it;
// on failure, reopen with the error in the header comment (editoptions.go).
import { parse as parseYaml } from "yaml";
import type { ResourceInfo, Status } from "../../cluster/index.ts";
import { CmdError } from "../cli/errors.ts";
import type { Invocation } from "../cli/invocation.ts";
import { NO_RESOURCES } from "./delete.ts";
import { forDisplay } from "../printing.ts";
import { getObject, kindPrefix, parseResourceArgs, qualified, refFor } from "../resources.ts";
import { toGoJson } from "../output/json.ts";
import { toYaml } from "../output/yaml.ts";

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

type Json = Record<string, unknown>;
const isMap = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

/** JSON merge patch taking `from` to `to` (removed keys become null). */
export function twoWayMergePatch(from: unknown, to: unknown): Json {
  const patch: Json = {};
  const a = isMap(from) ? from : {};
  const b = isMap(to) ? to : {};
  for (const [k, v] of Object.entries(b)) {
    if (isMap(v) && isMap(a[k])) {
      const sub = twoWayMergePatch(a[k], v);
      if (Object.keys(sub).length > 0) patch[k] = sub;
    } else if (JSON.stringify(v) !== JSON.stringify(a[k])) patch[k] = v;
  }
  for (const k of Object.keys(a)) if (!(k in b)) patch[k] = null;
  return patch;
}

function stripComments(text: string): string {
  return text
    .split("\n")
    .filter((l) => !l.startsWith("#"))
    .join("\n");
}

function errorHeader(lines: string[][]): string {
  let h = HEADER;
  for (const [head, ...other] of lines) {
    h += other.length > 0 ? `# ${head}:\n` : `# ${head}\n`;
    for (const o of other) h += `# * ${o}\n`;
    h += "#\n";
  }
  return h;
}

function statusReason(info: ResourceInfo, name: string, s: Status): string[] {
  if (s.reason === "Invalid") {
    return [`${qualified(info)} "${name}" was not valid`, ...(s.details?.causes ?? []).map((c) => (c.field ? `${c.field}: ${c.message ?? ""}` : c.message ?? ""))];
  }
  return [s.message];
}

export async function edit(inv: Invocation): Promise<number> {
  if (inv.args.length === 0 && inv.list("filename").length === 0) throw new CmdError("no resources", 1, NO_RESOURCES);
  const targets: { info: ResourceInfo; name: string }[] = [];
  for (const { info, names } of parseResourceArgs(inv, inv.args)) {
    if (names.length === 0) throw new CmdError("resource(s) were provided, but no name was specified");
    for (const name of names) targets.push({ info, name });
  }
  const json = inv.str("output") === "json";
  let failed = false;
  for (const { info, name } of targets) {
    const original = forDisplay(getObject(inv, info, name));
    const render = (o: unknown) => (json ? toGoJson(o) : toYaml(o));
    const originalText = render(original);
    const path = `/tmp/kubectl-edit-${String(inv.cluster.now() % 1e9).padStart(9, "0")}.${json ? "json" : "yaml"}`;
    let buffer = HEADER + originalText;
    let previous: string | null = null;
    // What kubectl repeats when the user gives up after a failed save.
    let lastError = "";
    for (let attempt = 0; ; attempt++) {
      const saved = await openEditor(inv, path, buffer);
      const body = saved === null ? null : stripComments(saved);
      if (body === null || (attempt === 0 && body.trim() === originalText.trim())) {
        inv.err("Edit cancelled, no changes made.\n");
        break;
      }
      if (body.trim() === "") {
        inv.err("Edit cancelled, saved file was empty.\n");
        break;
      }
      if (previous !== null && body === previous) {
        await inv.ctx.fs.writeFile(path, saved!);
        inv.err(`${lastError}A copy of your changes has been stored to "${path}"\nerror: Edit cancelled, no valid changes were saved.\n`);
        failed = true;
        break;
      }
      previous = body;
      let edited: unknown;
      try {
        edited = parseYaml(body);
      } catch (e) {
        const why = `error converting YAML to JSON: yaml: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`;
        buffer = errorHeader([[`The edited file had a syntax error: ${why}`]]) + body;
        lastError = `error: ${why}\n`;
        continue;
      }
      if (!isMap(edited) || JSON.stringify(edited) === JSON.stringify(original)) {
        inv.err("Edit cancelled, no changes made.\n");
        break;
      }
      const patch = twoWayMergePatch(original, edited);
      const meta = (patch.metadata ?? {}) as Json;
      delete meta.resourceVersion;
      if (Object.keys(meta).length === 0) delete patch.metadata;
      const r = inv.cluster.patch(refFor(info, name, original.metadata.namespace ?? inv.namespace), "merge", patch);
      if (r.ok) {
        inv.out(`${kindPrefix(info)}/${name} edited\n`);
        break;
      }
      if (attempt >= 4) {
        inv.err(`error: ${r.status.message}\n`);
        failed = true;
        break;
      }
      buffer = errorHeader([statusReason(info, name, r.status)]) + body;
      lastError = r.status.reason === "Invalid" ? `error: ${qualified(info)} "${name}" is invalid\n` : `error: ${r.status.message}\n`;
    }
  }
  return failed ? 1 : 0;
}

/** The session's editor; the session honours KUBE_EDITOR/EDITOR (a scripted `sed -i …` edits the file). */
function openEditor(inv: Invocation, path: string, text: string): Promise<string | null> {
  return inv.ctx.edit(path, text);
}
