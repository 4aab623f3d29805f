import type { Kubectl } from "./types.ts";

export type * from "./types.ts";

export const kubectl: Kubectl = async (_argv, ctx) => {
  ctx.stderr("kubectl: not built yet\n");
  return 1;
};
