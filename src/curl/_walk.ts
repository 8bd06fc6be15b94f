/**
 * The script walk: runs through the parsed script in order, keeping what each
 * shell variable holds as pieces and references (nothing is executed), and
 * collects the Cognito calls with their bodies, the comments around them and
 * the captures the script names itself.
 *
 * @module
 */

import { fixedRefOf, shellName, templatePathOf } from "./names.ts";
import {
  applyJq,
  controlAction,
  HELPER_FUNCTIONS,
  opaque,
  placeholders,
  PLAIN_COMMANDS,
  refValue,
  stringPieces,
} from "./_walk_parts.ts";
import { readAnswerSource } from "./_answers.ts";
import { type CurlArg, readCurlArgs } from "./_curl_options.ts";
import { readCurlBody } from "./_curl_body.ts";
import {
  type CurlCall,
  type Diagnostic,
  fileKeyOf,
  joinPieces,
  literalOf,
  type Piece,
  type Ref,
  type ShellValue,
  type UtilCall,
} from "./_model.ts";
import { utilCall } from "./_utilities.ts";
import type {
  Comment,
  FunctionDefinition,
  Pipeline,
  Script,
  ShellPosition,
  SimpleCommand,
  Word,
  WordPart,
} from "./shell.ts";

/** The check functions to-curl defines; their calls are read as expectations, never run. */
const CHECKS = new Set(["expect_status", "expect_error", "expect_jq"]);
const TARGET = /^AWSCognitoIdentityProviderService\.([A-Za-z]+)$/i;

/** An explicit capture: `tokens=$(jq -c .AuthenticationResult <<<"$R")`. */
export interface ExplicitCapture {
  /** Step index. */
  step: number;
  /** The capture name (the variable's). */
  name: string;
  /** The path into the answer. */
  path: (string | number)[];
}

/** The to-curl header blocks (`# scenario: {…}`, `# pool: {…}`…). */
export type HeaderBlocks = Partial<Record<"scenario" | "pool" | "client" | "users", unknown>>;

/** What the walk found. */
export interface WalkResult {
  /** Cognito and control calls, in order. */
  calls: CurlCall[];
  /** Captures the script names itself. */
  captures: ExplicitCapture[];
  /** Header blocks written by to-curl. */
  header: HeaderBlocks;
  /** Constants the script gives the table's names (`CLIENT_ID=…`), by template path. */
  constants: Array<{ path: string; text: string }>;
  /** The overridable variables (`NAME=${NAME:-…}`), in order: a to-curl script's vars. */
  vars: Ref[];
  /** The variables `secret NAME…` names: values a to-curl script never prints. */
  secrets: Set<string>;
  /** Warnings and notes. */
  diagnostics: Diagnostic[];
}

/** Options of {@linkcode walkScript}. */
export interface WalkOptions {
  /** Reads a body file (`-d @file`), relative to the script; `undefined` when missing. */
  readFile(path: string): string | undefined;
  /** Users of the to-curl header, for `$ALICE_…` names. */
  users?: readonly string[];
}

type Producer = { kind: "step"; index: number } | { kind: "other" } | undefined;

/** Walks a parsed script; throws {@linkcode ConversionError} for a body that is not JSON. */
export function walkScript(script: Script, options: WalkOptions): WalkResult {
  return new Walk(script, options).run();
}

class Walk {
  readonly #script: Script;
  readonly #options: WalkOptions;
  readonly #env = new Map<string, ShellValue>();
  readonly #files = new Map<string, Piece[]>();
  readonly #calls: CurlCall[] = [];
  readonly #captures: ExplicitCapture[] = [];
  readonly #diagnostics: Diagnostic[] = [];
  readonly #header: HeaderBlocks = {};
  readonly #constants: Array<{ path: string; text: string }> = [];
  readonly #vars: Ref[] = [];
  readonly #secrets = new Set<string>();
  #producer: Producer;
  /** The positional parameters of the shell function being read, innermost last. */
  readonly #positional: Piece[][][] = [];
  #leading: string[] = [];
  /** Utility calls since the last curl call. */
  #utils: UtilCall[] = [];
  #pendingExpect: Record<string, unknown> | undefined;
  /** The next call's `# let:` line: its names are `let`s, whatever the shell computes for them. */
  #pendingLet: Record<string, unknown> | undefined;

