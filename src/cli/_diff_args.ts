/**
 * The command line of `diff`: the two `--target`s, the output, the rules
 * file, and the flags it shares with `run` (`SHARED_RUN_OPTIONS`). Every
 * problem is a {@linkcode UsageError} on one line (exit code 2 for `diff`).
 *
 * A target is one of
 *
 * - `embedded`: an embedded mock, as `run` starts one;
 * - `embedded:NAME=VALUE[,NAME=VALUE…]`: an embedded mock with behaviour
 *   choices (docs/mock-choices.md), e.g. `embedded:reconfirmDevice=idempotent`;
 * - an endpoint URL, e.g. `http://127.0.0.1:5055`: pools are provisioned
 *   there with `--provision`;
 * - an endpoint URL naming an existing pool:
 *   `https://cognito-idp.eu-west-1.amazonaws.com?pool-id=ID&client-id=ID[&client-secret=S]`.
 */

import type { MockBehaviour } from "../mock/state/behaviour.ts";
import { DIFF_FORMATS, type DiffFormat } from "../diff/mod.ts";
import { parseCommandArgs, UsageError } from "./command.ts";
import { parseBehaviourChoice } from "./_behaviour_choice.ts";
import { SHARED_RUN_OPTIONS, type SharedRunArgs, sharedRunArgs } from "./_run_args.ts";

/** One `--target`, read. */
export type TargetSpec =
  | { kind: "embedded"; label: string; behaviour: Partial<MockBehaviour> }
  | {
    kind: "endpoint";
    label: string;
    endpoint: string;
    pool?: { poolId: string; clientId: string; clientSecret?: string };
  };

/** The flags of `diff`, as typed. */
export interface DiffArgs extends SharedRunArgs {
  /** Target A and target B (none with `--help`). */
  targets: TargetSpec[];
  format: DiffFormat;
  output?: string;
  normalise?: string;
}

const POOL_PARAMETERS = ["pool-id", "client-id", "client-secret"];

/** Parses the arguments after `diff`. */
export function parseDiffArgs(args: string[]): DiffArgs {
  const { values: flags, positionals } = parseCommandArgs("diff options", {
    args,
    allowPositionals: true,
    options: {
      ...SHARED_RUN_OPTIONS,
      target: { type: "string", multiple: true },
      format: { type: "string" },
      output: { type: "string" },
      normalise: { type: "string" },
    },
  });
  const shared = sharedRunArgs(flags, positionals);
  const format = flags.format ?? "text";
  if (!(DIFF_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(
      `Cannot use --format "${format}": expected one of ${DIFF_FORMATS.join(", ")}`,
    );
  }
  const out: DiffArgs = {
    ...shared,
    targets: (flags.target ?? []).map(parseTargetSpec),
    format: format as DiffFormat,
    ...(flags.output === undefined ? {} : { output: flags.output }),
    ...(flags.normalise === undefined ? {} : { normalise: flags.normalise }),
  };
  if (out.help) return out;
  if (out.targets.length !== 2) {
    throw new UsageError(
      `Cannot diff: give two targets (--target A --target B), not ${out.targets.length}`,
    );
  }
  const endpoints = out.targets.filter((target) => target.kind === "endpoint");
  if (out.provision && !endpoints.some((target) => target.pool === undefined)) {
    throw new UsageError(
      "Cannot use --provision: no endpoint target without ?pool-id= to provision on",
    );
  }
  if (Object.keys(out.users).length > 0 && !endpoints.some((target) => target.pool)) {
    throw new UsageError(
      "Cannot use --var users.…: user sign-in details are for a target naming an existing pool " +
        "(URL?pool-id=…&client-id=…)",
    );
  }
  return out;
}

/**
 * Reads one `--target` (see the module doc).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseTargetSpec } from "./_diff_args.ts";
 * assert.deepEqual(parseTargetSpec("embedded:reconfirmDevice=idempotent"), {
 *   kind: "embedded", label: "embedded:reconfirmDevice=idempotent", behaviour: { reconfirmDevice: "idempotent" },
 * });
 * assert.deepEqual(parseTargetSpec("http://127.0.0.1:5055?pool-id=us-east-1_a&client-id=b&client-secret=s"), {
 *   kind: "endpoint",
 *   label: "http://127.0.0.1:5055/?pool-id=us-east-1_a&client-id=b&client-secret=***",
 *   endpoint: "http://127.0.0.1:5055/",
 *   pool: { poolId: "us-east-1_a", clientId: "b", clientSecret: "s" },
 * });
 * assert.throws(() => parseTargetSpec("moto"), /expected embedded, embedded:NAME=VALUE/);
 * ```
 */
export function parseTargetSpec(text: string): TargetSpec {
  if (text === "embedded" || text.startsWith("embedded:")) {
    const choices = text === "embedded" ? [] : text.slice("embedded:".length).split(",");
    const behaviour: Partial<MockBehaviour> = {};
    for (const choice of choices) {
      Object.assign(behaviour, parseBehaviourChoice(choice.trim(), "--target"));
    }
    return { kind: "embedded", label: text, behaviour };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badTarget(text);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw badTarget(text);
  for (const name of url.searchParams.keys()) {
    if (!POOL_PARAMETERS.includes(name)) {
      throw new UsageError(
        `Cannot use --target "${shown(text)}": unknown parameter "${name}" (known: ${
          POOL_PARAMETERS.join(", ")
        })`,
      );
    }
  }
  const poolId = url.searchParams.get("pool-id") ?? undefined;
  const clientId = url.searchParams.get("client-id") ?? undefined;
  const clientSecret = url.searchParams.get("client-secret") ?? undefined;
  const base = new URL(url.href);
  base.search = "";
  base.hash = "";
  const endpoint = base.href;
  if (poolId === undefined && clientId === undefined && clientSecret === undefined) {
    return { kind: "endpoint", label: endpoint, endpoint };
  }
  if (poolId === undefined || clientId === undefined) {
    throw new UsageError(
      `Cannot use --target "${shown(text)}": an existing pool needs both pool-id and client-id`,
    );
  }
  const label = `${endpoint}?pool-id=${poolId}&client-id=${clientId}` +
    (clientSecret === undefined ? "" : "&client-secret=***");
  return {
    kind: "endpoint",
    label,
    endpoint,
    pool: { poolId, clientId, ...(clientSecret === undefined ? {} : { clientSecret }) },
  };
}

function badTarget(text: string): UsageError {
  return new UsageError(
    `Cannot use --target "${
      shown(text)
    }": expected embedded, embedded:NAME=VALUE[,…] or an http(s) URL`,
  );
}

/** The target as errors may echo it: a client secret in it is masked. */
function shown(text: string): string {
  return text.replace(/(client-secret=)[^&#]*/g, "$1***");
}
