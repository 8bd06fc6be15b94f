/**
 * From calls to scenario steps: every value a request sends becomes a
 * literal, a template reading a capture of an earlier step, a scenario value
 * (`${client.id}`, `${users.alice.password}`), a var, or one of the project's
 * functions (`srp.start()`, `srp.deviceVerifier(device)`, `srp.passwordClaim`,
 * `srp.deviceClaim`, `secretHash`, `totp`), as docs/curl-format.md says.
 *
 * @module
 */

import { pathTail, shellNameOf, templatePathOf } from "./names.ts";
import { Captures, literalMember } from "./_captures.ts";
import {
  ANSWER_OPERATIONS,
  argumentOf,
  CLAIM_KEYS,
  escapeTemplate,
  isHole,
  PROOF_KEYS,
  REUSED,
  singleRef,
  slotOf,
  utilIn,
} from "./_infer_parts.ts";
import type { CurlCall, Diagnostic, Piece, Ref, Segment, UtilCall } from "./_model.ts";
import type { BodyTree } from "./json_body.ts";
import { type FoundUser, identityOf } from "./_users.ts";
import { isSecretKey, varNameOf, Vars } from "./_vars.ts";
import { type ExplicitCapture, isPlaceholder } from "./_walk.ts";

/** A step of the draft scenario, in plain data. */
export interface DraftStep {
  /** The line of its curl call. */
  line: number;
  /** The step's name. */
  name: string;
  /** The operation. */
  call?: string;
  /** A control action. */
  control?: Record<string, unknown>;
  /** `let` bindings. */
  let?: Record<string, unknown>;
  /** The request. */
  request?: Record<string, unknown>;
  /** Captures. */
  save?: Record<string, string>;
}

/** Where reused answers and templates come from, for one conversion. */
export interface Resolver {
  /** Resolves the request of call `index`. */
  request(index: number): { request?: Record<string, unknown>; let?: Record<string, unknown> };
  /** Rewrites a literal of an expected answer (usernames, the client id) under `key`. */
  expected(text: string, key: string | undefined): string;
}

/** Options of {@linkcode createResolver}. */
export interface ResolverOptions {
  /** The users the scenario declares (found in the calls, or from a to-curl header). */
  users: readonly FoundUser[];
  /** Whether `users:` is written (with `--with-pool`, or from a header). */
  usersDeclared: boolean;
  /** The header's user names (`$ALICE_PASSWORD` → `users.alice.password`). */
  headerUsers: readonly string[];
  /** With `--with-pool`: literal client ids and pool ids become `${client.id}`, `${pool.id}`. */
  withPool: boolean;
  /** Values of the table's names (`CLIENT_ID=…`): inside expected texts they read as templates. */
  constants: ReadonlyArray<{ path: string; text: string }>;
  /**
   * Vars to declare first, in this order, used or not: a to-curl script's, which
   * its `# let:` and `# expect:` lines may read.
   * @default {[]}
   */
  vars?: readonly Ref[];
  /** Shell variables the script keeps secret (`secret NAME`): their vars are secrets. */
  secrets?: ReadonlySet<string>;
}

type Resolved = { expr: string } | { text: string };

interface Context {
  step: number;
  call: CurlCall;
  lets: Map<string, string>;
}

/** The resolver of one conversion; captures and vars fill up as requests are resolved. */
export class Inference implements Resolver {
  readonly #calls: readonly CurlCall[];
  readonly captures: Captures;
  readonly vars = new Vars();
  readonly #options: ResolverOptions;
  readonly #diagnostics: Diagnostic[];
  /** Set when a request uses the client secret (SECRET_HASH, ClientSecret). */
  usesClientSecret = false;
  /** Constant texts that stand for scenario values, longest first. */
  readonly #constants: Array<{ path: string; text: string }>;

