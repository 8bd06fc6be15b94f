/**
 * Calls of the project's own CLI utilities in a script (`deno task -q cli srp
 * start`, `$CLI secret-hash …`): they stand for the template functions that
 * compute the same values (docs/curl-format.md, "Values").
 *
 * @module
 */

import type { CurlArg } from "./_curl_options.ts";
import { type Diagnostic, literalOf, type Piece, type UtilCall, type UtilName } from "./_model.ts";
import type { ShellPosition } from "./shell.ts";

const SUBCOMMANDS: Record<string, UtilName> = {
  "srp start": "srp.start",
  "srp device-verifier": "srp.deviceVerifier",
  "srp password-claim": "srp.passwordClaim",
  "srp device-claim": "srp.deviceClaim",
  "secret-hash": "secretHash",
  totp: "totp",
};

/**
 * The utility a command calls: a {@linkcode UtilCall}, `"ignored"` for another
 * subcommand of the project's CLI (`mock`, `run`…), `undefined` when the
 * command is not the project's CLI. `name` is the command word as expanded
 * (`$CLI` may hold `deno task -q cli`).
 */
export function utilCall(
  name: string,
  args: readonly CurlArg[],
  position: ShellPosition,
  diagnostics: Diagnostic[],
): UtilCall | "ignored" | undefined {
  const words: CurlArg[] = [
    ...name.split(/\s+/).filter((word) => word !== "").map((word) => ({
      pieces: [word],
      position,
    })),
    ...args,
  ];
  const texts = words.map((word) => literalOf(word.pieces));
  let at = -1;
  if (/(?:^|\/)cognito-conformance$/.test(texts[0] ?? "")) at = 1;
  else {
    for (let k = 0; k < texts.length - 1; k++) {
      if (texts[k] === "task" && texts.slice(k + 1).find((t) => !t?.startsWith("-")) === "cli") {
        at = texts.indexOf("cli", k + 1) + 1;
        break;
      }
      if (/(?:^|\/)src\/cli\/main\.ts$/.test(texts[k] ?? "")) {
        at = k + 1;
        break;
      }
    }
  }
  if (at < 0) return undefined;
  const first = texts[at];
  const two = `${first} ${texts[at + 1]}`;
  const util = SUBCOMMANDS[two] ?? SUBCOMMANDS[first ?? ""];
  if (util === undefined) {
    diagnostics.push({
      level: "note",
      message: `the CLI's "${first ?? ""}" command is not part of a scenario; ignored`,
      position,
    });
    return "ignored";
  }
  const rest = words.slice(at + (SUBCOMMANDS[two] === undefined ? 1 : 2));
  const parsed: Record<string, Piece[]> = {};
  for (let k = 0; k < rest.length; k++) {
    const text = literalOf(rest[k]!.pieces);
    const flag = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/.exec(text ?? "");
    const head = rest[k]!.pieces[0];
    if (flag !== null) {
      if (flag[2] !== undefined) parsed[flag[1]!] = [flag[2]];
      else parsed[flag[1]!] = rest[++k]?.pieces ?? [];
    } else if (typeof head === "string" && /^--[a-z][a-z0-9-]*=/.test(head)) {
      const equals = head.indexOf("=");
      parsed[head.slice(2, equals)] = [head.slice(equals + 1), ...rest[k]!.pieces.slice(1)];
    } else if (parsed._ === undefined) parsed._ = rest[k]!.pieces;
  }
  return { name: util, args: parsed, position };
}
