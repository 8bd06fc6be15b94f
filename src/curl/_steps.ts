/**
 * One step as bash: its `let` bindings, the stateful SRP calls its request
 * needs, one explicit curl command, the status and error checks, the
 * captures, and the checks of headers, body and queries.
 */

import { requiresSigV4, TARGET_PREFIX } from "../cognito/operations.ts";
import type { Binding, Expectation, Step, TemplateTree } from "../scenario/mod.ts";
import { isTemplate, Template } from "../template/mod.ts";
import { shellQuote, shellWord, type WordPart } from "./bash.ts";
import {
  BODY,
  type Check,
  expectationChecks,
  type JqContext,
  jqString,
  type Target,
} from "./jq.ts";
import { jmespathPath, jmespathToJq } from "./jmespath.ts";
import { controlRequest, shellName } from "./names.ts";
import { pathType, responseType, type StaticType, UNKNOWN, valueType } from "./types.ts";
import type { Conversion } from "./_context.ts";
import { compactJsonOf, jsonOf } from "./_json.ts";
import {
  commandLine,
  jqSteps,
  jqWord,
  jsonExpansion,
  type ShellValue,
  templateValue,
  textParts,
} from "./_values.ts";

/** The lines of one step (1-based `number`). */
export function stepLines(step: Step, number: number, conversion: Conversion): string[] {
  const lines = [`# step ${number}: ${oneLine(step.name)}`];
  if (step.expect !== undefined) {
    lines.push(`# expect: ${JSON.stringify(expectationJson(step.expect))}`);
  }
  // As written, like `# expect:`: the shell below computes the values, this says what they are.
  if (step.let.length > 0) {
    lines.push(
      `# let: ${JSON.stringify(Object.fromEntries(step.let.map((b) => [b.name, b.value])))}`,
    );
  }
  lines.push(`step ${number} ${shellQuote(oneLine(step.name))}`);
  for (const binding of step.let) lines.push(...letLines(binding, conversion));
  const setup: string[] = [];
  const scope = conversion.scope(setup);
  let request: string[];
  if (step.call !== undefined) {
    const body = shellWord(jsonOf(step.request ?? {}, scope, "  "), { multiline: true });
    request = [
      `STATUS=$(curl -sS -o "$OUT" -D "$HDR" -w '%{http_code}'${timeout(step)} "$E" \\`,
      `  -H 'Content-Type: application/x-amz-json-1.1' \\`,
      `  -H 'X-Amz-Target: ${TARGET_PREFIX}.${step.call}' \\`,
      ...(requiresSigV4(step.call) ? [`  "\${SIGV4[@]}" \\`] : []),
      `  -d ${body})`,
    ];
  } else {
    const { path, body } = controlRequest(step.control!);
    conversion.uses.set("POOL_ID", "pool");
    const scoped = step.control!.kind === "throttle"
      ? { throttle: { ...(body.throttle as Record<string, unknown>), poolId: POOL_ID } }
      : { ...body, poolId: POOL_ID };
    request = [
      `STATUS=$(curl -sS -o "$OUT" -D "$HDR" -w '%{http_code}'${
        timeout(step)
      } -X POST "$E/${path}" \\`,
      `  -H 'Content-Type: application/json' \\`,
      `  -d ${shellWord(controlJson(scoped))})`,
    ];
  }
  lines.push(...setup, ...request, `R=$(cat "$OUT")`);
  lines.push(...queued(checkLines(step, conversion, "status")));
  lines.push(...saveLines(step, conversion));
  lines.push(...queued(checkLines(step, conversion, "content")));
  return lines;
}

/** Check lines, then `run_checks` when some are queued (expect_jq and expect_error run in one jq). */
function queued(lines: string[]): string[] {
  return lines.some((line) => /^expect_(?:jq|error) /.test(line))
    ? [...lines, "run_checks"]
    : lines;
}

const POOL_ID = Symbol("POOL_ID");

