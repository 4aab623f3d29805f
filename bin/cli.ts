// labnotes: the command line. Subcommands live in bin/commands/<name>.ts and export
// `run(argv): Promise<number>`; `check` and `serve` are owned by their workstreams
// and dispatched only when their module exists.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const USAGE = `usage: labnotes <command> [options]

commands:
  exec    run command lines in a lab session and print what the terminal shows
  shell   an interactive lab session in this terminal
  check   replay every lab's solutions and prove its checks
  serve   serve the emulated cluster's API over HTTP
`;

const COMMANDS = ["exec", "shell", "check", "serve"] as const;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "-h" || name === "--help" || name === "help") {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  if (!(COMMANDS as readonly string[]).includes(name)) {
    process.stderr.write(`labnotes: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  const file = fileURLToPath(new URL(`./commands/${name}.ts`, import.meta.url));
  if (!existsSync(file)) {
    process.stderr.write(`labnotes: "${name}" is not available in this build\n`);
    return 2;
  }
  const mod = (await import(file)) as { run(argv: string[]): Promise<number> };
  return mod.run(rest);
}

const code = await main(process.argv.slice(2));
// Let stdout drain before exiting so piped output is never cut short.
process.exitCode = code;