  constructor(script: Script, options: WalkOptions) {
    this.#script = script;
    this.#options = options;
  }

  run(): WalkResult {
    const comments = [...this.#script.comments].sort((a, b) =>
      a.position.line - b.position.line || a.position.column - b.position.column
    );
    let next = 0;
    const consume = (untilLine: number, naming: boolean) => {
      const block: Comment[] = [];
      while (next < comments.length && comments[next]!.position.line <= untilLine) {
        block.push(comments[next++]!);
      }
      // Only the comment block right above a command names it.
      let adjacent = block.length;
      while (
        naming && adjacent > 0 &&
        block[adjacent - 1]!.position.line ===
          (adjacent === block.length ? untilLine : block[adjacent]!.position.line - 1)
      ) adjacent--;
      this.#readComments(block, naming ? adjacent : block.length);
    };
    // The comments above the first command are the file's header, not a step's name;
    // after it, a comment block names the next call, whatever prepares it in between
    // ($(jq …), the CLI's srp utilities, STEP=2).
    for (const [k, pipeline] of this.#script.pipelines.entries()) {
      consume(pipeline.position.line - 1, k > 0);
      this.#pipeline(pipeline, false);
      consume(pipeline.endLine, false);
    }
    consume(Number.MAX_SAFE_INTEGER, false);
    return {
      calls: this.#calls,
      captures: this.#captures,
      header: this.#header,
      constants: this.#constants,
      vars: this.#vars,
      secrets: this.#secrets,
      diagnostics: this.#diagnostics,
    };
  }

