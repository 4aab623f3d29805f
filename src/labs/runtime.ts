// Starts a lab's cluster and learner session, fresh from the cluster file or
// resumed from saved state. Shared by the browser worker and `labnotes check`.
import { createCluster, restoreCluster, type Cluster } from "../cluster/index.ts";
import { createSession } from "../shell/session.ts";
import type { Session, SessionHost, SessionState } from "../shell/types.ts";

export type LabSession = Session & {
  /** Optional extras the shell offers (Ctrl-D, async state with files). */
  endOfInput?(): Promise<number>;
  ready?(): Promise<void>;
  saveState?(): Promise<SessionState>;
};

export interface StartedLab {
  cluster: Cluster;
  session: LabSession;
}

export interface StartOptions {
  seed?: number;
  /** What the session sees of the cluster (the trace recorder wraps it); checks keep the real one. */
  wrap?(cluster: Cluster): Cluster;
}

export async function startLabSession(clusterYaml: string, host: SessionHost, opts: StartOptions = {}): Promise<StartedLab> {
  const cluster = createCluster(clusterYaml, { seed: opts.seed ?? 1 });
  const session: LabSession = createSession({ cluster: opts.wrap ? opts.wrap(cluster) : cluster, host });
  await session.ready?.();
  return { cluster, session };
}

/** Throws when the state cannot be restored (wrong version, corrupt): the caller falls back to a fresh lab. */
export async function resumeLabSession(state: SessionState, host: SessionHost, opts: StartOptions = {}): Promise<StartedLab> {
  const cluster = restoreCluster(state.cluster);
  const session: LabSession = createSession({ cluster: opts.wrap ? opts.wrap(cluster) : cluster, host, state });
  await session.ready?.();
  return { cluster, session };
}

/**
 * The prompt a fresh lab shows first, asked of a real session so it is never restated by hand:
 * the lab page draws it at build time, before any script has loaded.
 */
export async function firstPrompt(clusterYaml: string): Promise<string> {
  const { session } = await startLabSession(clusterYaml, { write: () => {}, edit: async () => null });
  return session.prompt();
}
