// Help texts by command path; only own keys count (a user typing "constructor" is not a command).
import { HELP_TEXTS } from "./texts.ts";

export function helpText(path: string): string | undefined {
  return Object.hasOwn(HELP_TEXTS, path) ? HELP_TEXTS[path] : undefined;
}
