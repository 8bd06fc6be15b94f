/**
 * Templates as shell: every `${…}` of a scenario becomes an expansion of
 * the script (`$CLIENT_ID`, `$(jq -r '.RefreshToken' <<<"$tokens")`,
 * `$($CLI srp password-claim …)`), with its static type, so that it is
 * spliced into a JSON body quoted (a string) or as it is (JSON text).
 *
 * The SRP functions keep state (the client's secret `a`, device passwords)
 * that a `$(…)` subshell would lose, so their calls become statements of
 * the step (`srp_user=$($CLI srp start)`, `remember_device …`) before the
 * value is used.
 */

import type { Expression, PathSegment, Template } from "../template/mod.ts";
import { formatExpression } from "../template/mod.ts";
import { ScenarioSyntaxError } from "../scenario/mod.ts";
import { isShellName, shellWord, type WordPart } from "./bash.ts";
import { rootVariable, shellName, userShellPrefix } from "./names.ts";
import {
  NUMBER,
  pathType,
  type StaticType,
  STRING,
  stringRecord,
  UNKNOWN,
  valueType,
} from "./types.ts";

/** A value as the script has it: text (an expansion or literal text), or JSON text at a path. */
export type ShellValue =
  & (
    /** The value's text: a string, or a number, boolean or null as its JSON. */
    | { form: "text"; parts: WordPart[]; type: StaticType }
    /** JSON text that `holder` expands to, read at `path` with jq. */
    | { form: "json"; holder: string; path: readonly (string | number)[]; type: StaticType }
  )
  & {
    /** For the output of one command (`$CLI srp …`): its words, to lay out an assignment. */
    words?: readonly string[];
  };

/** A name the script holds a value under: raw text (strings) or JSON text. */
export interface Held {
  /** The shell variable. */
  variable: string;
  /** `text`: the value itself; `json`: its JSON text. */
  form: "text" | "json";
  /** The value's static type. */
  type: StaticType;
}

/** The steps of a jq path, to append to a value: `.a[0]["x-y"]` (empty for none). */
export function jqSteps(path: readonly (string | number)[]): string {
  return path.map((key) =>
    typeof key === "number"
      ? `[${key}]`
      : /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)
      ? `.${key}`
      : `[${JSON.stringify(key)}]`
  ).join("");
}

/** A jq path from the input: `.a[0]["x-y"]`, `.` for none. */
export function jqPath(path: readonly (string | number)[]): string {
  const steps = jqSteps(path);
  return steps === "" ? "." : steps.startsWith("[") ? `.${steps}` : steps;
}

/** A jq filter as one single-quoted shell word. */
export function jqWord(filter: string): string {
  return `'${filter.replaceAll("'", `'"'"'`)}'`;
}

/** `$(jq <flags> '<path>' <<<"<holder>")`. */
function jqOf(holder: string, path: readonly (string | number)[], flags: string): string {
  return `$(jq ${flags} ${jqWord(jqPath(path))} <<<"${holder}")`;
}

/** The value's text as word parts (strings as they are, anything else as compact JSON). */
export function textParts(value: ShellValue): WordPart[] {
  if (value.form === "text") return value.parts;
  if (value.type.kind === "string") return [{ expansion: jqOf(value.holder, value.path, "-r") }];
  if (value.path.length === 0 && value.type.kind !== "unknown") {
    return [{ expansion: value.holder }];
  }
  return [{ expansion: jqOf(value.holder, value.path, "-rc"), unsafe: true }];
}

