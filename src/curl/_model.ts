/**
 * What the script walk learns, before any of it becomes scenario text:
 * shell values as pieces of literal text and references to where a value
 * comes from (an answer, a scenario value, an unset variable, a placeholder,
 * one of the project's utilities), and the Cognito calls in order.
 *
 * @module
 */

import type { ScenarioRef } from "./names.ts";
import type { ShellPosition } from "./shell.ts";
import type { BodyTree } from "./json_body.ts";

/** A key or an index into a JSON value. */
export type Segment = string | number;

/** Where a shell value comes from. */
export type Source =
  /** The response body of step `step`. */
  | { kind: "answer"; step: number }
  /** A value of the name table (`$POOL_ID`, `$ALICE_PASSWORD`, `${NAME:?…}` for env). */
  | { kind: "scenario"; ref: ScenarioRef }
  /**
   * A shell variable the script does not compute: unset (`undefined` default),
   * assigned a constant (`NAME=value`, `${NAME:-value}`), or read from the
   * terminal. It becomes a scenario var unless it is a reused answer.
   */
  | {
    kind: "shell";
    name: string;
    default?: string;
    /** A default the script computes (`${NAME:-"$(srp_timestamp)"}`): the var's template. */
    computed?: Piece[];
    note?: string;
    position: ShellPosition;
  }
  /** `<placeholder>`, `[placeholder]`, `{{placeholder}}`, `YOUR_…` text. */
  | { kind: "placeholder"; text: string; position: ShellPosition }
  /** The output of one of the project's utilities (`srp start`, `secret-hash`…). */
  | { kind: "util"; util: UtilCall }
  /**
   * A template function to-curl writes as a helper of the script: `$(uuid)`,
   * `$(now_seconds)`, `$(concat A B)`, `$(srp_timestamp STYLE)`, `$(jwt_payload TOKEN)`.
   */
  | { kind: "call"; name: string; args: Piece[][]; position: ShellPosition }
  /** A `let` of the step, by its scenario name (a to-curl `# let:` line names it). */
  | { kind: "let"; name: string }
  /** Something the converter does not follow (a jq program, another command's output). */
  | { kind: "opaque"; what: string; position: ShellPosition };

/** A reference to (a part of) a value, as a piece of a shell string. */
export interface Ref {
  /** Where the value comes from. */
  source: Source;
  /** The path into it (`jq -r .AuthenticationResult.AccessToken`). */
  path: Segment[];
  /** Set when the script saved it in a lower-case variable (`tokens=$(jq -c …)`): a capture name. */
  capture?: string;
  /** Set when a jq filter picked it (`jq -c .` too): saved on purpose, even the whole answer. */
  picked?: boolean;
}

/** A piece of a shell string: literal text or a reference. */
export type Piece = string | Ref;

/** A shell value: a string of pieces, or an array of them (`H=(-H '…')`). */
export type ShellValue =
  | { kind: "string"; pieces: Piece[] }
  | { kind: "array"; items: ShellValue[] };

/** The project's utilities, by the template function each stands for. */
export type UtilName =
  | "srp.start"
  | "srp.deviceVerifier"
  | "srp.passwordClaim"
  | "srp.deviceClaim"
  | "secretHash"
  | "totp";

/** A call of one of the project's CLI utilities. */
export interface UtilCall {
  /** Which. */
  name: UtilName;
  /** Its flags (`--device-key` → `device-key`), and `_` for the first positional. */
  args: Record<string, Piece[]>;
  /** The lower-case variable the script keeps its output in, if any (a `let` name). */
  variable?: string;
  /** Where the call is. */
  position: ShellPosition;
}

/** A `# →` answer comment, `# expect:` line or check call, as read. */
export interface ExpectSource {
  /** `expect` as written (`# expect: …`), merged over the rest. */
  written?: Record<string, unknown>;
  /** The status of an answer comment or `expect_status`. */
  status?: number;
  /** A sample body (`# → {…}`), with `…` for left-out values. */
  sample?: unknown;
  /** `expect_error TYPE [MESSAGE]`. */
  error?: { type: string; message?: string };
}

/** A Cognito call (or a mock control call) found in the script. */
export interface CurlCall {
  /** 0-based, in script order. */
  index: number;
  /** The operation (`InitiateAuth`), or undefined for a control call. */
  operation?: string;
  /** A `/_mock/…` control call: the action's scenario form. */
  control?: Record<string, unknown>;
  /** The JSON body with references; absent when the call sends none. */
  body?: { [key: string]: BodyTree<Ref> };
  /** Where the `curl` word is. */
  position: ShellPosition;
  /** The comment block just above the call (for the step name). */
  leading: string[];
  /** What the script says the answer is or must be. */
  expect: ExpectSource;
  /** The step's `let` bindings as a `# let:` line writes them, in order. */
  let?: Record<string, unknown>;
  /** The project's utilities the script calls between the previous call and this one. */
  utils: UtilCall[];
}

/** A warning or note with its place in the script. */
export interface Diagnostic {
  /** `warning` (something was not understood) or `note` (something was assumed). */
  level: "warning" | "note";
  /** One line, naming no secret value. */
  message: string;
  /** Where. */
  position: ShellPosition;
}

/** A pure literal string of pieces, or `undefined` when a reference is not a known constant. */
export function literalOf(pieces: readonly Piece[]): string | undefined {
  let out = "";
  for (const piece of pieces) {
    if (typeof piece === "string") out += piece;
    else if (piece.source.kind === "shell" && piece.source.default !== undefined) {
      if (piece.path.length > 0) return undefined;
      out += piece.source.default;
    } else return undefined;
  }
  return out;
}

/**
 * The key a file is known by in the walk: its literal name, or, for a name the
 * script computes (`-o "$OUT"` with `OUT=$(mktemp)`), the same expansion
 * spelled the same way (positions aside).
 */
export function fileKeyOf(pieces: readonly Piece[]): string {
  return literalOf(pieces) ?? JSON.stringify(pieces.map((piece) => {
    if (typeof piece === "string") return piece;
    const { position: _position, ...source } = piece.source as Source & { position?: unknown };
    return { source, path: piece.path };
  }));
}

/** Adjacent strings joined, empty strings dropped. */
export function joinPieces(pieces: readonly Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const piece of pieces) {
    if (typeof piece === "string") {
      if (piece === "") continue;
      const last = out[out.length - 1];
      if (typeof last === "string") out[out.length - 1] = last + piece;
      else out.push(piece);
    } else out.push(piece);
  }
  return out;
}
