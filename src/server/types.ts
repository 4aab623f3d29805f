// The HTTP-free request/response shapes the pure handlers speak.
import type { KObject, ResourceInfo } from "../cluster/index.ts";

export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body: string;
}

export interface BodyResponse {
  kind: "body";
  status: number;
  contentType: string;
  body: string;
}

/** A long-lived chunked answer: `start` begins sending and returns the stop function. */
export interface StreamResponse {
  kind: "stream";
  status: number;
  contentType: string;
  timeoutSeconds?: number;
  start(send: (chunk: string) => void): () => void;
}

export type ApiResponse = BodyResponse | StreamResponse;

export interface TableColumn {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface PrintedTable {
  columns: TableColumn[];
  /** One row per object, in the objects' order. */
  rows: { cells: unknown[] }[];
}

/** The one server-side printer (shared with the simulated kubectl): objects of a resource → table. */
export type TablePrinter = (info: ResourceInfo, objects: readonly KObject[], opts: { now: number; wide?: boolean }) => PrintedTable | undefined;
