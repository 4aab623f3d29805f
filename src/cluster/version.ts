// The build fields of /version (version.Info, in Go struct order, which `kubectl version -o json` keeps).
// Shared by the API server adapter and our kubectl; we claim no upstream commit or build date
// we cannot vouch for.
export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

export function versionInfo(version: string): VersionInfo {
  const gitVersion = version.startsWith("v") ? version : `v${version}`;
  const [major, minor] = gitVersion.slice(1).split(".");
  return {
    major: major ?? "1",
    minor: minor ?? "32",
    gitVersion,
    gitCommit: "labnotes",
    gitTreeState: "clean",
    buildDate: "2026-01-01T00:00:00Z",
    goVersion: "labnotes",
    compiler: "gc",
    platform: "linux/amd64",
  };
}