/** The value's JSON text as word parts, to splice into a JSON body. */
export function jsonParts(value: ShellValue): WordPart[] {
  if (value.form === "json") {
    if (value.type.kind === "string") {
      return [{ text: '"' }, { expansion: jqOf(value.holder, value.path, "-r") }, { text: '"' }];
    }
    return [{
      expansion: value.path.length === 0 ? value.holder : jqOf(value.holder, value.path, "-c"),
    }];
  }
  if (value.type.kind !== "string") return value.parts;
  // Literal text is escaped for JSON; so is an expansion that may need it (json()'s text);
  // others are spliced as they are (the values given from outside are checked by json_safe).
  return [
    { text: '"' },
    ...value.parts.map((part): WordPart =>
      "text" in part
        ? { text: JSON.stringify(part.text).slice(1, -1) }
        : part.unsafe === true
        ? { expansion: `$(jq -rn --arg v "${part.expansion}" '$v | tojson | .[1:-1]')` }
        : part
    ),
    { text: '"' },
  ];
}

/** One expansion giving the value's JSON text (for `--challenge`, `--argjson` and JSON variables). */
export function jsonExpansion(value: ShellValue): WordPart[] {
  if (value.form === "json" && value.type.kind !== "string") {
    return [{
      expansion: value.path.length === 0 ? value.holder : jqOf(value.holder, value.path, "-c"),
    }];
  }
  if (value.form === "text" && value.type.kind !== "string") return value.parts;
  const text = textParts(value);
  if (text.every((part) => "text" in part)) {
    return [{ text: JSON.stringify(text.map((part) => "text" in part ? part.text : "").join("")) }];
  }
  return [{ expansion: `$(jq -cn --arg v ${wordOf(text)} '$v')` }];
}

/** Word parts as one shell word (for use inside `$(…)`). */
function wordOf(parts: readonly WordPart[]): string {
  return shellWord(parts);
}

/** What compiling a template needs from the step it is in. */
export interface Scope {
  /** The scenario file, for positions. */
  file: string;
  /** Names the script holds (captures, `let`s, vars), by scenario name. */
  symbols: ReadonlyMap<string, Held>;
  /** The scenario's users. */
  users: ReadonlySet<string>;
  /** Statements to run before the value is used (stateful SRP calls). */
  setup: string[];
  /** The name a stateful call's result should be assigned to (a `let` binding), if any. */
  target?: string;
  /** Whether the script reads the mock's clock for TIMESTAMPs and TOTP codes. */
  clock: boolean;
  /** Records a use of a root variable (`POOL_ID`, `ALICE_PASSWORD`, `API_KEY`…). */
  use(variable: string, kind: "pool" | "client" | "user" | "env" | "var"): void;
  /** The SRP ephemerals started so far (by name), for the claims. */
  ephemerals: Set<string>;
  /** A fresh shell name for a hoisted value (`verifier`, `verifier_2`, …). */
  fresh(base: string): string;
}

/** A conversion problem at a template. */
function problem(scope: Scope, template: Template, offset: number, message: string): never {
  const at = template.positionAt(offset) ?? template.position ?? { line: 1, column: 1 };
  throw new ScenarioSyntaxError(`Cannot convert ${message}`, { file: scope.file, ...at });
}

/**
 * A template as a shell value: a whole `${…}` gives the expression's value,
 * interpolated text a string.
 */
export function templateValue(template: Template, scope: Scope): ShellValue {
  if (template.whole) {
    const part = template.expressions[0]!;
    return expressionValue(part.expression, template, scope);
  }
  const parts: WordPart[] = [];
  for (const part of template.parts) {
    if (part.type === "text") parts.push({ text: part.text });
    else parts.push(...textParts(expressionValue(part.expression, template, scope)));
  }
  return { form: "text", parts, type: STRING };
}

/** A literal JSON value (no template) as a shell value. */
export function literalValue(value: unknown): ShellValue {
  return {
    form: "text",
    parts: [{ text: typeof value === "string" ? value : JSON.stringify(value) }],
    type: valueType(value),
  };
}

function expressionValue(expression: Expression, template: Template, scope: Scope): ShellValue {
  switch (expression.type) {
    case "literal":
      return literalValue(expression.value);
    case "path":
      return pathValue(expression.segments, template, scope);
    case "call":
      return callValue(expression, template, scope);
  }
}

