// labnotes: the command line. Subcommands live in bin/commands/<name>.ts and export
// `run(argv): Promise<number>`; `check` and `serve` are owned by their workstreams
// and dispatched only when their module exists.

const USAGE = `usage: labnotes <command> [options]

commands:
  exec    run command lines in a lab session and print what the terminal shows
  shell   an interactive lab session in this terminal
  check   replay every lab's solutions and prove its checks
  serve   serve the emulated cluster's API over HTTP
`;

type Command = { run(argv: string[]): Promise<number> };
/** Literal imports, so that a bundler can follow them (see bin/labnotes). */
const COMMANDS: Record<string, () => Promise<Command>> = {
  exec: () => import("./commands/exec.ts"),
  shell: () => import("./commands/shell.ts"),
  check: () => import("./commands/check.ts"),
  serve: () => import("./commands/serve.ts"),
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "-h" || name === "--help" || name === "help") {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    process.stderr.write(`labnotes: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  return (await load()).run(rest);
}

const code = await main(process.argv.slice(2));
// Let stdout drain before exiting so piped output is never cut short.
process.exitCode = code;
