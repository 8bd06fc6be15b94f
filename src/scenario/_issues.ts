/**
 * zod issues → positioned, readable problems ("Cannot read …: expected a
 * list, got a string", unknown keys with "did you mean").
 */

import type { z } from "zod";
import { OPERATIONS } from "../cognito/operations.ts";
import { didYouMean } from "../template/mod.ts";
import type { YamlPath, YamlSource } from "./_source.ts";
import type { SourcePosition } from "../template/mod.ts";

/** A problem found in a scenario file. */
export interface Problem {
  message: string;
  position: SourcePosition;
}

/** `steps[0].request.AuthFlow`; the root is "the scenario". */
export function pathLabel(path: YamlPath): string {
  if (path.length === 0) return "the scenario";
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key)) text += text === "" ? key : `.${key}`;
    else text += `[${JSON.stringify(key)}]`;
  }
  return `"${text}"`;
}

/** "a string", "a list", "a mapping"… in YAML words. */
export function yamlKind(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `a string (${JSON.stringify(value)})`;
  return `a ${typeof value} (${String(value)})`;
}

const EXPECTED: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "true or false",
  object: "a mapping",
  record: "a mapping",
  array: "a list",
};

/** Converts the issues of a failed parse into problems. */
export function issueProblems(
  issues: readonly z.core.$ZodIssue[],
  source: YamlSource,
  knownKeys: (path: YamlPath) => readonly string[],
): Problem[] {
  const problems: Problem[] = [];
  const add = (message: string, path: YamlPath, atKey = false) =>
    problems.push({ message, position: source.position(path, atKey) });
  for (const issue of issues) {
    const path = issue.path.filter((key): key is string | number => typeof key !== "symbol");
    const input = (issue as { input?: unknown }).input;
    const last = path[path.length - 1];
    const inner = issue.code === "invalid_union" ? containerBranch(issue.errors) : undefined;
    if (inner !== undefined) {
      // The value has the shape of one branch (a list, for `string | string[]`): the problem
      // is an item of it, so name that item and its position rather than the whole value.
      const prefixed = inner.map((item) => ({ ...item, path: [...path, ...item.path] }));
      problems.push(...issueProblems(prefixed, source, knownKeys));
      continue;
    }
    switch (issue.code) {
      case "unrecognized_keys":
        for (const key of issue.keys) {
          add(
            `Cannot read ${pathLabel(path)}: unknown key "${key}"${
              didYouMean(key, knownKeys(path))
            }`,
            [...path, key],
            true,
          );
        }
        break;
      case "invalid_type":
        if (input === undefined && typeof last === "string") {
          add(
            `Cannot read ${pathLabel(path.slice(0, -1))}: missing required key "${last}"`,
            path.slice(0, -1),
          );
        } else {
          const custom = !issue.message.startsWith("Invalid input");
          const expected = custom
            ? issue.message.replace(/^expected /, "")
            : EXPECTED[issue.expected] ?? issue.expected;
          add(
            `Cannot read ${pathLabel(path)}: expected ${expected}, got ${yamlKind(input)}${
              issue.expected === "string" ? colonHint(input) : ""
            }`,
            path,
          );
        }
        break;
      case "invalid_value": {
        const values = issue.values.map(String);
        const text = String(input);
        if (values.length > 20 && values.includes(OPERATIONS[0]!)) {
          const what = last === "call" ? `Cannot call "${text}"` : `Cannot read ${pathLabel(path)}`;
          add(`${what}: not a Cognito operation${didYouMean(text, values)}`, path);
        } else {
          add(
            `Cannot read ${pathLabel(path)}: expected one of ${values.join(", ")}, got ${
              yamlKind(input)
            }` +
              didYouMean(text, values),
            path,
          );
        }
        break;
      }
      case "invalid_key": {
        const reason = issue.issues[0]?.message ?? issue.message;
        add(
          `Cannot read ${pathLabel(path.slice(0, -1))}: bad key "${String(last)}": ${reason}`,
          path,
          true,
        );
        break;
      }
      case "too_small":
      case "too_big": {
        const custom = !/^Too (small|big)/.test(issue.message);
        const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
        const relation = issue.code === "too_small"
          ? issue.inclusive ? "at least" : "more than"
          : issue.inclusive
          ? "at most"
          : "less than";
        const reason = custom ? issue.message : `expected ${relation} ${String(bound)}`;
        add(`Cannot read ${pathLabel(path)}: ${reason}, got ${yamlKind(input)}`, path);
        break;
      }
      default: {
        const got = input === undefined ? "" : `, got ${yamlKind(input)}`;
        add(`Cannot read ${pathLabel(path)}: ${issue.message}${got}`, path);
      }
    }
  }
  return problems;
}

/**
 * The issues of the one branch of a union that the value has the container
 * shape of (every issue points inside it), if exactly one has.
 */
function containerBranch(
  branches: readonly (readonly z.core.$ZodIssue[])[],
): z.core.$ZodIssue[] | undefined {
  const inside = branches.filter((issues) =>
    issues.length > 0 && issues.every((issue) => issue.path.length > 0)
  );
  return inside.length === 1 ? [...inside[0]!] : undefined;
}

/**
 * Where a string was expected and a one-entry mapping was found, YAML read an
 * unquoted `": "` as a key and its value: say so, with the text as written.
 */
function colonHint(input: unknown): string {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return "";
  const entries = Object.entries(input);
  if (entries.length !== 1) return "";
  const [key, value] = entries[0]!;
  if (typeof value === "object" && value !== null) return "";
  const text = value === null ? `${key}:` : `${key}: ${String(value)}`;
  return ` (YAML reads the unquoted ": " in ${
    JSON.stringify(text)
  } as a key and its value; quote the text)`;
}
