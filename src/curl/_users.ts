/**
 * The users of a converted script: one per distinct `USERNAME` (or
 * `Username`) the calls send, with the password sent beside it. Used by
 * `--with-pool` and, with the users of a to-curl header, to write
 * `${users.<name>.username}` and `.password` where the script has the values.
 *
 * @module
 */

import type { CurlCall, Piece, Ref, UtilCall } from "./_model.ts";
import type { BodyTree, HoleString } from "./json_body.ts";
import { isPlaceholder } from "./_walk.ts";

/** A user found in the calls. */
export interface FoundUser {
  /** The entry's name (`users.<name>`). */
  name: string;
  /** The username as the script writes it, when it is a constant. */
  username?: string;
  /** Identity of the username value (see {@linkcode identityOf}). */
  identity: string;
  /** The password value the script sends beside it, if any. */
  password?: BodyTree<Ref>;
  /** The line of the call that sends the password (or the username). */
  line: number;
}

const SIGN_IN = new Set(["InitiateAuth", "AdminInitiateAuth"]);

/**
 * A key that says whether two values are the same value of the script: a
 * constant (`lit:alice`), a shell variable (`shell:USERNAME`), a placeholder
 * (`ph:<username>`) or a user of the header (`user:alice`); `undefined` for
 * answers and mixed strings.
 */
export function identityOf(value: BodyTree<Ref> | Piece[] | undefined): string | undefined {
  if (typeof value === "string") return isPlaceholder(value) ? `ph:${value}` : `lit:${value}`;
  const pieces = Array.isArray(value) ? value as Piece[] : isHole(value) ? value.pieces : undefined;
  if (pieces === undefined || pieces.length !== 1) return undefined;
  const [piece] = pieces;
  if (typeof piece === "string") return isPlaceholder(piece) ? `ph:${piece}` : `lit:${piece}`;
  const source = piece!.source;
  if (piece!.path.length > 0) return undefined;
  if (source.kind === "shell") return `shell:${source.name}`;
  if (source.kind === "placeholder") return `ph:${source.text}`;
  if (source.kind === "scenario" && source.ref.root === "users") {
    return `user:${source.ref.user}:${source.ref.field}`;
  }
  return undefined;
}

function isHole(value: unknown): value is HoleString<Ref> {
  return value !== null && typeof value === "object" && "pieces" in value;
}

function member(node: BodyTree<Ref> | undefined, key: string): BodyTree<Ref> | undefined {
  if (node === null || typeof node !== "object" || Array.isArray(node) || isHole(node)) {
    return undefined;
  }
  return node[key];
}

/** The users of the calls, in order of first appearance. */
export function findUsers(calls: readonly CurlCall[]): FoundUser[] {
  const users: FoundUser[] = [];
  const names = new Set<string>();
  let signingIn: FoundUser | undefined;
  for (const call of calls) {
    const body = call.body;
    if (body === undefined) continue;
    // USER_SRP_AUTH: the password is the one the PASSWORD_VERIFIER claim is computed with.
    const claim = passwordClaimIn(body) ??
      call.utils.find((util) => util.name === "srp.passwordClaim");
    if (claim !== undefined && signingIn !== undefined && signingIn.password === undefined) {
      const password = claim.args.password;
      if (password !== undefined) signingIn.password = { pieces: password };
    }
    const holder = SIGN_IN.has(call.operation ?? "") ? member(body, "AuthParameters") : body;
    const usernameKey = SIGN_IN.has(call.operation ?? "") ? "USERNAME" : "Username";
    const username = member(holder, usernameKey);
    const identity = identityOf(username);
    if (identity === undefined || identity.startsWith("user:")) continue;
    if (SIGN_IN.has(call.operation ?? "")) signingIn = undefined;
    // A sign-in the script expects to fail (a wrong password) is no source of the password.
    const refused = call.expect.error !== undefined || (call.expect.status ?? 200) >= 400 ||
      typeof (call.expect.sample as { __type?: unknown } | undefined)?.__type === "string";
    const password = refused
      ? undefined
      : member(holder, SIGN_IN.has(call.operation ?? "") ? "PASSWORD" : "Password");
    const existing = users.find((user) => user.identity === identity);
    if (existing !== undefined) {
      if (existing.password === undefined && password !== undefined) {
        existing.password = password;
        existing.line = call.position.line;
      }
      if (SIGN_IN.has(call.operation ?? "")) signingIn = existing;
      continue;
    }
    const name = unique(nameOf(username!), names);
    names.add(name);
    const found: FoundUser = { name, identity, line: call.position.line };
    const constant = constantOf(username!);
    if (constant !== undefined) found.username = constant;
    if (password !== undefined) found.password = password;
    users.push(found);
    if (SIGN_IN.has(call.operation ?? "")) signingIn = found;
  }
  return users;
}

/** The `srp password-claim` call a body reads, if any. */
function passwordClaimIn(value: unknown): UtilCall | undefined {
  if (value === null || typeof value !== "object") return undefined;
  if (isHole(value)) {
    for (const piece of value.pieces) {
      if (
        typeof piece !== "string" && piece.source.kind === "util" &&
        piece.source.util.name === "srp.passwordClaim"
      ) {
        return piece.source.util;
      }
    }
    return undefined;
  }
  for (const member of Array.isArray(value) ? value : Object.values(value)) {
    const found = passwordClaimIn(member);
    if (found !== undefined) return found;
  }
  return undefined;
}

function constantOf(value: BodyTree<Ref>): string | undefined {
  if (typeof value === "string") return isPlaceholder(value) ? undefined : value;
  if (!isHole(value) || value.pieces.length !== 1) return undefined;
  const [piece] = value.pieces;
  if (typeof piece === "string") return piece;
  return piece!.source.kind === "shell" ? piece!.source.default : undefined;
}

/** `alice` for "alice", "alice@example.com", `$ALICE` (= alice); `user` for placeholders. */
function nameOf(value: BodyTree<Ref>): string {
  const constant = constantOf(value);
  const base = constant ?? "user";
  const local = base.split("@")[0]!.replace(/[^A-Za-z0-9_-]/g, "_");
  return /^[A-Za-z_]/.test(local) ? local : `user_${local}`;
}

function unique(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let n = 2;; n++) if (!taken.has(`${name}${n}`)) return `${name}${n}`;
}