/** A control body as JSON text, with `"poolId"` spliced from `$POOL_ID`. */
function controlJson(value: unknown): WordPart[] {
  if (value === POOL_ID) return [{ text: '"' }, { expansion: "$POOL_ID" }, { text: '"' }];
  if (Array.isArray(value)) {
    return [
      { text: "[" },
      ...value.flatMap((item, i) => [
        ...(i > 0 ? [{ text: ", " }] : []),
        ...controlJson(item),
      ]),
      { text: "]" },
    ];
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    return [
      { text: "{" },
      ...entries.flatMap(([key, item], i) => [
        { text: `${i > 0 ? ", " : ""}${JSON.stringify(key)}: ` },
        ...controlJson(item),
      ]),
      { text: "}" },
    ];
  }
  return [{ text: JSON.stringify(value) }];
}

function timeout(step: Step): string {
  return step.timeoutMs === undefined ? "" : ` --max-time ${step.timeoutMs / 1000}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ");
}

/** The `expect` block as written (templates as their source), for the `# expect:` line. */
export function expectationJson(expect: Expectation): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (expect.status !== undefined) out.status = expect.status;
  if (expect.headers !== undefined) out.headers = expect.headers;
  if (expect.body !== undefined) out.body = expect.body;
  if (expect.error !== undefined) out.error = expect.error;
  if (expect.query.length > 0) {
    out.query = Object.fromEntries(
      expect.query.map((check) => [check.query.expression, check.expected]),
    );
  }
  return out;
}

/** A `let` binding: the statements of a stateful call, then the assignment. */
function letLines(binding: Binding, conversion: Conversion): string[] {
  const variable = shellName(binding.name);
  const setup: string[] = [];
  const scope = conversion.scope(setup, variable);
  const { word, form, type } = boundValue(binding.value, scope);
  const lines = [...setup];
  if (word !== `$${variable}`) lines.push(`${variable}=${word}`);
  conversion.symbols.set(binding.name, { variable, form, type });
  return lines;
}

/** A value tree as the word a variable is assigned, and how the variable holds it. */
function boundValue(
  tree: TemplateTree,
  scope: ReturnType<Conversion["scope"]>,
): { word: string; form: "text" | "json"; type: StaticType } {
  if (isTemplate(tree)) {
    const value = templateValue(tree, scope);
    const form = value.type.kind === "string" || value.form === "text" ? "text" : "json";
    if (value.words !== undefined) {
      return { word: `$(${commandLine(value.words, "    ")})`, form, type: value.type };
    }
    if (form === "text") {
      return { word: assigned(textParts(value)), form: "text", type: value.type };
    }
    return { word: assigned(jsonExpansion(value)), form: "json", type: value.type };
  }
  if (typeof tree === "string") {
    return { word: shellQuote(tree), form: "text", type: valueType(tree) };
  }
  if (tree === null || typeof tree !== "object") {
    return { word: String(tree), form: "text", type: valueType(tree) };
  }
  return {
    word: shellWord(compactJsonOf(tree, scope)),
    form: "json",
    type: valueType(tree),
  };
}

/** Word parts as the right side of an assignment (one expansion needs no quotes there). */
function assigned(parts: readonly WordPart[]): string {
  const [only] = parts;
  if (parts.length === 1 && only !== undefined && "expansion" in only) return only.expansion;
  return shellWord(parts);
}

