/**
 * Wall time of a 50-scenario suite, Deno start included
 * (`deno run --allow-all bench/suite_wall.ts [--scenarios 50] [--rounds 5] [--jobs N]`).
 *
 * Generates small scenarios into a temporary folder (each: a password
 * sign-in with a body expectation and a capture, then GetUser with the
 * captured token), then times `deno run src/cli/main.ts run <folder>` as a
 * fresh process, the way a user or CI starts it. In the same run it times
 * `deno run src/cli/main.ts --help` (Deno start and the CLI's own loading)
 * as the baseline, and prints both with their difference. Target: the
 * suite in at most 3 s on the project's 2-core machine.
 */

import { parseArgs } from "node:util";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    scenarios: { type: "string", default: "50" },
    rounds: { type: "string", default: "5" },
    jobs: { type: "string" },
  },
});
const count = Number(values.scenarios);
const rounds = Number(values.rounds);
const root = new URL("..", import.meta.url).pathname;

function scenario(k: number): string {
  return `name: generated sign-in ${k}
tags: [bench]
client: { ExplicitAuthFlows: [ALLOW_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH] }
users: { user${k}: { password: "Passw0rd!Passw0rd" } }
steps:
  - name: sign in
    call: InitiateAuth
    request:
      ClientId: \${client.id}
      AuthFlow: USER_PASSWORD_AUTH
      AuthParameters: { USERNAME: "\${users.user${k}.username}", PASSWORD: "\${users.user${k}.password}" }
    expect: { body: { AuthenticationResult: { TokenType: Bearer } } }
    save: { tokens: AuthenticationResult }
  - name: read the user
    call: GetUser
    request: { AccessToken: "\${tokens.AccessToken}" }
    expect: { body: { Username: "\${users.user${k}.username}" } }
`;
}

async function wall(args: string[]): Promise<{ ms: number; code: number; out: string }> {
  const started = performance.now();
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", "src/cli/main.ts", ...args],
    cwd: root,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    ms: performance.now() - started,
    code: output.code,
    out: new TextDecoder().decode(output.stdout).trim().split("\n").at(-1) ?? "",
  };
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[list.length >> 1]!;

const dir = await Deno.makeTempDir({ prefix: "cc-suite-wall-" });
try {
  for (let k = 1; k <= count; k++) {
    await Deno.writeTextFile(`${dir}/s${String(k).padStart(3, "0")}.yaml`, scenario(k));
  }
  const runArgs = [
    "run",
    dir,
    "--reporter",
    "dot",
    ...(values.jobs ? ["--jobs", values.jobs] : []),
  ];
  await wall(["--help"]); // warm the module cache
  const first = await wall(runArgs);
  if (first.code !== 0) throw new Error(`the generated suite did not pass: ${first.out}`);
  const start: number[] = [];
  const suite: number[] = [];
  for (let round = 0; round < rounds; round++) {
    start.push((await wall(["--help"])).ms);
    suite.push((await wall(runArgs)).ms);
  }
  const lines = [
    `suite wall time, Deno start included (${count} scenarios × 2 steps, median of ${rounds})`,
    `  deno start + CLI (--help)  ${median(start).toFixed(0)} ms`,
    `  run ${count} scenarios        ${median(suite).toFixed(0)} ms (min ${
      Math.min(...suite).toFixed(0)
    }, max ${Math.max(...suite).toFixed(0)}; target ≤ 3000 ms)`,
    `  of which the run itself    ${(median(suite) - median(start)).toFixed(0)} ms`,
    `  reporter summary: ${first.out}`,
    "",
  ];
  Deno.stdout.writeSync(new TextEncoder().encode(lines.join("\n")));
} finally {
  await Deno.remove(dir, { recursive: true });
}
