// Public API of the emulated cluster. Nothing outside src/cluster imports deeper than this file.
export type * from "./api/types.ts";
export type * from "./dns/types.ts";
export type * from "./net/types.ts";
export type * from "./types.ts";
export { createCluster, restoreCluster, parseClusterFile } from "./cluster.ts";
// Added by the core: a bad Cluster document or a manifest the API refuses throws this (message names the field).
export { ClusterFileError, SNAPSHOT_VERSION } from "./cluster.ts";
export type { ClusterFile, ClusterFileInput } from "./cluster.ts";
// Added by the network layers: what an image's shell looks like (prompt, tools and their flavours), for the shell.
export { shellOf, renderPrompt, imageProfile, normalizeImage } from "./apps/catalog.ts";
export { downwardFieldValue } from "./apps/mounts.ts";
export type { ShellInfo, PromptStyle, ToolFlavour, ImageProfile } from "./apps/catalog.ts";
export { versionInfo, type VersionInfo } from "./version.ts";
// The server-side Table printers: one printer for our kubectl and for `labnotes serve`'s as=Table answers.
export * from "./printers/index.ts";
export type { LabelSelector } from "./printers/labels.ts";
// OpenAPI v3 documents of our kinds: served by `labnotes serve`, read by `kubectl explain`.
export { openApiV3Document, openApiV3Root, componentSchemas, schemaIdForKind } from "./openapi/index.ts";
// The API server's patch semantics, for the scale subresource's read-modify-write.
export { jsonPatch, mergePatch, strategicMerge, mergeKey } from "./api/patch.ts";
// resource.Quantity parsing and canonical printing, for describe's quota tables.
export { parseQuantity, scanQuantity, formatQuantity, quantityValue, type Quantity } from "./api/quantity.ts";
// A pod's effective requests/limits (kubectl resourcehelper), for describe node.
export { podRequestsAndLimits, sumResourceLists, type ResourceList } from "./api/pod-resources.ts";
