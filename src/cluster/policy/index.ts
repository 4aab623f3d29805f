export { policyVerdict, policyVerdictFor, peerFor, cniEnforcesPolicy, parsePolicy } from "./evaluate.ts";
export type { PolicyPeer, PolicyVerdict, DirectionVerdict, ParsedPolicy } from "./evaluate.ts";
export { selectorMatches } from "./selector.ts";
export type { LabelSelector } from "./selector.ts";