  #note(message: string, position: ShellPosition): void {
    this.#diagnostics.push({ level: "note", message, position });
  }

  #warn(message: string, position: ShellPosition): void {
    this.#diagnostics.push({ level: "warning", message, position });
  }

  /** Comments between commands: answers of the last producer, names and `# expect:` of the next call. */
  #readComments(block: readonly Comment[], namingFrom: number): void {
    let i = 0;
    let named = false;
    while (i < block.length) {
      const comment = block[i]!;
      const header = /^\s*(scenario|pool|client|users):\s*(\{.*\})\s*$/.exec(comment.text);
      if (header !== null && this.#calls.length === 0) {
        try {
          this.#header[header[1] as keyof HeaderBlocks] = JSON.parse(header[2]!);
        } catch {
          this.#warn(`the "${header[1]}:" header comment is not JSON; ignored`, comment.position);
        }
        i++;
        continue;
      }
      const read = readAnswerSource(block, i);
      if (read !== undefined) {
        i = read.next;
        if (read.kind === "expect" || read.kind === "let") {
          if (read.value === undefined) {
            this.#warn(`the "# ${read.kind}:" line is not JSON or YAML; ignored`, comment.position);
          } else if (read.kind === "expect") this.#pendingExpect = read.value;
          else this.#pendingLet = read.value;
          continue;
        }
        const producer = this.#producer;
        if (producer?.kind === "step") {
          const expect = this.#calls[producer.index]!.expect;
          if (read.status !== undefined) expect.status ??= read.status;
          if (read.sample !== undefined) expect.sample ??= read.sample;
        }
        continue;
      }
      const text = comment.text.replace(/^[#!\s]+/, "").trim();
      if (comment.position.line === 1 && comment.text.startsWith("!")) {
        i++;
        continue;
      }
      if (i >= namingFrom && text !== "" && !/^(?:set -|shellcheck|-\*-)/.test(text)) {
        // A new block above a command replaces the one that named nothing yet.
        if (!named) this.#leading = [];
        named = true;
        this.#leading.push(text);
      }
      i++;
    }
  }

  #pipeline(pipeline: Pipeline, capture: boolean): Piece[] | undefined {
    let stdin: Piece[] | undefined;
    let out: Piece[] | undefined;
    let producer: Producer;
    for (const [k, command] of pipeline.commands.entries()) {
      const result = this.#command(command, stdin, capture || k < pipeline.commands.length - 1);
      out = result.output;
      stdin = out;
      if (result.producer !== undefined) producer = result.producer;
    }
    if (producer !== undefined) this.#producer = producer;

    return out;
  }

  /** Runs one simple command; `output` is what it prints, as pieces. */
  #command(
    command: SimpleCommand,
    stdin: Piece[] | undefined,
    capture: boolean,
  ): { output?: Piece[] | undefined; producer?: Producer } {
    for (const redirect of command.redirects) {
      if (redirect.op === "<<<" || redirect.op === "<<" || redirect.op === "<<-") {
        stdin = this.#pieces(redirect.target);
      } else if (redirect.op === "<") {
        stdin = this.#files.get(fileKeyOf(this.#pieces(redirect.target)));
      }
    }
    // Each word is evaluated once: a command substitution in it may hold a curl call.
    const expanded = command.words.flatMap((word) =>
      this.#word(word).map((value) => ({ pieces: stringPieces(value), position: word.position }))
    );
    if (expanded.length === 0) {
      for (const assignment of command.assignments) {
        this.#assign(assignment.name, assignment.value, assignment.position);
      }
      return {};
    }
    const name = literalOf(expanded[0]!.pieces) ?? "";
    const args: CurlArg[] = expanded.slice(1);
    const base = name.split("/").pop()!;
    if (base === "curl") return this.#curl(command, args, stdin, capture);
    const util = utilCall(name, args, command.position, this.#diagnostics);
    if (util !== undefined) {
      if (util === "ignored") return { producer: { kind: "other" } };
      this.#utils.push(util);
      return {
        output: [{ source: { kind: "util", util }, path: [] }],
        producer: { kind: "other" },
      };
    }
    const definition = this.#script.functions.find((candidate) => candidate.name === base);
    if (definition !== undefined && !CHECKS.has(base)) {
      return this.#function(definition, args, capture, command.position);
    }
    const helper = Object.hasOwn(HELPER_FUNCTIONS, base) ? HELPER_FUNCTIONS[base] : undefined;
    if (helper !== undefined) {
      const source = {
        kind: "call" as const,
        name: helper,
        args: args.map((arg) => arg.pieces),
        position: command.position,
      };
      return { output: [{ source, path: [] }], producer: { kind: "other" } };
    }
    switch (base) {
      case "jq":
        return { output: this.#jq(args, stdin) };
      case "echo":
      case "printf": {
        const values = args.filter((arg) => !/^-[neE]+$/.test(literalOf(arg.pieces) ?? ""));
        const shown = base === "printf" && values.length > 1 ? values.slice(1) : values;
        return {
          output: joinPieces(
            shown.flatMap((arg, k) => (k > 0 ? [" ", ...arg.pieces] : arg.pieces)),
          ),
        };
      }
      case "cat": {
        if (args.length === 0) return stdin === undefined ? {} : { output: stdin };
        return { output: this.#files.get(fileKeyOf(args[0]!.pieces)) };
      }
      case "tee":
        return stdin === undefined ? {} : { output: stdin };
      case "expect_status":
      case "expect_error":
        this.#check(base, args, command.position);
        return {};
      case "read":
        for (const arg of args) {
          const variable = literalOf(arg.pieces);
          if (variable !== undefined && /^[A-Za-z_]\w*$/.test(variable)) {
            this.#env.set(
              variable,
              refValue({
                kind: "shell",
                name: variable,
                note: "read from the terminal",
                position: arg.position,
              }),
            );
          }
        }
        return {};
      case "mktemp":
        return { output: [`/tmp/from-curl-${command.position.line}`] };
      case "secret": // to-curl's: the variables it names are secrets
        for (const arg of args) {
          const variable = literalOf(arg.pieces);
          if (variable !== undefined) this.#secrets.add(variable);
        }
        return {};
    }
    if (!PLAIN_COMMANDS.has(base)) {
      this.#note(`command "${base}" is not a curl call; ignored`, command.position);
    }
    return capture
      ? {
        output: [{
          source: { kind: "opaque", what: `the output of "${base}"`, position: command.position },
          path: [],
        }],
      }
      : {};
  }

  /** A call of a function the script defines: its body, with $1, $2… bound to the arguments. */
  #function(
    definition: FunctionDefinition,
    args: CurlArg[],
    capture: boolean,
    position: ShellPosition,
  ): { output?: Piece[] | undefined; producer?: Producer } {
    if (this.#positional.length > 8) return {}; // recursion: not followed
    this.#positional.push(args.map((arg) => arg.pieces));
    const before = this.#calls.length;
    let output: Piece[] | undefined;
    try {
      for (const pipeline of definition.body.pipelines) output = this.#pipeline(pipeline, capture);
    } finally {
      this.#positional.pop();
    }
    // The calls are the call site's: messages and step comments point there.
    for (const call of this.#calls.slice(before)) call.position = position;
    const producer: Producer = this.#calls.length > before
      ? { kind: "step", index: this.#calls.length - 1 }
      : undefined;
    return { output, ...(producer === undefined ? {} : { producer }) };
  }

  #check(name: string, args: CurlArg[], position: ShellPosition): void {
    const producer = this.#producer;
    if (producer?.kind !== "step") {
      this.#warn(`"${name}" before any curl call; ignored`, position);
      return;
    }
    const expect = this.#calls[producer.index]!.expect;
    const values = args.map((arg) => literalOf(arg.pieces));
    if (name === "expect_status") {
      const status = Number(values[0]);
      if (Number.isInteger(status)) expect.status = status;
    } else if (values[0] !== undefined) {
      expect.error = values[1] === undefined
        ? { type: values[0] }
        : { type: values[0], message: values[1] };
    }
  }

  #curl(
    command: SimpleCommand,
    args: CurlArg[],
    stdin: Piece[] | undefined,
    capture: boolean,
  ): { output?: Piece[] | undefined; producer?: Producer } {
    const request = readCurlArgs(args, this.#diagnostics);
    const target = request.headers.find((header) => header.name.toLowerCase() === "x-amz-target");
    const url = request.url === undefined ? undefined : literalOf(request.url);
    const control = /\/_mock\/(clock|faults)\b/.exec(url ?? "")?.[1];
    const targetText = target === undefined ? undefined : literalOf(target.value);
    const operation = targetText === undefined ? undefined : TARGET.exec(targetText)?.[1];
    if (operation === undefined && control === undefined) {
      this.#note(
        target === undefined
          ? "curl call without X-Amz-Target: not a Cognito call; ignored"
          : "curl call whose X-Amz-Target is not AWSCognitoIdentityProviderService.<Operation>; ignored",
        command.position,
      );
      return capture
        ? {
          output: [{
            source: {
              kind: "opaque",
              what: "a curl call that is not a Cognito call",
              position: command.position,
            },
            path: [],
          }],
        }
        : {};
    }
    for (const header of request.headers) {
      const lower = header.name.toLowerCase();
      if (
        lower === "authorization" || lower.startsWith("x-amz-security") || lower === "x-amz-date"
      ) {
        this.#note(
          `header "${header.name}" is not kept: the runner signs requests itself`,
          header.position,
        );
      } else if (lower === "content-type" && control === undefined) {
        const type = literalOf(header.value);
        if (type !== undefined && type.trim() !== "application/x-amz-json-1.1") {
          this.#warn(
            `Content-Type "${type.trim()}" is not Cognito's; the scenario sends application/x-amz-json-1.1`,
            header.position,
          );
        }
      }
    }
    const body = readCurlBody(request.data, stdin, {
      operation: operation ?? `/_mock/${control}`,
      position: command.position,
      readFile: this.#options.readFile,
      diagnostics: this.#diagnostics,
    });
    const index = this.#calls.length;
    const call: CurlCall = {
      index,
      position: command.position,
      leading: this.#leading,
      expect: this.#pendingExpect === undefined ? {} : { written: this.#pendingExpect },
      utils: this.#utils,
    };
    if (this.#pendingLet !== undefined) call.let = this.#pendingLet;
    this.#utils = [];
    this.#leading = [];
    this.#pendingExpect = undefined;
    this.#pendingLet = undefined;
    if (operation !== undefined) {
      call.operation = operation;
      if (body !== undefined) call.body = body;
    } else {
      const action = controlAction(control!, body);
      if (action === undefined) {
        this.#warn(
          `a /_mock/${control} call the scenario format has no control step for; ignored`,
          command.position,
        );
        return {};
      }
      call.control = action;
    }
    this.#calls.push(call);
    const answer: Piece[] = [{ source: { kind: "answer", step: index }, path: [] }];
    const outputFile = request.output === undefined ? undefined : fileKeyOf(request.output);
    let output: Piece[] | undefined = answer;
    for (const redirect of command.redirects) {
      if (redirect.op === ">" || redirect.op === ">>") {
        this.#files.set(fileKeyOf(this.#pieces(redirect.target)), answer);
        output = undefined;
      }
    }
    if (outputFile !== undefined && outputFile !== "-") {
      this.#files.set(outputFile, answer);
      output = [{
        source: { kind: "opaque", what: "curl's -w output", position: command.position },
        path: [],
      }];
    }
    return { output, producer: { kind: "step", index } };
  }

  #jq(args: CurlArg[], stdin: Piece[] | undefined): Piece[] | undefined {
    return applyJq(args, stdin, (file) => this.#files.get(file));
  }

  #assign(name: string, value: Word | Word[], position: ShellPosition): void {
    if (Array.isArray(value)) {
      this.#env.set(name, { kind: "array", items: value.flatMap((word) => this.#word(word)) });
      return;
    }
    const fixed = fixedRefOf(
      name,
      this.#options.users === undefined ? {} : { users: this.#options.users },
    );
    const pieces = joinPieces(this.#pieces(value));
    const binding = Object.keys(this.#pendingLet ?? {}).find((key) => shellName(key) === name);
    if (binding !== undefined) {
      this.#env.set(name, refValue({ kind: "let", name: binding }));
      return;
    }
    const literal = pieces.every((piece) => typeof piece === "string")
      ? pieces.join("")
      : undefined;
    // ${NAME:-default} of the same name: a var with a default (to-curl's form).
    const part = value.parts.length === 1 ? value.parts[0] : undefined;
    if (part?.kind === "param" && part.name === name && part.op !== undefined) {
      const inner = part.arg === undefined ? undefined : literalOf(this.#pieces(part.arg));
      if (part.op.endsWith("?")) {
        this.#env.set(
          name,
          refValue(
            fixed === undefined
              ? { kind: "scenario", ref: { root: "env", name } }
              : { kind: "scenario", ref: fixed },
          ),
        );
        return;
      }
      if (part.op.endsWith("-") || part.op.endsWith("=")) {
        if (fixed !== undefined) {
          this.#env.set(name, refValue({ kind: "scenario", ref: fixed }));
          return;
        }
        const computed = inner === undefined && part.arg !== undefined
          ? { computed: this.#pieces(part.arg) }
          : {};
        const ref: Ref = {
          source: {
            kind: "shell",
            name,
            ...(inner === undefined ? computed : { default: inner }),
            position,
          },
          path: [],
        };
        this.#vars.push(ref);
        this.#env.set(name, { kind: "string", pieces: [ref] });
        return;
      }
    }
    if (fixed !== undefined) {
      const only = pieces.length === 1 ? pieces[0] : undefined;
      const text = literal ??
        (typeof only === "object" && only.source.kind === "placeholder"
          ? only.source.text
          : undefined);
      if (text !== undefined && text !== "") {
        this.#constants.push({ path: templatePathOf(fixed), text });
      }
      this.#env.set(name, refValue({ kind: "scenario", ref: fixed }));
      return;
    }
    if (literal !== undefined) {
      this.#env.set(name, refValue({ kind: "shell", name, default: literal, position }));
      return;
    }
    const only = pieces.length === 1 && typeof pieces[0] !== "string" ? pieces[0] : undefined;
    if (only !== undefined && /^[a-z_][A-Za-z0-9_]*$/.test(name)) {
      // `body=$(curl …)` is the answer itself; `page=$(jq -c . <<<"$R")` saves all of it.
      if (only.source.kind === "answer" && (only.path.length > 0 || only.picked === true)) {
        this.#captures.push({ step: only.source.step, name, path: only.path });
        this.#env.set(name, { kind: "string", pieces: [{ ...only, capture: name }] });
        return;
      }
      if (only.source.kind === "util" && only.path.length === 0) only.source.util.variable = name;
    }
    this.#env.set(name, { kind: "string", pieces });
  }

  #pieces(word: Word): Piece[] {
    return joinPieces(
      this.#word(word).flatMap((value, k) => [...(k > 0 ? [" "] : []), ...stringPieces(value)]),
    );
  }

  /** A word's values: one, or several for `"${ARRAY[@]}"`. */
  #word(word: Word): ShellValue[] {
    if (word.parts.length === 1) {
      const part = word.parts[0]!;
      if (part.kind === "param" && (part.index === "@" || part.index === "*")) {
        const value = this.#env.get(part.name);
        if (value?.kind === "array") return value.items;
      }
    }
    const pieces: Piece[] = [];
    for (const part of word.parts) pieces.push(...this.#part(part));
    return [{ kind: "string", pieces: joinPieces(placeholders(pieces, word.parts)) }];
  }

  #part(part: WordPart): Piece[] {
    if (part.kind === "text") return [part.text];
    if (part.kind === "command") {
      const last = part.script.pipelines[part.script.pipelines.length - 1];
      for (const pipeline of part.script.pipelines.slice(0, -1)) this.#pipeline(pipeline, false);
      return last === undefined ? [] : this.#pipeline(last, true) ?? [opaque(part.position)];
    }
    const positional = this.#positional[this.#positional.length - 1];
    if (positional !== undefined && /^[1-9]$/.test(part.name)) {
      return positional[Number(part.name) - 1] ?? [];
    }
    if (positional !== undefined && (part.name === "@" || part.name === "*")) {
      return joinPieces(positional.flatMap((pieces, k) => (k > 0 ? [" ", ...pieces] : pieces)));
    }
    const value = this.#env.get(part.name);
    if (value !== undefined) {
      if (value.kind === "array") {
        return value.items[0] === undefined ? [] : stringPieces(value.items[0]);
      }
      return value.pieces;
    }
    const fixed = fixedRefOf(
      part.name,
      this.#options.users === undefined ? {} : { users: this.#options.users },
    );
    if (fixed !== undefined) return [{ source: { kind: "scenario", ref: fixed }, path: [] }];
    if (!/^[A-Za-z_]/.test(part.name)) return [opaque(part.position)];
    const fallback = part.arg === undefined ? undefined : literalOf(this.#pieces(part.arg));
    return [{
      source: {
        kind: "shell",
        name: part.name,
        ...(part.op?.endsWith("-") && fallback !== undefined ? { default: fallback } : {}),
        ...(part.op?.endsWith("?") && fallback !== undefined ? { note: fallback } : {}),
        position: part.position,
      },
      path: [],
    }];
  }
}

export { isPlaceholder } from "./_walk_parts.ts";
export { ConversionError } from "./_curl_body.ts";
