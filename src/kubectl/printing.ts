// -o yaml|json|name|jsonpath|custom-columns for any command that prints objects.
import type { KObject, ResourceInfo } from "../cluster/index.ts";
import { CmdError } from "./cli/errors.ts";
import type { Invocation } from "./cli/invocation.ts";
import { goQuote, goValue } from "./output/gofmt.ts";
import { executeGoTemplate, parseGoTemplate, TemplateExecError, TemplateParseError, withInts, type GoTemplate } from "./output/gotemplate.ts";
import { toGoJson, toGoJsonCompact, sortKeysDeep } from "./output/json.ts";
import { JsonPathError, JsonPathExecError, evalJsonPath, goSyntax, jsonPathText, jsonPathValues, relaxedJsonPath } from "./output/jsonpath.ts";
import { GET_TABWRITER, tabwrite } from "./output/tabwriter.ts";
import { toYaml } from "./output/yaml.ts";

export type OutputFormat =
  | { kind: "table"; wide: boolean }
  | { kind: "yaml" }
  | { kind: "json" }
  | { kind: "name" }
  | { kind: "jsonpath"; template: string; asJson: boolean }
  | { kind: "go-template"; template: GoTemplate }
  | { kind: "custom-columns"; spec: string };

const GENERIC_FORMATS = "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml";
const GET_FORMATS = "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";
const GO_TEMPLATE_FORMATS = ["go-template", "go-template-file", "template", "templatefile"];
const JSONPATH_FORMATS = ["jsonpath", "jsonpath-file", "jsonpath-as-json"];

/** A template format's text: from --template, or after `=`; -file formats name a file. */
async function templateText(inv: Invocation | undefined, name: string, arg: string): Promise<string> {
  if (arg === "") throw new CmdError("template format specified but no template given");
  if (!name.endsWith("file")) return arg;
  const text = inv ? await inv.ctx.fs.readFile(arg) : undefined;
  if (text === undefined) throw new CmdError(`error reading --template ${arg}, open ${arg}: no such file or directory`);
  return text;
}

/**
 * Parse `-o` (and --template); `forGet` also allows wide and custom-columns (and "" =
 * table, or go-template when only --template is given). Follows cli-runtime's printer
 * flags: --template wins over the text after `=`.
 */
export async function outputFormat(inv: Invocation, forGet: boolean): Promise<OutputFormat | null> {
  return parseOutput(inv.str("output"), forGet, inv.str("template"), inv);
}

