/**
 * Writes a converted scenario as YAML with the `yaml` package: block style,
 * small leaf maps and scalar lists in flow style (as the suite writes them),
 * and comments that say where each step and var came from.
 *
 * @module
 */

import { Document, isMap, isScalar, isSeq, type Node, visit, type YAMLMap } from "yaml";

/** A var of the draft: a value, and the comment that says how to set it. */
export interface EmittedVar {
  /** Its name. */
  name: string;
  /** Its value. */
  value: string;
  /** A comment after it. */
  comment: string;
}

/** A step of the draft, in the order its keys are written. */
export interface EmittedStep {
  /** A comment above the step (e.g. `line 7: curl InitiateAuth`). */
  comment?: string;
  /** The step's keys: name, call/control, let, request, expect, save. */
  body: Record<string, unknown>;
}

/** A scenario to write. */
export interface ScenarioDraft {
  /** Comment lines at the top of the file. */
  header: string[];
  /** The scenario's top-level keys before `vars` (name, description, tags, source…). */
  head: Record<string, unknown>;
  /** Vars, in order. */
  vars: EmittedVar[];
  /** The other top-level keys after `vars` (secrets, pool, client, users). */
  blocks: Record<string, unknown>;
  /** The steps. */
  steps: EmittedStep[];
}

/**
 * The scenario as YAML text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { emitScenario } from "./emit.ts";
 * const text = emitScenario({
 *   header: ["Converted by from-curl"],
 *   head: { name: "sign in" },
 *   vars: [{ name: "password", value: "<password>", comment: "set it with --var password=…" }],
 *   blocks: {},
 *   steps: [{
 *     comment: "line 3: curl InitiateAuth",
 *     body: { call: "InitiateAuth", request: { AuthParameters: { PASSWORD: "${vars.password}" } } },
 *   }],
 * });
 * assert.match(text, /^# Converted by from-curl\n/);
 * assert.match(text, /password: <password> # set it with --var password=…/);
 * assert.match(text, /  # line 3: curl InitiateAuth\n  - call: InitiateAuth/);
 * assert.match(text, /AuthParameters: \{ PASSWORD: "\$\{vars.password\}" \}/);
 * ```
 */
export function emitScenario(draft: ScenarioDraft): string {
  const root: Record<string, unknown> = { ...draft.head };
  if (draft.vars.length > 0) {
    root.vars = Object.fromEntries(draft.vars.map((entry) => [entry.name, entry.value]));
  }
  Object.assign(root, draft.blocks);
  root.steps = draft.steps.map((step) => step.body);
  const doc = new Document(root);
  visit(doc, {
    Map(_, node) {
      if (isSmall(node)) node.flow = true;
    },
    Seq(_, node) {
      if (node.items.every((item) => isScalar(item)) && node.items.length <= 6) node.flow = true;
    },
  });
  const map = doc.contents as YAMLMap;
  map.flow = false;
  const varsNode = map.get("vars", true) as YAMLMap | undefined;
  if (varsNode !== undefined) {
    varsNode.flow = false;
    for (const [k, pair] of varsNode.items.entries()) {
      const comment = draft.vars[k]?.comment;
      if (comment && isScalar(pair.value)) pair.value.comment = ` ${comment}`;
    }
  }
  const steps = map.get("steps", true);
  if (isSeq(steps)) {
    for (const [k, item] of steps.items.entries()) {
      const comment = draft.steps[k]?.comment;
      if (isMap(item)) {
        // A step and its request, let, expect and save are written as blocks, as the suite does.
        item.flow = false;
        for (const pair of item.items) {
          if (isMap(pair.value) && (pair.key as { value?: unknown })?.value !== "control") {
            pair.value.flow = false;
          }
        }
      }
      if (comment && item !== null && typeof item === "object") {
        (item as Node).commentBefore = ` ${comment}`;
      }
      if (k > 0 && item !== null && typeof item === "object") (item as Node).spaceBefore = true;
    }
  }
  doc.commentBefore = draft.header.map((line) => ` ${line}`).join("\n");
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}

/** A map whose values are scalars (or small matcher maps), short enough for one line. */
function isSmall(node: YAMLMap): boolean {
  if (node.items.length === 0) return true;
  if (node.items.length > 4) return false;
  let length = 0;
  for (const pair of node.items) {
    const value = pair.value;
    if (isScalar(value)) {
      length += String(value.value).length +
        String((pair.key as { value?: unknown })?.value ?? "").length;
    } else if (isMap(value) && isSmall(value) && value.items.length === 1) length += 30;
    else return false;
  }
  return length <= 60;
}
