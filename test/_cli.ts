/**
 * The command line as users start it, for end-to-end tests: a subprocess of
 * the Deno running the test, `src/cli/main.ts` from the project root, and a
 * clean environment (no AWS variables leak in; colour off).
 */

const ROOT = new URL("..", import.meta.url).pathname;
/** The variables a Deno subprocess needs from the test's environment. */
const INHERITED = ["HOME", "PATH", "DENO_DIR", "TMPDIR"];

/** What a finished CLI run printed, and its exit code. */
export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The CLI with `args` (after `main.ts`), `env` on top of the clean environment;
 * output piped, and standard input too with `stdin: "piped"`.
 */
export function cliCommand(
  args: readonly string[],
  env: Record<string, string> = {},
  options: { stdin?: "piped" | "null" } = {},
): Deno.Command {
  const inherited: Record<string, string> = {};
  for (const name of INHERITED) {
    const value = Deno.env.get(name);
    if (value !== undefined) inherited[name] = value;
  }
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", "src/cli/main.ts", ...args],
    cwd: ROOT,
    clearEnv: true,
    env: { ...inherited, NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "piped",
    ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
  });
}

/** Decodes a finished subprocess's output. */
export function outcomeOf(output: Deno.CommandOutput): CliOutcome {
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

/** Runs the CLI with `args` to the end. */
export async function cli(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<CliOutcome> {
  return outcomeOf(await cliCommand(args, env).output());
}
