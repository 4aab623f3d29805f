// kubectl v1.32 for the emulated cluster: the shell registers `kubectl` as a command.
import { dispatch } from "./cli/dispatch.ts";
import { HANDLERS } from "./commands/index.ts";
import type { Kubectl } from "./types.ts";

export type * from "./types.ts";
export { completeKubectl } from "./complete.ts";

export const kubectl: Kubectl = (argv, ctx) => dispatch(argv, ctx, HANDLERS);
