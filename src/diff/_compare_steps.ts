/**
 * The step-by-step part of the comparison: which steps ran on both targets,
 * and per step the outcome, status, error, headers and body.
 */

import type { StepResult } from "../runner/mod.ts";
import type { Difference } from "./compare.ts";
import {
  type NodeType,
  type NormalisedNode,
  normaliseResponse,
  type NormaliseRules,
  PlaceholderNumbers,
} from "./normalise.ts";
import { formatPath, type PathSegment } from "./paths.ts";

/** Differences of one step, without the step's coordinates (added by the caller). */
type Found = Omit<Difference, "step" | "stepName" | "call">;

/** The differences of two runs of one scenario's steps (see `compare.ts`). */
export function compareSteps(
  a: readonly StepResult[],
  b: readonly StepResult[],
  rules: NormaliseRules,
): Difference[] {
  const numbers = { a: new PlaceholderNumbers(), b: new PlaceholderNumbers() };
  const out: Difference[] = [];
  const length = Math.max(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const stepA = a[index];
    const stepB = b[index];
    const ranA = stepA !== undefined && stepA.outcome !== "skipped";
    const ranB = stepB !== undefined && stepB.outcome !== "skipped";
    if (ranA && ranB) {
      out.push(...compareStep(stepA, stepB, rules, numbers));
      continue;
    }
    if (ranA === ranB) continue;
    // The runner stops a scenario at its first step that does not pass: from here on, one side only.
    const ran = ranA ? "A" : "B";
    const other = ranA ? "B" : "A";
    const steps = (ranA ? a : b).slice(index).filter((step) => step.outcome !== "skipped");
    const last = index + steps.length - 1;
    const why = (ranA ? stepB : stepA)?.skipReason ?? "it has no such step";
    out.push({
      kind: "steps",
      step: index,
      ...about((ranA ? stepA : stepB)!),
      a: ranA ? "ran" : "skipped",
      b: ranB ? "ran" : "skipped",
      note:
        `${last > index ? `steps ${index + 1}–${last + 1}` : `step ${index + 1}`} ran on ${ran} ` +
        `only; ${other} skipped ${last > index ? "them" : "it"}: ${why}`,
    });
    break;
  }
  return out;
}

function about(step: StepResult): Pick<Difference, "stepName" | "call"> {
  return { stepName: step.name, call: step.call };
}

const ERROR_MEMBERS = new Set(["__type", "message", "Message"]);

function compareStep(
  a: StepResult,
  b: StepResult,
  rules: NormaliseRules,
  numbers: { a: PlaceholderNumbers; b: PlaceholderNumbers },
): Difference[] {
  const at = { step: a.index, ...about(a) };
  const out: Difference[] = [];
  const push = (difference: Found) => out.push({ ...at, ...difference });
  if (a.outcome !== b.outcome) push({ kind: "outcome", a: a.outcome, b: b.outcome });
  const exchangeA = a.exchanges.at(-1);
  const exchangeB = b.exchanges.at(-1);
  if (exchangeA === undefined && exchangeB === undefined) return out;
  const responseA = normaliseResponse(exchangeA?.response, { rules, numbers: numbers.a });
  const responseB = normaliseResponse(exchangeB?.response, { rules, numbers: numbers.b });
  if (responseA.status !== responseB.status) {
    const silent = responseA.status === null ? a : responseB.status === null ? b : undefined;
    const why = silent?.failures[0]?.message;
    push({
      kind: "status",
      a: responseA.status,
      b: responseB.status,
      ...(why === undefined ? {} : { note: `${silent === a ? "A" : "B"}: ${why}` }),
    });
  }
  // Without a response on one side there is nothing more to compare.
  if (responseA.status === null || responseB.status === null) return out;
  const errorA = errorParts(responseA.body);
  const errorB = errorParts(responseB.body);
  if (errorA.type !== errorB.type) push({ kind: "error-type", a: errorA.type, b: errorB.type });
  if (errorA.type !== "absent" && errorB.type !== "absent" && errorA.message !== errorB.message) {
    push({ kind: "error-message", a: errorA.message, b: errorB.message });
  }
  const names = [
    ...new Set([...Object.keys(responseA.headers), ...Object.keys(responseB.headers)]),
  ];
  for (const name of names.sort()) {
    const valueA = responseA.headers[name] ?? null;
    const valueB = responseB.headers[name] ?? null;
    if (valueA !== valueB) push({ kind: "header", path: name, a: valueA, b: valueB });
  }
  const body: Found[] = [];
  compareNodes(withoutError(responseA.body), withoutError(responseB.body), [], body);
  for (const difference of body) push(difference);
  return out;
}

