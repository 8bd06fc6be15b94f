/**
 * `fromCurl`: a shell script of curl calls to Cognito → a scenario file
 * (docs/curl-format.md, "What from-curl reads"). Reused answers become
 * proposed `save:` captures, placeholders and unset variables become vars
 * (with a comment saying how to set them), SRP and SECRET_HASH values become
 * the project's functions, and answer comments become expectations.
 *
 * @module
 */

import { basename } from "node:path";
import { parseScenario } from "../scenario/mod.ts";
import { literalMember } from "./_captures.ts";
import { expectOf } from "./_expect.ts";
import { Inference } from "./_infer.ts";
import type { CurlCall, Diagnostic } from "./_model.ts";
import { clientBlock, poolBlock, usersBlock } from "./_pool.ts";
import { findUsers, type FoundUser } from "./_users.ts";
import { ConversionError, type HeaderBlocks, walkScript } from "./_walk.ts";
import { emitScenario, type EmittedStep } from "./emit.ts";
import { parseShell, type Script, ShellSyntaxError } from "./shell.ts";
import { withoutGeneratedMachinery } from "./_generated.ts";

/** Options of {@linkcode fromCurl}. */
export interface FromCurlOptions {
  /**
   * The script's name in messages and in the scenario's `source`.
   * @default {"standard input"}
   */
  file?: string;
  /**
   * Add `pool`, `client` and `users` blocks inferred from the calls, and write
   * client ids, pool ids, usernames and passwords as `${client.id}`, `${pool.id}`,
   * `${users.<name>.username}`, `${users.<name>.password}`.
   * @default false
   */
  withPool?: boolean;
  /**
   * The scenario's name.
   * @default {the to-curl header's, else the script's first comment, else the file name}
   */
  name?: string;
  /**
   * Reads a body file of `-d @file` (a path as the script writes it, relative
   * to the script); `undefined` when there is none.
   * @default {() => undefined}
   */
  readFile?: (path: string) => string | undefined;
  /**
   * The request members of each operation (the runner's `knownRequestMembers`),
   * to check the converted scenario as `run` will; misspelt members come back
   * as warnings.
   * @default {undefined}
   */
  knownRequestMembers?: (operation: string) => readonly string[] | undefined;
}

/** A warning or note about the script, positioned in it. */
export interface FromCurlDiagnostic {
  /** `warning` (something was not understood or not followed) or `note` (an assumption). */
  level: "warning" | "note";
  /** One line; it names no secret value of the script. */
  message: string;
  /** 1-based line in the script. */
  line: number;
  /** 1-based column. */
  column: number;
}

/** What {@linkcode fromCurl} produced. */
export interface FromCurlResult {
  /** The scenario file. */
  yaml: string;
  /** Warnings and notes, in script order. */
  diagnostics: FromCurlDiagnostic[];
}

/**
 * A script that cannot be converted: unreadable shell, a body that is not
 * JSON even after repair, a missing body file, no Cognito call.
 * `toString()` reads `file:line:column: Cannot …`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fromCurl, FromCurlError } from "./from_curl.ts";
 * const script = "curl -s $E -H 'X-Amz-Target: AWSCognitoIdentityProviderService.GetUser' \\\n  -d '{,,}'\n";
 * assert.throws(() => fromCurl(script, { file: "x.sh" }), (error: unknown) =>
 *   error instanceof FromCurlError &&
 *   String(error) === "x.sh:1:1: Cannot read the body of the GetUser call: not JSON even after repair (body line 1, column 3)");
 * ```
 */
export class FromCurlError extends SyntaxError {
  /** Always `"FromCurlError"`. */
  override name = "FromCurlError";
  /** The script's name. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  /** `message` reads `Cannot …: …`. */
  constructor(message: string, where: { file: string; line: number; column: number }) {
    super(message);
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
  }

  /** `file:line:column: message`. */
  override toString(): string {
    return `${this.file}:${this.line}:${this.column}: ${this.message}`;
  }
}