function pathValue(
  segments: readonly PathSegment[],
  template: Template,
  scope: Scope,
): ShellValue {
  const keys = segments.map((segment) => segment.key);
  const [root] = keys;
  const at = segments[0]!.start;
  const text = (variable: string, kind: Parameters<Scope["use"]>[1]): ShellValue => {
    scope.use(variable, kind);
    return { form: "text", parts: [{ expansion: `$${variable}` }], type: STRING };
  };
  const shown = `\${${keys.join(".")}}`;
  if (root === "pool" || root === "client") {
    const variable = rootVariable(keys);
    if (variable === undefined || keys.length !== 2) {
      return problem(
        scope,
        template,
        at,
        `${shown}: the script has $POOL_ID, $POOL_NAME, $REGION, $CLIENT_ID and $CLIENT_SECRET only`,
      );
    }
    return text(variable, root);
  }
  if (root === "users") {
    const [, user, field, ...rest] = keys;
    if (typeof user !== "string" || !scope.users.has(user)) {
      return problem(scope, template, at, `${shown}: no user "${String(user)}" in users`);
    }
    if (field === "attributes") {
      const variable = `${userShellPrefix(user)}_ATTRIBUTES`;
      scope.use(variable, "user");
      return {
        form: "json",
        holder: `$${variable}`,
        path: rest,
        type: rest.length === 0 ? { kind: "object" } : UNKNOWN,
      };
    }
    const variable = rootVariable(keys.slice(0, 3));
    if (variable === undefined || rest.length > 0) {
      return problem(
        scope,
        template,
        at,
        `${shown}: a user has username, password, sub and attributes`,
      );
    }
    return text(variable, "user");
  }
  if (root === "env") {
    const name = keys[1];
    if (typeof name !== "string" || keys.length !== 2 || !isShellName(name)) {
      return problem(scope, template, at, `${shown}: an env value is \${env.NAME}`);
    }
    return text(name, "env");
  }
  if (root === "response") {
    return problem(scope, template, at, `${shown}: response is only known inside expect`);
  }
  const name = root === "vars" ? keys[1] : root;
  const rest = root === "vars" ? keys.slice(2) : keys.slice(1);
  const symbol = typeof name === "string"
    ? scope.symbols.get(root === "vars" ? `vars.${name}` : name)
    : undefined;
  if (symbol === undefined) {
    return problem(scope, template, at, `${shown}: nothing earlier in the script holds it`);
  }
  if (root === "vars") scope.use(symbol.variable, "var");
  if (symbol.form === "text") {
    if (rest.length > 0) {
      return problem(scope, template, at, `${shown}: ${String(name)} holds a string`);
    }
    return { form: "text", parts: [{ expansion: `$${symbol.variable}` }], type: symbol.type };
  }
  return {
    form: "json",
    holder: `$${symbol.variable}`,
    path: rest,
    type: pathType(symbol.type, rest),
  };
}

/** The type of an SRP claim the CLI prints. */
const PASSWORD_CLAIM = stringRecord([
  "SRP_A",
  "USERNAME",
  "PASSWORD_CLAIM_SECRET_BLOCK",
  "TIMESTAMP",
  "PASSWORD_CLAIM_SIGNATURE",
]);
const DEVICE_CLAIM = stringRecord([
  "SRP_A",
  "USERNAME",
  "DEVICE_KEY",
  "PASSWORD_CLAIM_SECRET_BLOCK",
  "TIMESTAMP",
  "PASSWORD_CLAIM_SIGNATURE",
]);
const DEVICE_VERIFIER = stringRecord(["PasswordVerifier", "Salt"]);

