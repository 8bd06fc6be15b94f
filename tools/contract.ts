/**
 * Contract tests of mock Cognito servers: the whole conformance suite against
 * this project's mock, moto and cognito-local, one Markdown report.
 *
 * ```sh
 * deno task contract [--servers mock,moto,cognito-local] [--out docs/contract-report.md]
 *                    [--json-dir DIR] [--peers-dir .peers]
 * ```
 *
 * Each server is started on loopback (the mock with `src/cli/main.ts mock`,
 * the peers with `bench/peers/start-*.sh`; a peer that cannot start is
 * reported with the reason), the suite runs against it through the real CLI
 * (`run scenarios --endpoint URL --provision …`, the same flags for every
 * server, dummy AWS credentials, never AWS), and the server is stopped by its
 * pid. The report is built from the CLI's JSON reports, which are already
 * secret-masked; run-specific values (ids, secret counters) are normalised so
 * that re-runs diff cleanly. Exit code 1 when this project's mock does not
 * pass everything it ran (it is the reference), else 0.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath as fromFileUrl } from "node:url";
import { failureKind, failureReason, firstFailingStep } from "./_contract_reason.ts";
import {
  renderReport,
  RUN_FLAGS,
  SERVER_NAMES,
  type ServerName,
  type ServerRun,
} from "./_contract_report.ts";
import {
  commandOutput,
  freePort,
  runSuite,
  type Started,
  StartError,
  startMock,
  startPeer,
} from "./_contract_servers.ts";

export { failureKind, failureReason, firstFailingStep, renderReport, RUN_FLAGS, SERVER_NAMES };
export type { ReasonOptions } from "./_contract_reason.ts";
export type { RenderOptions, ReportInput, ServerName, ServerRun } from "./_contract_report.ts";

/** Parsed command line of the tool. */
export interface ContractArgs {
  servers: ServerName[];
  out: string;
  /** Where to keep the raw JSON reports; undefined: a temporary folder, removed. */
  jsonDir?: string;
  peersDir: string;
  help: boolean;
}

/**
 * Parses the tool's arguments; throws a `TypeError` for unknown servers.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseContractArgs } from "./contract.ts";
 * assert.deepEqual(parseContractArgs(["--servers", "moto,mock"]).servers, ["mock", "moto"]);
 * assert.equal(parseContractArgs([]).out, "docs/contract-report.md");
 * assert.throws(() => parseContractArgs(["--servers", "localstack"]), /Cannot run "localstack"/);
 * ```
 */