/**
 * Converts a shell script of curl calls into a scenario. Throws
 * {@linkcode FromCurlError} for a script it cannot read.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fromCurl } from "./from_curl.ts";
 * import { parseScenario } from "../scenario/mod.ts";
 * const script = `
 * R=$(curl -s "$E" -H 'X-Amz-Target: AWSCognitoIdentityProviderService.InitiateAuth' -d '{
 *   "ClientId": "<client-id>", "AuthFlow": "USER_PASSWORD_AUTH",
 *   "AuthParameters": {"USERNAME": "alice", "PASSWORD": "<password>"}}')
 * ACCESS=$(jq -r .AuthenticationResult.AccessToken <<<"$R")
 * curl -s "$E" -H 'X-Amz-Target: AWSCognitoIdentityProviderService.GetUser' \\
 *   -d '{"AccessToken": "'"$ACCESS"'"}'
 * # → {"Username": "alice"}
 * `;
 * const { yaml } = fromCurl(script, { file: "recipe.sh", withPool: true });
 * assert.match(yaml, /ClientId: \$\{client\.id\}/);
 * assert.match(yaml, /save:\n +tokens: AuthenticationResult/);
 * assert.match(yaml, /AccessToken: \$\{tokens\.AccessToken\}/);
 * assert.match(yaml, /password: <password> # placeholder <password> \(line 2\)/);
 * const { scenario, errors } = parseScenario(yaml, "recipe.yaml");
 * assert.deepEqual(errors, []);
 * assert.equal(scenario?.users[0]?.name, "alice");
 * ```
 */
export function fromCurl(script: string, options: FromCurlOptions = {}): FromCurlResult {
  const file = options.file ?? "standard input";
  const fail = (error: { message: string; position: { line: number; column: number } }) =>
    new FromCurlError(error.message, { file, ...error.position });
  let parsed: Script;
  try {
    parsed = parseShell(withoutGeneratedMachinery(script));
  } catch (error) {
    if (error instanceof ShellSyntaxError) throw fail(error);
    throw error;
  }
  const header = headerUsers(parsed);
  let walk;
  try {
    walk = walkScript(parsed, {
      readFile: options.readFile ?? (() => undefined),
      // $ALICE_PASSWORD is a user's only when a to-curl header declares the user.
      users: header ?? [],
    });
  } catch (error) {
    if (error instanceof ConversionError) throw fail(error);
    throw error;
  }
  if (walk.calls.length === 0) {
    throw new FromCurlError(
      "Cannot convert the script: no curl call carries X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>",
      { file, line: 1, column: 1 },
    );
  }
  const diagnostics: Diagnostic[] = [...walk.diagnostics];
  const withPool = options.withPool ?? false;
  const found = header === undefined && withPool ? findUsers(walk.calls) : [];
  const inference = new Inference(walk.calls, walk.captures, {
    users: found,
    usersDeclared: found.length > 0,
    headerUsers: header ?? [],
    withPool,
    constants: walk.constants,
    // A to-curl script's values section declares the scenario's vars, in order.
    ...(walk.header.scenario === undefined ? {} : { vars: walk.vars }),
    secrets: walk.secrets,
  }, diagnostics);
  // Requests first: resolving a later request may add a capture to an earlier step.
  const requests = walk.calls.map((call) => inference.request(call.index));
  const steps: EmittedStep[] = walk.calls.map((call) =>
    stepOf(call, requests[call.index]!, inference)
  );
  const blocks: Record<string, unknown> = {};
  const usersBlockValue = header === undefined && found.length > 0
    ? usersBlock(found, inference.vars)
    : undefined;
  const secrets = inference.vars.list().filter((entry) => entry.secret).map((entry) =>
    `vars.${entry.name}`
  );
  if (secrets.length > 0) blocks.secrets = secrets;
  Object.assign(blocks, poolBlocks(walk.header, walk.calls, withPool, inference.usesClientSecret));
  if (walk.header.users !== undefined) blocks.users = walk.header.users;
  else if (usersBlockValue !== undefined) blocks.users = usersBlockValue;
  const yaml = emitScenario({
    header: [
      `Converted by cognito-conformance from-curl from ${file}.`,
      "The captures (save), expectations and vars are proposals: review them.",
    ],
    head: headOf(walk.header, parsed, file, options.name),
    vars: inference.vars.list().map(({ name, value, comment }) => ({ name, value, comment })),
    blocks,
    steps,
  });
  const check = parseScenario(yaml, `${file} (converted)`, {
    ...(options.knownRequestMembers ? { knownRequestMembers: options.knownRequestMembers } : {}),
  });
  const out: FromCurlDiagnostic[] = diagnostics
    .map(({ level, message, position }) => ({ level, message, ...position }))
    .sort((a, b) => a.line - b.line || a.column - b.column);
  for (const error of check.errors) {
    out.push({
      level: "warning",
      message: `the converted scenario, line ${error.line}: ${error.message}`,
      line: 1,
      column: 1,
    });
  }
  return { yaml, diagnostics: out };
}

