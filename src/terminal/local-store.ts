// One JSON object per key in localStorage, for the small things lab pages remember. Private
// mode, a full quota or a damaged value never break the page: reads fall back to {}, writes
// are dropped.
export type Storage = Pick<globalThis.Storage, "getItem" | "setItem">;

export function readStored(key: string, storage: Pick<Storage, "getItem"> | undefined = globalThis.localStorage): Record<string, unknown> {
  try {
    const parsed = JSON.parse(storage?.getItem(key) ?? "{}") as unknown;
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function writeStored(key: string, value: Record<string, unknown>, storage: Storage | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or a full quota: the page simply does not remember.
  }
}