/** The `save` entries: each query as jq over the answer, then a check that it found something. */
function saveLines(step: Step, conversion: Conversion): string[] {
  const lines: string[] = [];
  const answer = step.call === undefined ? UNKNOWN : responseType(step.call);
  for (const capture of step.save) {
    const expression = capture.query.expression;
    const filter = jmespathToJq(expression);
    if (filter === undefined) {
      throw conversion.error(
        `save ${capture.name}: the query "${expression}" has no jq translation`,
        capture.position,
      );
    }
    const path = jmespathPath(expression);
    const type = path === undefined ? UNKNOWN : pathType(answer, path);
    const variable = shellName(capture.name);
    const form = type.kind === "string" ? "text" : "json";
    const lib = /\bjp_/.test(filter) ? `"$JQ_LIB"$'\\n'` : "";
    lines.push(
      `${variable}=$(jq ${form === "text" ? "-r" : "-c"} ${lib}${jqWord(filter)} <<<"$R"); ` +
        `expect_saved ${variable} ${shellQuote(expression)}`,
    );
    conversion.symbols.set(capture.name, { variable, form, type });
  }
  return lines;
}

/** The status part (status, error sugar) or the content part (headers, body, queries) of `expect`. */
function checkLines(step: Step, conversion: Conversion, part: "status" | "content"): string[] {
  const expect = step.expect;
  const jq = new JqArguments(conversion);
  const lines: string[] = [];
  const emit = (checks: Check[]) => {
    for (const check of checks) {
      if ("notChecked" in check) lines.push(`not_checked ${shellQuote(check.notChecked)}`);
      else {
        lines.push(
          [
            `expect_jq ${jqWord(check.filter)} ${shellQuote(check.description)}`,
            ...jq.for(check.filter),
          ]
            .join(" "),
        );
      }
    }
  };
  const context = jq.context(step);
  if (part === "status") {
    const status = expect?.status;
    if (status === undefined) lines.push(`expect_status ${defaultStatus(expect)}`);
    else if (typeof status === "number") lines.push(`expect_status ${status}`);
    else emit(expectationChecks(status, STATUS, context));
    const error = expect?.error;
    if (error !== undefined) {
      const { type, message } = error;
      if (typeof type === "string" && (message === undefined || typeof message === "string")) {
        lines.push(
          [
            "expect_error",
            shellQuote(type),
            ...(message === undefined ? [] : [shellQuote(message)]),
          ]
            .join(" "),
        );
      } else {
        if (type !== undefined) emit(expectationChecks(type, ERROR_TYPE, context));
        if (message !== undefined) emit(expectationChecks(message, ERROR_MESSAGE, context));
      }
    }
    return lines;
  }
  if (expect === undefined) return lines;
  for (const [name, expected] of Object.entries(expect.headers ?? {})) {
    const lower = name.toLowerCase();
    emit(expectationChecks(expected, {
      expr: `$headers[${jqString(lower)}]`,
      present: `($headers | has(${jqString(lower)}))`,
      label: `headers.${lower}`,
    }, context));
  }
  if (expect.body !== undefined) emit(expectationChecks(expect.body, BODY, context));
  for (const check of expect.query) {
    const expression = check.query.expression;
    const filter = jmespathToJq(expression);
    if (filter === undefined) {
      lines.push(
        `not_checked ${shellQuote(`query(${expression}): the query has no jq translation`)}`,
      );
      continue;
    }
    emit(expectationChecks(check.expected, {
      expr: `(${filter})`,
      present: "true",
      label: `query(${expression})`,
    }, context));
  }
  return lines;
}

const STATUS: Target = { expr: "$status", present: "true", label: "status" };
const ERROR_TYPE: Target = {
  expr: "error_type($headers)",
  present: "(error_type($headers) != null)",
  label: "error type",
};
const ERROR_MESSAGE: Target = {
  expr: "error_message",
  present: "(error_message != null)",
  label: "error message",
};

function defaultStatus(expect: Expectation | undefined): number {
  if (expect?.error === undefined) return 200;
  return expect.error.type === "InternalErrorException" ? 500 : 400;
}

/** jq variables a filter reads, and the shell that binds them. */
const JQ_RESERVED = new Set(["body", "status", "headers", "raw", "hdr", "ENV", "__loc__"]);

class JqArguments {
  #conversion: Conversion;
  #args = new Map<string, string>();
  #computed = 0;

