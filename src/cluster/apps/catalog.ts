import type { ImageBehavior } from "../types.ts";

export function imageBehavior(_image: string, _overrides: Record<string, ImageBehavior>): ImageBehavior {
  throw new Error("apps/catalog: not built yet");
}