export async function parseOutput(output: string, forGet: boolean, templateFlag = "", inv?: Invocation): Promise<OutputFormat | null> {
  let o = output;
  // --template alone selects go-template (cli-runtime keeps this for backwards compatibility).
  if (o === "" && templateFlag !== "") o = "go-template";
  if (o === "") return forGet ? { kind: "table", wide: false } : null;
  if (forGet && o === "wide") return { kind: "table", wide: true };
  if (o === "yaml") return { kind: "yaml" };
  if (o === "json") return { kind: "json" };
  if (o === "name") return { kind: "name" };
  const eq = o.indexOf("=");
  const [name, arg] = templateFlag !== "" ? [o, templateFlag] : [eq < 0 ? o : o.slice(0, eq), eq < 0 ? "" : o.slice(eq + 1)];
  if (GO_TEMPLATE_FORMATS.includes(name)) {
    const text = await templateText(inv, name, arg);
    try {
      return { kind: "go-template", template: parseGoTemplate(text) };
    } catch (e) {
      if (e instanceof TemplateParseError) throw new CmdError(`error parsing template ${text}, ${e.message}`);
      throw e;
    }
  }
  if (JSONPATH_FORMATS.includes(name)) return { kind: "jsonpath", template: await templateText(inv, name, arg), asJson: name === "jsonpath-as-json" };
  if (forGet && name === "custom-columns") {
    if (arg === "") throw new CmdError("custom-columns format specified but no custom columns given");
    return { kind: "custom-columns", spec: arg };
  }
  throw new CmdError(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${forGet ? GET_FORMATS : GENERIC_FORMATS}`);
}

/** What the API server returns, without managedFields (hidden unless --show-managed-fields). */
export function forDisplay(obj: KObject): KObject {
  if (!("managedFields" in obj.metadata)) return obj;
  const { managedFields: _omit, ...meta } = obj.metadata as KObject["metadata"] & { managedFields?: unknown };
  return { ...obj, metadata: meta };
}

export function nameOf(info: Pick<ResourceInfo, "kind" | "group">, obj: KObject): string {
  return `${info.kind.toLowerCase()}${info.group ? "." + info.group : ""}/${obj.metadata.name ?? ""}`;
}

function groupOf(obj: KObject): string {
  return obj.apiVersion.includes("/") ? obj.apiVersion.split("/")[0]! : "";
}

/** A `kind: List` wrapper as `kubectl get` builds for zero or several objects. */
export function listOf(objs: KObject[]): Record<string, unknown> {
  return { apiVersion: "v1", items: objs, kind: "List", metadata: { resourceVersion: "" } };
}

function customColumns(spec: string, objs: KObject[], noHeaders: boolean): string {
  const cols = spec.split(",").map((c) => {
    const at = c.indexOf(":");
    if (at < 0) throw new CmdError(`unexpected custom-columns spec: ${c}, expected <header>:<json-path-expr>`);
    return { header: c.slice(0, at), path: relaxedJsonPath(c.slice(at + 1)) };
  });
  const lines: string[] = noHeaders ? [] : [cols.map((c) => c.header).join("\t")];
  for (const o of objs) {
    lines.push(
      cols
        .map((c) => {
          const vals = jsonPathValues(c.path, o);
          return vals.length === 0 || (vals.length === 1 && vals[0] === undefined) ? "<none>" : vals.map(jsonPathText).join(",");
        })
        .join("\t"),
    );
  }
  return tabwrite(lines.join("\n") + "\n", GET_TABWRITER);
}

/**
 * Print objects in a non-table format. `single` prints one object bare; otherwise
 * objects are wrapped in a List. `serverOrder` sorts keys as Go maps marshal.
 */
export function printObjects(
  objs: KObject[],
  fmt: Exclude<OutputFormat, { kind: "table" }>,
  opts: { single: boolean; serverObjects: boolean; noHeaders?: boolean },
): string {
  const shown = objs.map(forDisplay);
  const value: unknown = opts.single && shown.length === 1 ? shown[0] : listOf(shown);
  switch (fmt.kind) {
    case "yaml":
      return toYaml(value);
    case "json":
      return toGoJson(opts.serverObjects ? sortKeysDeep(value) : value);
    case "name":
      return shown.map((o) => `${o.kind.toLowerCase()}${groupOf(o) ? "." + groupOf(o) : ""}/${o.metadata.name ?? ""}\n`).join("");
    case "go-template":
      return goTemplateText(fmt.template, value, opts.serverObjects);
    case "jsonpath": {
      const data = JSON.parse(JSON.stringify(value)) as unknown;
      try {
        return evalJsonPath(fmt.template, data, fmt.asJson);
      } catch (e) {
        if (e instanceof JsonPathExecError) {
          throw new CmdError(
            e.message,
            1,
            `error: error executing jsonpath ${JSON.stringify(fmt.template)}: Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
              `\ttemplate was:\n\t\t${fmt.template}\n\tobject given to jsonpath engine was:\n\t\t${goSyntax(data)}\n\n\n`,
          );
        }
        if (e instanceof JsonPathError) throw new CmdError(`error parsing jsonpath ${fmt.template}, ${e.message}`);
        throw e;
      }
    }
    case "custom-columns":
      return customColumns(fmt.spec, shown, opts.noHeaders ?? false);
  }
}

/**
 * kubectl's GoTemplatePrinter: the template runs on the object as decoded JSON; a failure
 * keeps what was written so far and adds a debugging dump on stdout.
 */
function goTemplateText(template: GoTemplate, value: unknown, serverObject: boolean): string {
  const data = JSON.parse(JSON.stringify(value)) as unknown;
  try {
    return executeGoTemplate(template, data);
  } catch (e) {
    if (!(e instanceof TemplateExecError)) throw e;
    const dump =
      `${e.partial}Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${template.source}\n\traw data was:\n\t\t${toGoJsonCompact(value, serverObject)}\n` +
      `\tobject given to template engine was:\n\t\t${goValue(withInts(data))}\n\n`;
    throw new CmdError(e.message, 1, `error: error executing template ${goQuote(template.source)}: ${e.message}\n`, dump);
  }
}

export type ObjectFormat = Exclude<OutputFormat, { kind: "table" }>;

/** `-o` for commands that print the objects they wrote (create, apply, run, expose…); null = success line. */
export async function objectOutputFormat(inv: Invocation): Promise<ObjectFormat | null> {
  return (await outputFormat(inv, false)) as ObjectFormat | null;
}