/** The error's `__type` and message, as normalised; `"absent"` when there is none. */
function errorParts(body: NormalisedNode): { type: string; message: string } {
  if (body.kind !== "object" || body.members.__type === undefined) {
    return { type: "absent", message: "absent" };
  }
  const shown = (node: NormalisedNode | undefined) =>
    node === undefined
      ? "absent"
      : node.kind === "value"
      ? String(node.value)
      : `(${typeOf(node)})`;
  return {
    // AWS JSON protocols may qualify the name: "com.amazonaws.cognito…#NotAuthorizedException".
    type: shown(body.members.__type).replace(/^[^#]*#/, ""),
    message: shown(body.members.message ?? body.members.Message),
  };
}

function withoutError(body: NormalisedNode): NormalisedNode {
  if (body.kind !== "object" || body.members.__type === undefined) return body;
  const members = Object.fromEntries(
    Object.entries(body.members).filter(([key]) => !ERROR_MEMBERS.has(key)),
  );
  return { kind: "object", members };
}

function typeOf(node: NormalisedNode): NodeType {
  switch (node.kind) {
    case "value":
      return node.value === null ? "null" : typeof node.value as "string" | "number" | "boolean";
    case "opaque":
      return node.type;
    case "token":
      return node.format;
    default:
      return node.kind;
  }
}

function compareNodes(
  a: NormalisedNode,
  b: NormalisedNode,
  path: PathSegment[],
  out: Found[],
): void {
  const typeA = typeOf(a);
  const typeB = typeOf(b);
  if (typeA !== typeB) {
    out.push({ kind: "type", path: formatPath(path), a: typeA, b: typeB });
    return;
  }
  if (a.kind === "value" && b.kind === "value") {
    if (a.value !== b.value) {
      out.push({ kind: "value", path: formatPath(path), a: a.value, b: b.value });
    }
  } else if (a.kind === "array" && b.kind === "array") {
    if (a.items.length !== b.items.length) {
      out.push({ kind: "length", path: formatPath(path), a: a.items.length, b: b.items.length });
    }
    const shorter = Math.min(a.items.length, b.items.length);
    for (let i = 0; i < shorter; i++) compareNodes(a.items[i]!, b.items[i]!, [...path, i], out);
  } else if (a.kind === "object" && b.kind === "object") {
    compareMembers(a.members, b.members, path, out, "");
  } else if (a.kind === "token" && b.kind === "token") {
    compareMembers(a.header, b.header, [...path, "$header"], out, `${a.format} header`);
    compareMembers(a.claims, b.claims, path, out, "claim");
  }
}

function compareMembers(
  a: Record<string, NormalisedNode>,
  b: Record<string, NormalisedNode>,
  path: PathSegment[],
  out: Found[],
  what: string,
): void {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const key of keys) {
    const memberA = Object.hasOwn(a, key) ? a[key] : undefined;
    const memberB = Object.hasOwn(b, key) ? b[key] : undefined;
    const at = [...path, key];
    const note = what === "" ? {} : { note: `a ${what}` };
    if (memberA === undefined || memberB === undefined) {
      out.push({
        kind: "presence",
        path: formatPath(at),
        a: memberA === undefined ? "absent" : typeOf(memberA),
        b: memberB === undefined ? "absent" : typeOf(memberB),
        ...note,
      });
    } else {
      const before = out.length;
      compareNodes(memberA, memberB, at, out);
      if (what !== "") { for (let i = before; i < out.length; i++) Object.assign(out[i]!, note); }
    }
  }
}
