// The HTTP-free request/response shapes the pure handlers speak.

export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body: string;
  /** The body's bytes, for binary media types (protobuf). */
  raw?: Uint8Array;
}

export interface BodyResponse {
  kind: "body";
  status: number;
  /** Empty: send no Content-Type (a proxied app that sent none). */
  contentType: string;
  body: string;
  /** Further headers, in order (a proxied app's own). */
  headers?: [string, string][];
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