  constructor(
    calls: readonly CurlCall[],
    explicit: readonly ExplicitCapture[],
    options: ResolverOptions,
    diagnostics: Diagnostic[],
  ) {
    this.#calls = calls;
    this.captures = new Captures(calls, explicit);
    this.#options = options;
    this.#diagnostics = diagnostics;
    this.#constants = [...options.constants];
    // Before any step: no answer is there to read.
    const first: Context = { step: 0, call: calls[0]!, lets: new Map() };
    for (const ref of options.vars ?? []) this.#declare(ref, undefined, first);
  }

  request(index: number): { request?: Record<string, unknown>; let?: Record<string, unknown> } {
    const call = this.#calls[index]!;
    if (call.body === undefined) return call.let === undefined ? {} : { let: call.let };
    const context: Context = { step: index, call, lets: new Map() };
    const request = this.#object(call.body, [], context);
    // A `# let:` line says what the lets are; else those the request's claims need.
    if (call.let !== undefined) return { request, let: call.let };
    const lets = context.lets.size === 0 ? {} : { let: Object.fromEntries(context.lets) };
    return { request, ...lets };
  }

  expected(text: string, key: string | undefined): string {
    const user = this.#userOf(`lit:${text}`, slotOf(key));
    if (user !== undefined) return `\${${user}}`;
    // "Unable to verify secret hash for client <client-id>": the client id the scenario has.
    const constants = this.#constants.filter((constant) => constant.text.length >= 4)
      .sort((a, b) => b.text.length - a.text.length);
    let out = "";
    let rest = text;
    while (rest !== "") {
      const hits = constants.map((constant) => ({ constant, at: rest.indexOf(constant.text) }))
        .filter((hit) => hit.at >= 0).sort((a, b) => a.at - b.at);
      const hit = hits[0];
      if (hit === undefined) break;
      out += escapeTemplate(rest.slice(0, hit.at)) + `\${${hit.constant.path}}`;
      rest = rest.slice(hit.at + hit.constant.text.length);
    }
    return out + escapeTemplate(rest);
  }

