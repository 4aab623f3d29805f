// NetworkPolicy selectors are metav1.LabelSelectors; the API layer owns their matching.
import { matchesLabelSelector, type LabelSelector } from "../api/selectors.ts";

export type { LabelSelector };

/** An empty selector ({}) matches everything; callers treat an absent selector separately. */
export function selectorMatches(sel: LabelSelector | undefined | null, labels: Record<string, string>): boolean {
  return sel ? matchesLabelSelector(sel, labels) : true;
}
