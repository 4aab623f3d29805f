// Every tool this project implements, by command name.
import type { Tool } from "./types.ts";

export const TOOLS: Record<string, Tool> = {};

export function registerTool(name: string, tool: Tool): void {
  TOOLS[name] = tool;
}