  #object(
    node: { [key: string]: BodyTree<Ref> },
    keys: readonly string[],
    context: Context,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      out[key] = this.#member(key, value, [...keys, key], context, out);
    }
    return out;
  }

  /** A member's value, with the members whose value is one of the project's functions. */
  #member(
    key: string,
    value: BodyTree<Ref>,
    keys: readonly string[],
    context: Context,
    siblings: Record<string, unknown>,
  ): unknown {
    const { call } = context;
    // A value the step's `let` computes is that let, whatever member it is sent as.
    if (singleRef(value)?.source.kind === "let") return this.#value(value, keys, context);
    const challengeName = literalMember(call.body, "ChallengeName");
    // A pasted A is useless without its secret a: a fresh exchange stands for it. An A of
    // zero is no pasted one but the value a refusal test sends (A mod N = 0): kept.
    if (key === "SRP_A" && !(typeof value === "string" && /^0+$/.test(value))) {
      return challengeName === "DEVICE_SRP_AUTH" ? "${srp.start('device')}" : "${srp.start()}";
    }
    if (
      call.operation === "ConfirmDevice" && key === "DeviceSecretVerifierConfig" &&
      keys.length === 1
    ) {
      const util = utilIn(value, "srp.deviceVerifier") ??
        call.utils.find((candidate) => candidate.name === "srp.deviceVerifier");
      return `\${srp.deviceVerifier(${this.#device(context, util, call.body?.DeviceKey)})}`;
    }
    if (key === "SECRET_HASH") {
      this.usesClientSecret = true;
      return `\${secretHash(${this.#secretHashUser(value, context, siblings)})}`;
    }
    if (key === "ClientSecret" && keys.length === 1) {
      this.usesClientSecret = true;
      return "${client.secret}";
    }
    if (
      (key === "UserCode" && call.operation === "VerifySoftwareToken") ||
      key === "SOFTWARE_TOKEN_MFA_CODE"
    ) {
      return `\${${this.#totp(value, context)}}`;
    }
    if (
      ANSWER_OPERATIONS.has(call.operation ?? "") && keys.length === 2 &&
      keys[0] === "ChallengeResponses"
    ) {
      const explicit = singleRef(value)?.capture !== undefined;
      if (challengeName === "PASSWORD_VERIFIER" && CLAIM_KEYS.includes(key) && !explicit) {
        return `\${${this.#claim(context)}.${key}}`;
      }
      if (challengeName === "DEVICE_PASSWORD_VERIFIER" && PROOF_KEYS.includes(key) && !explicit) {
        return `\${${this.#proof(context)}.${key}}`;
      }
    }
    return this.#value(value, keys, context);
  }

  #value(value: BodyTree<Ref>, keys: readonly string[], context: Context): unknown {
    if (value === null || typeof value === "number" || typeof value === "boolean") return value;
    if (typeof value === "string") return this.#literal(value, keys, context);
    if (Array.isArray(value)) return value.map((item) => this.#value(item, keys, context));
    if (isHole(value)) return this.#pieces(value.pieces, keys, context);
    return this.#object(value, keys, context);
  }

  #literal(text: string, keys: readonly string[], context: Context): unknown {
    const key = keys[keys.length - 1];
    if (isPlaceholder(text)) {
      return this.#pieces(
        [{ source: { kind: "placeholder", text, position: context.call.position }, path: [] }],
        keys,
        context,
      );
    }
    const slot = slotOf(key);
    if (slot !== undefined) {
      const user = this.#userOf(`lit:${text}`, slot);
      if (user !== undefined) return `\${${user}}`;
    }
    if (
      this.#options.withPool && keys.length === 1 && (key === "ClientId" || key === "UserPoolId")
    ) {
      const path = key === "ClientId" ? "client.id" : "pool.id";
      this.#constants.push({ path, text });
      return `\${${path}}`;
    }
    if (
      key !== undefined && REUSED[key] !== undefined && /^eyJ[\w-]*\.[\w-]*\.[\w-]*$/.test(text)
    ) {
      const reused = this.#reused(key, context);
      if (reused !== undefined) {
        this.#note(
          `the pasted token under "${key}" is read as the answer of an earlier step`,
          context,
        );
        return `\${${reused}}`;
      }
    }
    return escapeTemplate(text);
  }

  #pieces(pieces: readonly Piece[], keys: readonly string[], context: Context): string {
    const parts = pieces.map((piece) =>
      typeof piece === "string" ? { text: piece } : this.#ref(piece, keys, context)
    );
    return parts.map((part) => ("expr" in part ? `\${${part.expr}}` : escapeTemplate(part.text)))
      .join("");
  }

  /** The expression (or constant text) a reference stands for under `keys`. */
  #ref(ref: Ref, keys: readonly string[], context: Context): Resolved {
    const key = keys[keys.length - 1];
    const source = ref.source;
    switch (source.kind) {
      case "answer":
        return { expr: this.captures.expression(source.step, ref.path) };
      case "scenario": {
        if (source.ref.root === "users" && !this.#declaresUser(source.ref.user)) {
          const name = shellNameOf(source.ref);
          return {
            expr: this.vars.declare(
              name,
              "",
              `$${name} (no users block): set it with --var ${name}=…`,
              source.ref.field === "password",
            ),
          };
        }
        return { expr: templatePathOf(source.ref) + pathTail(ref.path) };
      }
      case "shell":
      case "placeholder": {
        const identity = identityOf([ref]);
        const user = identity === undefined ? undefined : this.#userOf(identity, slotOf(key));
        if (user !== undefined) return { expr: user };
        if (source.kind === "placeholder") {
          const name = varNameOf(source.text);
          const path = key === "ClientId" || /^(?:app)?clientId$/i.test(name)
            ? "client.id"
            : key === "UserPoolId" || /^(?:user)?poolId$/i.test(name)
            ? "pool.id"
            : undefined;
          if (path !== undefined) {
            this.#constants.push({ path, text: source.text });
            return { expr: path };
          }
        }
        if (key !== undefined && (source.kind === "placeholder" || source.default === undefined)) {
          const reused = this.#reused(key, context);
          if (reused !== undefined) return { expr: reused };
        }
        return { expr: this.#declare(ref, key, context) };
      }
      case "util":
        return this.#util(source.util, ref.path, keys, context);
      case "let":
        return { expr: `${source.name}${pathTail(ref.path)}` };
      case "call":
        // A call's result cannot be dereferenced (`${f().x}`): a part of it is not followed.
        if (ref.path.length === 0) return { expr: this.#call(source, context) };
        return this.#opaque(`the output of "${source.name}()"`, source.position, key);
      case "opaque":
        return this.#opaque(source.what, source.position, key);
    }
  }

  /** A helper's template function, its arguments as expressions or literals. */
  #call(source: Extract<Ref["source"], { kind: "call" }>, context: Context): string {
    const args = source.args.map((pieces) => this.#argument(pieces, [], context) ?? "''");
    return `${source.name}(${args.join(", ")})`;
  }

  /** What the converter does not follow: a var to set, with a warning. */
  #opaque(what: string, position: Diagnostic["position"], key: string | undefined): Resolved {
    const name = varNameOf(key ?? "value");
    this.#diagnostics.push({
      level: "warning",
      message: `${what} is not followed here; the value becomes var "${name}"`,
      position,
    });
    return {
      expr: this.vars.declare(
        name,
        "",
        `computed by the script (${what}): set it with --var ${name}=…`,
        isSecretKey(key),
      ),
    };
  }

  #declare(ref: Ref, key: string | undefined, context: Context): string {
    const source = ref.source;
    const secret = isSecretKey(key) ||
      (source.kind === "shell" && this.#options.secrets?.has(source.name) === true);
    if (source.kind === "placeholder") {
      const name = varNameOf(source.text);
      return this.vars.declare(
        name,
        source.text,
        `placeholder ${source.text} (line ${source.position.line}): set it with --var ${name}=…`,
        secret,
      );
    }
    if (source.kind !== "shell") throw new TypeError(`unexpected source ${source.kind}`);
    const comment = source.default !== undefined
      ? `$${source.name} of the script (line ${source.position.line})`
      : `$${source.name}${
        source.note ? ` (${source.note})` : ""
      } is not set by the script: set it with --var ${source.name}=…`;
    if (source.computed !== undefined && !this.vars.has(source.name)) {
      const value = this.#pieces(source.computed, [], context);
      return this.vars.declare(
        source.name,
        value,
        `$${source.name} of the script (computed)`,
        secret,
      );
    }
    return this.vars.declare(source.name, source.default ?? "", comment, secret);
  }

  #reused(key: string, context: Context): string | undefined {
    const reused = REUSED[key];
    if (reused === undefined) return undefined;
    const step = this.captures.producer(context.step, reused.from);
    return step === undefined ? undefined : this.captures.expression(step, reused.path);
  }

  #util(
    util: UtilCall,
    path: readonly Segment[],
    keys: readonly string[],
    context: Context,
  ): Resolved {
    const member = typeof path[0] === "string" ? path[0] : undefined;
    switch (util.name) {
      case "srp.start":
        return {
          expr: literalMember(context.call.body, "ChallengeName") === "DEVICE_SRP_AUTH"
            ? "srp.start('device')"
            : "srp.start()",
        };
      case "srp.passwordClaim":
        return { expr: `${this.#claim(context)}${member ? `.${member}` : ""}` };
      case "srp.deviceClaim":
        return { expr: `${this.#proof(context)}${member ? `.${member}` : ""}` };
      case "secretHash":
        this.usesClientSecret = true;
        return {
          expr: `secretHash(${
            this.#argument(util.args.username, ["USERNAME"], context) ?? this.#defaultUsername()
          })`,
        };
      case "totp":
        return { expr: this.#totp(undefined, context, util) };
      case "srp.deviceVerifier": {
        const name = varNameOf(member ?? keys[keys.length - 1] ?? "value");
        this.#diagnostics.push({
          level: "warning",
          message: `"${
            member ?? "the output"
          }" of srp device-verifier is only read by ConfirmDevice's DeviceSecretVerifierConfig here; the value becomes var "${name}"`,
          position: util.position,
        });
        return {
          expr: this.vars.declare(name, "", "from srp device-verifier: set it with --var", true),
        };
      }
    }
  }

  /** The `let` name of the step's PASSWORD_VERIFIER claim, binding it on first use. */
  #claim(context: Context): string {
    const util = utilIn(context.call.body, "srp.passwordClaim") ??
      context.call.utils.find((candidate) => candidate.name === "srp.passwordClaim");
    const name = util?.variable ?? "claim";
    if (!context.lets.has(name)) {
      const challenge = this.#challenge(context, util);
      const password = (util === undefined
        ? undefined
        : this.#argument(util.args.password, ["PASSWORD"], context)) ??
        this.#flowPassword(context);
      context.lets.set(name, `\${srp.passwordClaim(${challenge}, ${password})}`);
    }
    return name;
  }

  /** The `let` name of the step's DEVICE_PASSWORD_VERIFIER claim. */
  #proof(context: Context): string {
    const util = utilIn(context.call.body, "srp.deviceClaim") ??
      context.call.utils.find((candidate) => candidate.name === "srp.deviceClaim");
    const name = util?.variable ?? "proof";
    if (!context.lets.has(name)) {
      const challenge = this.#challenge(context, util);
      const device = this.#device(context, util, undefined);
      context.lets.set(name, `\${srp.deviceClaim(${challenge}, ${device})}`);
    }
    return name;
  }

  /** The ChallengeParameters a claim answers: the step the claim's SRP_B came from, or the last challenge. */
  #challenge(context: Context, util: UtilCall | undefined): string {
    const from = singleRef(util?.args["srp-b"]);
    const step = from?.source.kind === "answer"
      ? from.source.step
      : this.captures.producer(context.step, "challenge");
    if (step !== undefined) return this.captures.expression(step, ["ChallengeParameters"]);
    this.#diagnostics.push({
      level: "warning",
      message: 'no earlier call gives the challenge this answer signs; it becomes var "challenge"',
      position: context.call.position,
    });
    return this.vars.declare(
      "challenge",
      "",
      "the ChallengeParameters of the challenge (not found in the script)",
    );
  }

  /** The NewDeviceMetadata of the device a step works with. */
  #device(
    context: Context,
    util: UtilCall | undefined,
    deviceKey: BodyTree<Ref> | undefined,
  ): string {
    const ref = singleRef(util?.args["device-key"]) ?? singleRef(deviceKey);
    if (ref?.source.kind === "answer" && ref.path.length > 0) {
      return this.captures.expression(ref.source.step, ref.path.slice(0, -1));
    }
    const step = this.captures.producer(context.step, "device");
    if (step !== undefined) {
      return this.captures.expression(step, ["AuthenticationResult", "NewDeviceMetadata"]);
    }
    this.#diagnostics.push({
      level: "warning",
      message: 'no earlier call issues the device this step uses; it becomes var "device"',
      position: context.call.position,
    });
    return this.vars.declare(
      "device",
      "",
      "the NewDeviceMetadata of the device (not found in the script)",
    );
  }

  #secretHashUser(
    value: BodyTree<Ref>,
    context: Context,
    siblings: Record<string, unknown>,
  ): string {
    const util = utilIn(value, "secretHash");
    const fromUtil = util === undefined
      ? undefined
      : this.#argument(util.args.username, ["USERNAME"], context);
    if (fromUtil !== undefined) return fromUtil;
    const sibling = siblings.USERNAME;
    if (typeof sibling === "string") return argumentOf(sibling);
    return this.#defaultUsername();
  }

  /** `totp(secret)`, with the time offset of `totp --offset-seconds N`. */
  #totp(value: BodyTree<Ref> | undefined, context: Context, given?: UtilCall): string {
    const util = given ?? utilIn(value, "totp");
    const secret = this.#totpSecret(context, util);
    const offset = this.#argument(util?.args["offset-seconds"], ["offsetSeconds"], context);
    // The offset is a number of seconds: a literal one is no quoted text.
    const number = offset === undefined ? undefined : /^'(-?\d+)'$/.exec(offset)?.[1] ?? offset;
    return `totp(${secret}${number === undefined ? "" : `, ${number}`})`;
  }

  #totpSecret(context: Context, util: UtilCall | undefined): string {
    const arg = util?.args["secret-code"] ?? util?.args.secret ?? util?.args._;
    const fromUtil = arg === undefined ? undefined : this.#argument(arg, ["SecretCode"], context);
    if (fromUtil !== undefined) return fromUtil;
    const step = this.captures.producer(context.step, "secretCode");
    if (step !== undefined) return this.captures.expression(step, ["SecretCode"]);
    return this.vars.declare(
      "secretCode",
      "",
      "the TOTP secret (AssociateSoftwareToken's SecretCode): set it with --var secretCode=…",
      true,
    );
  }

  /** A utility's argument as a function argument (a path or a quoted literal). */
  #argument(
    pieces: Piece[] | undefined,
    keys: readonly string[],
    context: Context,
  ): string | undefined {
    if (pieces === undefined || pieces.length === 0) return undefined;
    return argumentOf(this.#pieces(pieces, keys, context));
  }

  #flowPassword(context: Context): string {
    for (let step = context.step - 1; step >= 0; step--) {
      const call = this.#calls[step]!;
      if (call.operation !== "InitiateAuth" && call.operation !== "AdminInitiateAuth") continue;
      const username = call.body?.AuthParameters;
      const identity = identityOf(
        username !== null && typeof username === "object" && !Array.isArray(username) &&
          !isHole(username)
          ? username.USERNAME
          : undefined,
      );
      const user = this.#options.users.find((candidate) => candidate.identity === identity);
      if (user !== undefined && this.#declaresUser(user.name)) return `users.${user.name}.password`;
      break;
    }
    if (this.#options.usersDeclared && this.#options.users.length === 1) {
      return `users.${this.#options.users[0]!.name}.password`;
    }
    return this.vars.declare(
      "password",
      "",
      "the user's password (the script computes the claim elsewhere): set it with --var password=…",
      true,
    );
  }

  #defaultUsername(): string {
    const users = this.#options.users;
    if (this.#options.usersDeclared && users.length >= 1) return `users.${users[0]!.name}.username`;
    return this.vars.declare(
      "username",
      "",
      "the username SECRET_HASH covers: set it with --var username=…",
    );
  }

  #declaresUser(name: string): boolean {
    return this.#options.headerUsers.includes(name) ||
      (this.#options.usersDeclared && this.#options.users.some((user) => user.name === name));
  }

  /**
   * `users.<name>.username|password` for a value that is a user's username or
   * password. A constant matches only in its slot (`"alice"` elsewhere is just
   * text); a variable or placeholder matches anywhere.
   */
  #userOf(identity: string, slot: "username" | "password" | undefined): string | undefined {
    if (!this.#options.usersDeclared) return undefined;
    const constant = identity.startsWith("lit:");
    for (const user of this.#options.users) {
      if (slot === "password" || (constant && slot !== "username")) continue;
      if (user.identity === identity) return `users.${user.name}.username`;
      // A sample's "alice" is the user whose username variable holds "alice".
      if (constant && user.username === identity.slice(4)) return `users.${user.name}.username`;
    }
    for (const user of this.#options.users) {
      if (slot === "username" || (constant && slot !== "password")) continue;
      if (user.password !== undefined && identityOf(user.password) === identity) {
        return `users.${user.name}.password`;
      }
    }
    return undefined;
  }

  #note(message: string, context: Context): void {
    this.#diagnostics.push({ level: "note", message, position: context.call.position });
  }
}