/**
 * A diagnostic as one line: `file:line:column: warning: message`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatDiagnostic } from "./from_curl.ts";
 * assert.equal(
 *   formatDiagnostic({ level: "warning", message: 'curl option "--foo" is not known here; ignored', line: 3, column: 9 }, "x.sh"),
 *   'x.sh:3:9: warning: curl option "--foo" is not known here; ignored',
 * );
 * ```
 */
export function formatDiagnostic(diagnostic: FromCurlDiagnostic, file: string): string {
  return `${file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.level}: ${diagnostic.message}`;
}

function stepOf(
  call: CurlCall,
  resolved: ReturnType<Inference["request"]>,
  inference: Inference,
): EmittedStep {
  const body: Record<string, unknown> = { name: stepName(call) };
  const expect = expectOf(call.expect, (text, key) => inference.expected(text, key));
  if (call.control !== undefined) {
    body.control = call.control;
    // A control call answers too: its `# expect:` (e.g. `status: 200`) is the step's.
    if (expect !== undefined) body.expect = expect;
    return { comment: `line ${call.position.line}: curl /_mock/…`, body };
  }
  body.call = call.operation;
  const { request, let: lets } = resolved;
  if (lets !== undefined) body.let = lets;
  if (request !== undefined) body.request = request;
  if (expect !== undefined) body.expect = expect;
  const save = inference.captures.saveOf(call.index);
  if (save !== undefined) body.save = save;
  return { comment: `line ${call.position.line}: curl ${call.operation}`, body };
}

function stepName(call: CurlCall): string {
  const leading = call.leading[0]?.replace(/^\s*(?:step\s+\d+\s*[:.)-]\s*|\d+[.)]\s+|\*\*)/i, "")
    .replace(/\*\*/g, "").trim();
  if (leading !== undefined && leading !== "") {
    return leading.length > 120 ? `${leading.slice(0, 117)}…` : leading;
  }
  if (call.control !== undefined) return `mock.${Object.keys(call.control)[0]}`;
  const detail = literalMember(call.body, "AuthFlow") ?? literalMember(call.body, "ChallengeName");
  return detail === undefined ? call.operation! : `${call.operation} ${detail}`;
}

function headOf(
  header: HeaderBlocks,
  script: Script,
  file: string,
  name: string | undefined,
): Record<string, unknown> {
  const scenario = header.scenario;
  if (scenario !== null && typeof scenario === "object" && !Array.isArray(scenario)) {
    const head: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(scenario)) {
      if (!["steps", "vars", "pool", "client", "users", "secrets"].includes(key)) head[key] = value;
    }
    if (name !== undefined) head.name = name;
    if (typeof head.name === "string" && head.name !== "") return head;
  }
  return {
    name: name ?? titleOf(script) ?? `${basename(file)} (from curl)`,
    description: `Converted from the curl script ${file} by from-curl.`,
    tags: ["from-curl"],
    source: [`curl script ${basename(file)}`],
  };
}

/** The script's first comment, when it comes before any command and reads like a title. */
function titleOf(script: Script): string | undefined {
  const firstLine = script.pipelines[0]?.position.line ?? Number.MAX_SAFE_INTEGER;
  for (const comment of script.comments) {
    if (comment.position.line >= firstLine) return undefined;
    const text = comment.text.trim();
    if (comment.text.startsWith("!") || text === "" || /^(?:set |shellcheck|-\*-)/.test(text)) {
      continue;
    }
    if (/^(?:scenario|pool|client|users):/.test(text)) continue;
    return text.length > 120 ? `${text.slice(0, 117)}…` : text;
  }
  return undefined;
}

function poolBlocks(
  header: HeaderBlocks,
  calls: readonly CurlCall[],
  withPool: boolean,
  secret: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (header.pool !== undefined) out.pool = header.pool;
  if (header.client !== undefined) out.client = header.client;
  if (
    withPool && header.pool === undefined && header.client === undefined &&
    header.users === undefined
  ) {
    const pool = poolBlock(calls);
    if (pool !== undefined) out.pool = pool;
    out.client = clientBlock(calls, secret);
  }
  return out;
}

/** The user names of a to-curl `# users: {…}` header, if the script has one. */
function headerUsers(script: Script): string[] | undefined {
  for (const comment of script.comments) {
    const match = /^\s*users:\s*(\{.*\})\s*$/.exec(comment.text);
    if (match === null) continue;
    try {
      const users = JSON.parse(match[1]!);
      if (users !== null && typeof users === "object" && !Array.isArray(users)) {
        return Object.keys(users);
      }
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export type { FoundUser };
