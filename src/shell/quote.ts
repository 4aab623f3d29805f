// Shell quoting for argv that must go back through a shell (kubectl exec POD -- CMD ARGS).
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function quoteArg(arg: string): string {
  if (arg !== "" && SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function quoteArgs(argv: string[]): string {
  return argv.map(quoteArg).join(" ");
}