/** A command's words as one line, `\`-continued when long. */
export function commandLine(words: readonly string[], indent = "  "): string {
  // A flag and its value stay on one line.
  const units: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const next = words[i + 1];
    if (word.startsWith("--") && next !== undefined && !next.startsWith("--")) {
      units.push(`${word} ${next}`);
      i++;
    } else units.push(word);
  }
  const lines: string[] = [];
  let line = "";
  for (const word of units) {
    if (line !== "" && line.length + 1 + word.length > 96) {
      lines.push(line);
      line = `${indent}${word}`;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.join(" \\\n");
}

function callValue(
  call: Extract<Expression, { type: "call" }>,
  template: Template,
  scope: Scope,
): ShellValue {
  const args = call.args.map((arg) => expressionValue(arg, template, scope));
  const word = (value: ShellValue) => wordOf(textParts(value));
  const json = (value: ShellValue) => wordOf(jsonExpansion(value));
  const command = (words: string[], type: StaticType, form: "text" | "json"): ShellValue => {
    const expansion = `$(${words.join(" ")})`;
    return form === "text"
      ? { form: "text", parts: [{ expansion }], type, words }
      : { form: "json", holder: expansion, path: [], type, words };
  };
  const fail = (message: string): never =>
    problem(scope, template, call.start, `${formatExpression(call)}: ${message}`);
  const clock = scope.clock ? ["--epoch-seconds", '"$(now_seconds)"'] : [];
  switch (call.name) {
    case "uuid":
      return { form: "text", parts: [{ expansion: "$(uuid)" }], type: STRING };
    case "now":
      return { form: "text", parts: [{ expansion: "$(now_seconds)" }], type: NUMBER };
    case "env": {
      const [name] = call.args;
      if (name?.type === "literal" && typeof name.value === "string" && isShellName(name.value)) {
        scope.use(name.value, "env");
        return { form: "text", parts: [{ expansion: `$${name.value}` }], type: STRING };
      }
      return {
        form: "text",
        parts: [{ expansion: `$(printenv ${word(args[0]!)})`, unsafe: true }],
        type: STRING,
      };
    }
    case "json":
      return {
        form: "text",
        parts: [{ expansion: `$(jq -c . <<<${json(args[0]!)})`, unsafe: true }],
        type: STRING,
      };
    case "base64":
      return {
        form: "text",
        parts: [{ expansion: `$(printf '%s' ${word(args[0]!)} | base64 | tr -d '\\n')` }],
        type: STRING,
      };
    case "concat": {
      // The helper, not the parts side by side: the script says what the scenario says.
      const parts = args.map(textParts);
      const unsafe = parts.flat().some((part) =>
        "text" in part ? JSON.stringify(part.text).slice(1, -1) !== part.text : part.unsafe === true
      );
      const expansion = `$(concat${parts.map((value) => ` ${wordOf(value)}`).join("")})`;
      return { form: "text", parts: [{ expansion, ...(unsafe ? { unsafe } : {}) }], type: STRING };
    }
    case "srp.start": {
      const name = ephemeralName(call, fail);
      const variable = `srp_${shellName(name)}`;
      scope.setup.push(`${variable}=$($CLI srp start)`);
      scope.ephemerals.add(name);
      return {
        form: "text",
        parts: [{ expansion: `$(jq -r .SRP_A <<<"$${variable}")` }],
        type: STRING,
      };
    }
    case "srp.passwordClaim": {
      if (!scope.ephemerals.has("user")) {
        return fail("no SRP exchange was started before it (send SRP_A from ${srp.start()})");
      }
      scope.use("POOL_ID", "pool");
      const [challenge, password, timestamp] = args as [ShellValue, ShellValue, ShellValue?];
      return command(
        [
          "$CLI srp password-claim",
          "--pool-id",
          '"$POOL_ID"',
          "--password",
          word(password),
          "--challenge",
          json(challenge),
          "--a-hex",
          `"$(jq -r .aHex <<<"$srp_user")"`,
          ...timestampFlags(timestamp, scope, word),
        ],
        PASSWORD_CLAIM,
        "json",
      );
    }
    case "srp.deviceVerifier": {
      const [device] = args as [ShellValue];
      if (device.form === "text") return fail("it needs the NewDeviceMetadata object");
      const key = word({ ...device, path: [...device.path, "DeviceKey"], type: STRING });
      const group = word({ ...device, path: [...device.path, "DeviceGroupKey"], type: STRING });
      const variable = scope.target ?? scope.fresh("verifier");
      scope.setup.push(
        `${variable}=$(${
          commandLine(
            ["$CLI srp device-verifier", "--device-key", key, "--device-group-key", group],
            "    ",
          )
        })`,
        `remember_device ${variable} ${json(device)}`,
      );
      return { form: "json", holder: `$${variable}`, path: [], type: DEVICE_VERIFIER };
    }
    case "srp.deviceClaim": {
      const [challenge, device, timestamp] = args as [ShellValue, ShellValue, ShellValue?];
      const ephemeral = scope.ephemerals.has("device") ? "device" : "user";
      if (!scope.ephemerals.has(ephemeral)) {
        return fail(
          "no SRP exchange was started before it (send SRP_A from ${srp.start('device')})",
        );
      }
      const key = device.form === "json" && device.type.kind !== "string"
        ? word({ ...device, path: [...device.path, "DeviceKey"], type: STRING })
        : word(device);
      return command(
        [
          "$CLI srp device-claim",
          "--challenge",
          json(challenge),
          "--device-key",
          key,
          "--device-group-key",
          `"$(device_group_key ${key})"`,
          "--device-password",
          `"$(device_password ${key})"`,
          "--a-hex",
          `"$(jq -r .aHex <<<"$srp_${ephemeral}")"`,
          ...timestampFlags(timestamp, scope, word),
        ],
        DEVICE_CLAIM,
        "json",
      );
    }
    case "srp.timestamp":
      return {
        form: "text",
        parts: [{
          expansion: `$(srp_timestamp${args[0] === undefined ? "" : ` ${word(args[0])}`})`,
        }],
        type: STRING,
      };
    case "jwt.payload":
      return {
        form: "json",
        holder: `$(jwt_payload ${word(args[0]!)})`,
        path: [],
        type: { kind: "object" },
      };
    case "secretHash":
      scope.use("CLIENT_ID", "client");
      scope.use("CLIENT_SECRET", "client");
      return command(
        [
          "$CLI secret-hash",
          "--username",
          word(args[0]!),
          "--client-id",
          '"$CLIENT_ID"',
          "--client-secret",
          '"$CLIENT_SECRET"',
        ],
        STRING,
        "text",
      );
    case "totp": {
      const [secret, offset] = args as [ShellValue, ShellValue?];
      return command(
        [
          "$CLI totp",
          "--secret-code",
          word(secret),
          ...(offset === undefined ? [] : ["--offset-seconds", word(offset)]),
          ...clock,
        ],
        STRING,
        "text",
      );
    }
    default:
      return fail("to-curl has no shell form of this function");
  }
}

function ephemeralName(
  call: Extract<Expression, { type: "call" }>,
  fail: (message: string) => never,
): string {
  const [name] = call.args;
  if (name === undefined) return "user";
  if (
    name.type === "literal" && typeof name.value === "string" && /^[A-Za-z0-9_-]+$/.test(name.value)
  ) {
    return name.value;
  }
  return fail("the exchange's name must be a literal, e.g. srp.start('device')");
}

/** `--timestamp …`: as given, else the mock's time when the script follows its clock. */
function timestampFlags(
  timestamp: ShellValue | undefined,
  scope: Scope,
  word: (value: ShellValue) => string,
): string[] {
  if (timestamp !== undefined) return ["--timestamp", word(timestamp)];
  return scope.clock ? ["--timestamp", '"$(srp_timestamp)"'] : [];
}
