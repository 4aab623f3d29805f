// Public API of the vault: the index of a folder of notes, the wiki-link resolver, and the
// Markdown renderer that note pages and lab pages share.
export type * from "./types.ts";
export { VaultError } from "./types.ts";
export { loadVault, createVault, indexNote, type LoadOptions, type VaultFile } from "./load.ts";
export { resolveLink, resolvePath } from "./resolve.ts";
export { renderMarkdown, renderNote, type RenderOptions, type RenderResult, type RenderLabels } from "./markdown/render.ts";
export { noteHref, tagHref, withBase, attachmentUrl } from "./slug.ts";
export { labId, listLabIds } from "./labs.ts";
export { displayWidth } from "./markdown/code.ts";