export function parseContractArgs(args: string[]): ContractArgs {
  const { values } = parseArgs({
    args,
    options: {
      servers: { type: "string", default: SERVER_NAMES.join(",") },
      out: { type: "string", default: "docs/contract-report.md" },
      "json-dir": { type: "string" },
      "peers-dir": { type: "string", default: ".peers" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const asked = values.servers.split(",").map((s) => s.trim()).filter((s) => s !== "");
  for (const name of asked) {
    if (!(SERVER_NAMES as readonly string[]).includes(name)) {
      throw new TypeError(`Cannot run "${name}": not one of ${SERVER_NAMES.join(", ")}`);
    }
  }
  return {
    servers: SERVER_NAMES.filter((name) => asked.includes(name)),
    out: values.out,
    ...(values["json-dir"] === undefined ? {} : { jsonDir: values["json-dir"] }),
    peersDir: values["peers-dir"],
    help: values.help,
  };
}

/**
 * The link prefix from the report's folder to the repository root.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linkBaseFor } from "./contract.ts";
 * assert.equal(linkBaseFor("docs/contract-report.md", "/repo"), "../");
 * assert.equal(linkBaseFor("report.md", "/repo"), "");
 * ```
 */
export function linkBaseFor(out: string, root: string): string {
  const path = relative(dirname(resolve(root, out)), root);
  return path === "" ? "" : `${path}/`;
}

const USAGE = `Usage: deno task contract [options]

Runs the whole scenarios/ suite against mock Cognito servers started on loopback
and writes a Markdown report (one row per scenario, totals, first failures).

Options:
  --servers LIST    comma-separated, of mock, moto, cognito-local (default: all)
  --out FILE        the report (default docs/contract-report.md; deno fmt'ed)
  --json-dir DIR    keep each server's JSON report there (default: not kept)
  --peers-dir DIR   where cognito-local is npm-installed (default .peers, gitignored)
  -h, --help        this help

Exit codes: 0 the report was written and the mock passed every scenario it ran;
1 bad usage, or the mock failed, errored or could not run.
`;

const encoder = new TextEncoder();
const say = (text: string) => void Deno.stderr.writeSync(encoder.encode(`${text}\n`));

async function versionOf(name: ServerName, root: string, peerDir: string): Promise<string> {
  if (name === "mock") {
    const config = JSON.parse(await Deno.readTextFile(`${root}/deno.json`)) as { version?: string };
    return `cognito-conformance ${config.version ?? "unknown"}`;
  }
  if (name === "moto") {
    const python = Deno.env.get("MOTO_PYTHON") ?? "python3";
    const script =
      "import sys, moto; print(moto.__version__, '(Python', sys.version.split()[0] + ')')";
    return await commandOutput(python, ["-c", script]) ?? "unknown";
  }
  const pkg = await Deno.readTextFile(`${peerDir}/node_modules/cognito-local/package.json`)
    .then((text) => (JSON.parse(text) as { version?: string }).version, () => undefined);
  const node = await commandOutput("node", ["--version"]);
  return `${pkg ?? "unknown"}${node === undefined ? "" : ` (Node ${node})`}`;
}

async function start(name: ServerName, root: string, peerDir: string, logDir: string) {
  if (name === "mock") return await startMock(root);
  const port = String(freePort());
  return name === "moto"
    ? await startPeer("bench/peers/start-moto.sh", [port, `${logDir}/moto`], root)
    : await startPeer("bench/peers/start-cognito-local.sh", [peerDir, port], root);
}

function startedWith(name: ServerName, peersDir: string): string {
  if (name === "mock") return "deno run -A src/cli/main.ts mock --port 0";
  return name === "moto"
    ? "bench/peers/start-moto.sh PORT LOGDIR"
    : `bench/peers/start-cognito-local.sh ${peersDir}/contract-cognito-local PORT`;
}

/** The scenario files' texts, so that the ids they write literally survive normalisation. */
async function readScenarioTexts(runs: ServerRun[], root: string) {
  const files = new Set(
    runs.flatMap((run) => run.suite?.scenarios ?? []).map((r) => r.scenario.file),
  );
  const texts: Record<string, string> = {};
  for (const file of files) {
    texts[file] = await Deno.readTextFile(resolve(root, file)).catch(() => "");
  }
  return texts;
}

function summary(run: ServerRun): string {
  const c = run.suite?.counts;
  if (c === undefined) return `not run: ${run.notRun}`;
  return `${c.passed} passed, ${c.failed} failed, ${c.errored} errored, ${c.skipped} skipped`;
}

/** Runs the tool; resolves to the process exit code. */
async function main(argv: string[]): Promise<number> {
  let args: ContractArgs;
  try {
    args = parseContractArgs(argv);
  } catch (error) {
    say(`error: ${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  if (args.help) {
    await Deno.stdout.write(encoder.encode(USAGE));
    return 0;
  }
  const root = fromFileUrl(new URL("..", import.meta.url)).replace(/\/$/, "");
  const work = await Deno.makeTempDir({ prefix: "cognito-contract-" });
  const jsonDir = resolve(args.jsonDir ?? work);
  await Deno.mkdir(jsonDir, { recursive: true });
  const peerDir = resolve(root, args.peersDir, "contract-cognito-local");
  const runs: ServerRun[] = [];
  let current: Started | undefined;
  const interrupt = () => {
    say("interrupted: stopping the server");
    void (current?.stop() ?? Promise.resolve()).finally(() => Deno.exit(130));
  };
  Deno.addSignalListener("SIGINT", interrupt);
  try {
    for (const name of args.servers) {
      say(`${name}: starting`);
      const base = { name, startedWith: startedWith(name, args.peersDir) };
      try {
        current = await start(name, root, peerDir, work);
      } catch (error) {
        if (!(error instanceof StartError)) throw error;
        say(`${name}: not run: ${error.message}`);
        runs.push({
          ...base,
          version: await versionOf(name, root, peerDir),
          notRun: error.message,
        });
        continue;
      }
      try {
        say(`${name}: running the suite against ${current.endpoint}`);
        const outcome = await runSuite(current.endpoint, {
          root,
          flags: RUN_FLAGS,
          jsonPath: `${jsonDir}/${name}.json`,
          timeoutMs: 10 * 60_000,
        });
        runs.push({ ...base, version: await versionOf(name, root, peerDir), ...outcome });
      } finally {
        await current.stop();
        current = undefined;
        say(`${name}: stopped`);
      }
    }
  } finally {
    Deno.removeSignalListener("SIGINT", interrupt);
    await Deno.remove(work, { recursive: true }).catch(() => {});
  }
  const out = resolve(root, args.out);
  const scenarioTexts = await readScenarioTexts(runs, root);
  const report = renderReport(
    { date: new Date().toISOString().slice(0, 10), denoVersion: Deno.version.deno, servers: runs },
    { linkBase: linkBaseFor(out, root), scenarioTexts },
  );
  await Deno.writeTextFile(out, report);
  await new Deno.Command(Deno.execPath(), { args: ["fmt", "--quiet", out], cwd: root }).output();
  say(`wrote ${relative(root, out)}`);
  for (const run of runs) say(`  ${run.name}: ${summary(run)}`);
  const mock = runs.find((run) => run.name === "mock");
  const mockBroken = mock !== undefined &&
    (mock.suite === undefined || mock.suite.counts.failed + mock.suite.counts.errored > 0);
  if (mockBroken) say("error: the mock did not pass every scenario it ran (see the report)");
  return mockBroken ? 1 : 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