  constructor(conversion: Conversion) {
    this.#conversion = conversion;
  }

  /** The arguments a filter reads (`--arg …`, `--argjson …`). */
  for(filter: string): string[] {
    return [...this.#args].filter(([name]) => new RegExp(`\\$${name}\\b`).test(filter))
      .map(([, arg]) => arg);
  }

  context(step: Step): JqContext {
    return {
      template: (template) => {
        if (template.whole) {
          const expression = template.expressions[0]!.expression;
          const response = this.#response(expression, step);
          if (response !== undefined) return response;
          return this.#value(this.#render(step, template, template));
        }
        let text = "";
        for (const part of template.parts) {
          if (part.type === "text") text += JSON.stringify(part.text).slice(1, -1);
          else {
            const inner = this.#response(part.expression, step)?.jq ??
              this.#value(this.#render(step, template, wholeOf(template, part))).jq;
            text += `\\(${inner})`;
          }
        }
        return { jq: `"${text}"`, isString: true };
      },
    };
  }

  /** A template of `expect` as a shell value; SRP calls (statements) cannot run there. */
  #render(step: Step, template: Template, part: Template): ShellValue {
    const setup: string[] = [];
    const value = templateValue(part, this.#conversion.scope(setup));
    if (setup.length > 0) {
      throw this.#conversion.error(
        `${template.source} in expect of step "${step.name}": SRP functions cannot run there`,
        template.position ?? step.position,
      );
    }
    return value;
  }

  /** `${response.…}` as jq (the body typed by the operation's answer), or undefined. */
  #response(
    expression: Template["expressions"][number]["expression"],
    step: Step,
  ): { jq: string; isString: boolean } | undefined {
    if (expression.type !== "path" || expression.segments[0].key !== "response") return undefined;
    const [, part, ...rest] = expression.segments.map((segment) => segment.key);
    if (part === "status") return { jq: "$status", isString: false };
    if (part === "headers") {
      const names = rest.map((key) => typeof key === "string" ? key.toLowerCase() : key);
      return { jq: `$headers${jqSteps(names)}`, isString: names.length === 1 };
    }
    const answer = step.call === undefined ? UNKNOWN : responseType(step.call);
    // A string the answer lacks is no value (the runner fails to render it): `strings` gives none.
    return pathType(answer, rest).kind === "string"
      ? { jq: `($body${jqSteps(rest)} | strings)`, isString: true }
      : { jq: `$body${jqSteps(rest)}`, isString: false };
  }

  #value(value: ShellValue): { jq: string; isString: boolean } {
    const isString = value.type.kind === "string";
    if (value.form === "text" && value.parts.every((part) => "text" in part)) {
      const text = value.parts.map((part) => "text" in part ? part.text : "").join("");
      return { jq: value.type.kind === "string" ? jqString(text) : text, isString };
    }
    const single = value.form === "json"
      ? value.holder
      : textParts(value).length === 1
      ? (textParts(value)[0] as { expansion?: string }).expansion
      : undefined;
    const simple = single !== undefined && /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(single)
      ? single.slice(1)
      : undefined;
    const name = simple !== undefined && !JQ_RESERVED.has(simple) ? simple : `v${++this.#computed}`;
    if (value.form === "json") {
      this.#args.set(name, `--argjson ${name} ${shellWord([{ expansion: value.holder }])}`);
      return { jq: `$${name}${jqSteps(value.path)}`, isString };
    }
    const flag = isString || value.type.kind === "unknown" ? "--arg" : "--argjson";
    this.#args.set(name, `${flag} ${name} ${shellWord(textParts(value))}`);
    return { jq: `$${name}`, isString };
  }
}

/** One expression part of a template as a template of its own. */
function wholeOf(template: Template, part: Template["expressions"][number]): Template {
  // Offsets stay those of the original source, so positions stay right.
  return new Template(part.source, [part], (offset) => template.positionAt(offset));
}
