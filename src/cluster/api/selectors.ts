// Label selectors in both forms: the string syntax of `-l` and list options
// ("app=web,tier!=db,env in (a,b),!legacy") and the structured LabelSelector
// of Deployments and NetworkPolicies. Plus field selectors over dotted paths.

export type Labels = Record<string, string> | undefined;

export type Requirement =
  | { op: "=" | "!="; key: string; value: string }
  | { op: "in" | "notin"; key: string; values: string[] }
  | { op: "exists" | "!"; key: string };

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** Parse the string form. Returns an error message (as the API server words it) on bad syntax. */
export function parseLabelSelector(text: string): Requirement[] | { error: string } {
  const reqs: Requirement[] = [];
  const s = text.trim();
  if (!s) return reqs;
  for (const part of splitTopLevel(s)) {
    const p = part.trim();
    if (!p) return { error: `unable to parse requirement: found '', expected: identifier` };
    let m: RegExpMatchArray | null;
    if ((m = p.match(/^!\s*([^\s=!,()]+)$/))) reqs.push({ op: "!", key: m[1] });
    else if ((m = p.match(/^([^\s=!,()]+)\s+(in|notin)\s+\(([^)]*)\)$/))) {
      const values = m[3].split(",").map((v) => v.trim());
      reqs.push({ op: m[2] as "in" | "notin", key: m[1], values });
    } else if ((m = p.match(/^([^\s=!,()]+)\s*(==|=|!=)\s*([^\s=!,()]*)$/))) {
      reqs.push({ op: m[2] === "!=" ? "!=" : "=", key: m[1], value: m[3] });
    } else if ((m = p.match(/^([^\s=!,()]+)$/))) reqs.push({ op: "exists", key: m[1] });
    else return { error: `unable to parse requirement: ${JSON.stringify(p)}` };
  }
  return reqs;
}

function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of s) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

export function matchesRequirements(reqs: readonly Requirement[], labels: Labels): boolean {
  const l = labels ?? {};
  for (const r of reqs) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case "=":
        if (!has || l[r.key] !== r.value) return false;
        break;
      case "!=":
        if (has && l[r.key] === r.value) return false;
        break;
      case "in":
        if (!has || !r.values.includes(l[r.key])) return false;
        break;
      case "notin":
        if (has && r.values.includes(l[r.key])) return false;
        break;
      case "exists":
        if (!has) return false;
        break;
      case "!":
        if (has) return false;
        break;
    }
  }
  return true;
}

/** A Service's `spec.selector` map: every pair must match. An empty map selects nothing for Services (callers decide). */
export function matchesMap(selector: Record<string, string>, labels: Labels): boolean {
  const l = labels ?? {};
  for (const k in selector) if (l[k] !== selector[k]) return false;
  return true;
}

/** A LabelSelector expression as a requirement of the string form, or undefined for an unknown operator. */
export function expressionRequirement(e: { key: string; operator: string; values?: string[] }): Requirement | undefined {
  const values = e.values ?? [];
  switch (e.operator) {
    case "In":
      return { op: "in", key: e.key, values };
    case "NotIn":
      return { op: "notin", key: e.key, values };
    case "Exists":
      return { op: "exists", key: e.key };
    case "DoesNotExist":
      return { op: "!", key: e.key };
    default:
      return undefined;
  }
}

/** metav1.LabelSelector: `{}` selects everything; a null selector nothing (callers handle null). */
export function matchesLabelSelector(sel: LabelSelector, labels: Labels): boolean {
  if (sel.matchLabels && !matchesMap(sel.matchLabels, labels)) return false;
  for (const e of sel.matchExpressions ?? []) {
    const r = expressionRequirement(e);
    if (!r || !matchesRequirements([r], labels)) return false;
  }
  return true;
}

export interface FieldRequirement {
  path: string;
  op: "=" | "!=";
  value: string;
}

export function parseFieldSelector(text: string): FieldRequirement[] | { error: string } {
  const out: FieldRequirement[] = [];
  for (const part of text.split(",")) {
    const p = part.trim();
    if (!p) continue;
    const m = p.match(/^([A-Za-z0-9_.]+)\s*(==|=|!=)\s*(.*)$/);
    if (!m) return { error: `invalid selector: '${text}'; can't understand '${p}'` };
    out.push({ path: m[1], op: m[2] === "!=" ? "!=" : "=", value: m[3] });
  }
  return out;
}

export function fieldValue(obj: unknown, path: string): string {
  // `source` on events is the reporting component; podIPs compare by their first IP.
  if (path === "source") return fieldValue(obj, "source.component");
  if (path === "status.podIPs") return fieldValue(obj, "status.podIP");
  if (path === "spec.hostNetwork") return (obj as { spec?: { hostNetwork?: boolean } }).spec?.hostNetwork ? "true" : "false";
  let cur: unknown = obj;
  for (const seg of path.split(".")) {
    if (cur === null || typeof cur !== "object") return "";
    cur = (cur as Record<string, unknown>)[seg];
  }
  if (cur === undefined || cur === null) return "";
  return typeof cur === "object" ? JSON.stringify(cur) : String(cur);
}

export function matchesFields(reqs: readonly FieldRequirement[], obj: unknown): boolean {
  return reqs.every((r) => (fieldValue(obj, r.path) === r.value) === (r.op === "="));
}

const COMMON_FIELDS = ["metadata.name", "metadata.namespace"];
// The field labels each registry supports (k/k pkg/registry/*/strategy.go ...ToSelectableFields).
const FIELDS: Record<string, string[]> = {
  pods: ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs", "status.nominatedNodeName"],
  events: ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"],
  secrets: ["type"],
  namespaces: ["status.phase"],
  nodes: ["spec.unschedulable"],
  replicasets: ["status.replicas"],
};

/** The first field label a resource does not support, if any. */
export function unsupportedField(resource: string, reqs: readonly FieldRequirement[]): string | undefined {
  const ok = [...COMMON_FIELDS, ...(FIELDS[resource] ?? [])];
  return reqs.find((r) => !ok.includes(r.path))?.path;
}
