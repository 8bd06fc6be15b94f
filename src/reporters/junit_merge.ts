/**
 * Merging JUnit reports written by shards of one run (`--shard i/n`) into a
 * single document.
 *
 * @module
 */

import { element, parseXml, serializeXml, type XmlElement, type XmlNode } from "./_xml.ts";

/** Options for {@linkcode mergeJUnit}. */
export interface MergeJUnitOptions {
  /**
   * `name` of the merged `<testsuites>`; by default the first report's.
   * @default "cognito-conformance"
   */
  name?: string;
}

const COUNTS = ["tests", "failures", "errors", "skipped"] as const;

/**
 * Combines JUnit documents (each a `<testsuites>` or a single `<testsuite>`)
 * into one. Test suites with the same `name` become one suite; counts and
 * times are summed, the earliest timestamp is kept, properties whose values
 * differ between reports keep every value, sorted (`shard` = `1/2, 2/2`). Testcases
 * are ordered by `file`, then `name`, then `classname` (the order the junit
 * reporter uses), so merging the shards of a run gives the testcases of the
 * unsharded run. Throws `SyntaxError` for a report that is not well-formed
 * and `RangeError` when one testcase (same classname, name and file) appears
 * twice.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mergeJUnit } from "./junit_merge.ts";
 * const shard = (n: number, failures: number) =>
 *   `<testsuites tests="1" failures="${failures}" errors="0" skipped="0" time="1.000">` +
 *   `<testsuite name="srp" tests="1" failures="${failures}" errors="0" skipped="0" time="1.000">` +
 *   `<testcase classname="srp" name="case ${n}" file="s/srp/${n}.yaml" time="1.000"/>` +
 *   `</testsuite></testsuites>`;
 * const merged = mergeJUnit([shard(2, 1), shard(1, 0)]);
 * assert.match(merged, /<testsuites name="cognito-conformance" tests="2" failures="1" errors="0" skipped="0" time="2.000"/);
 * assert.ok(merged.indexOf('name="case 1"') < merged.indexOf('name="case 2"'));
 * ```
 */
export function mergeJUnit(xmlTexts: readonly string[], options: MergeJUnitOptions = {}): string {
  const roots = xmlTexts.map((text) => {
    const root = parseXml(text);
    if (root.name === "testsuite") return element("testsuites", [], [root]);
    if (root.name !== "testsuites") {
      throw new SyntaxError(
        `Cannot merge JUnit reports: the root element is <${root.name}>, not <testsuites>`,
      );
    }
    return root;
  });
  const suites = new Map<string, XmlElement[]>();
  for (const root of roots) {
    for (const suite of childElements(root, "testsuite")) {
      const name = attribute(suite, "name") ?? "";
      suites.set(name, [...(suites.get(name) ?? []), suite]);
    }
  }
  const seen = new Set<string>();
  const merged = [...suites].sort(([a], [b]) => compare(a, b)).map(([name, parts]) =>
    mergeSuites(name, parts, seen)
  );
  const name = options.name ?? roots.map((r) => attribute(r, "name")).find((n) => n) ??
    "cognito-conformance";
  const rootAttributes: Array<[string, string]> = [["name", name], ...summed(roots, merged)];
  const timestamp = earliest(roots);
  if (timestamp !== undefined) rootAttributes.push(["timestamp", timestamp]);
  return serializeXml(element("testsuites", rootAttributes, merged));
}

function mergeSuites(name: string, parts: readonly XmlElement[], seen: Set<string>): XmlElement {
  const properties = new Map<string, string[]>();
  const testcases: XmlElement[] = [];
  const others: XmlNode[] = [];
  for (const part of parts) {
    for (const child of part.children) {
      if (typeof child === "string") continue;
      if (child.name === "properties") {
        for (const property of childElements(child, "property")) {
          const key = attribute(property, "name") ?? "";
          const values = properties.get(key) ?? [];
          for (const value of (attribute(property, "value") ?? "").split(", ")) {
            if (!values.includes(value)) values.push(value);
          }
          properties.set(key, values);
        }
      } else if (child.name === "testcase") {
        const id = identity(child);
        if (seen.has(id)) {
          throw new RangeError(
            `Cannot merge JUnit reports: testcase ${JSON.stringify(attribute(child, "name"))} ` +
              `of ${
                JSON.stringify(attribute(child, "file") ?? attribute(child, "classname"))
              } appears twice`,
          );
        }
        seen.add(id);
        testcases.push(child);
      } else {
        others.push(child);
      }
    }
  }
  testcases.sort((a, b) =>
    compare(attribute(a, "file") ?? "", attribute(b, "file") ?? "") ||
    compare(attribute(a, "name") ?? "", attribute(b, "name") ?? "") ||
    compare(attribute(a, "classname") ?? "", attribute(b, "classname") ?? "")
  );
  const attributes: Array<[string, string]> = [["name", name], ...summed(parts, testcases)];
  const timestamp = earliest(parts);
  if (timestamp !== undefined) attributes.push(["timestamp", timestamp]);
  const children: XmlNode[] = [];
  if (properties.size > 0) {
    children.push(
      element(
        "properties",
        [],
        [...properties].map(([key, values]) =>
          element("property", [["name", key], [
            "value",
            [...values].sort(naturalCompare).join(", "),
          ]])
        ),
      ),
    );
  }
  return element("testsuite", attributes, [...children, ...testcases, ...others]);
}

/**
 * Counts and time summed over the parts. A part without a count attribute
 * contributes what its children show instead.
 */
function summed(
  parts: readonly XmlElement[],
  fallback: readonly XmlElement[],
): Array<[string, string]> {
  const totals = COUNTS.map((count): [string, string] => {
    const values = parts.map((part) => attribute(part, count));
    const sum = values.every((value) => value !== undefined)
      ? values.reduce((total, value) => total + Number(value), 0)
      : countFromChildren(fallback, count);
    return [count, String(sum)];
  });
  const time = parts.reduce((total, part) => total + Number(attribute(part, "time") ?? 0), 0);
  return [...totals, ["time", time.toFixed(3)]];
}

function countFromChildren(nodes: readonly XmlElement[], count: (typeof COUNTS)[number]): number {
  const cases = nodes.flatMap((node) =>
    node.name === "testcase" ? [node] : childElements(node, "testcase", true)
  );
  if (count === "tests") return cases.length;
  const child = { failures: "failure", errors: "error", skipped: "skipped" }[count];
  return cases.filter((c) => childElements(c, child).length > 0).length;
}

function childElements(node: XmlElement, name: string, deep = false): XmlElement[] {
  const found: XmlElement[] = [];
  for (const child of node.children) {
    if (typeof child === "string") continue;
    if (child.name === name) found.push(child);
    else if (deep) found.push(...childElements(child, name, true));
  }
  return found;
}

function attribute(node: XmlElement, name: string): string | undefined {
  return node.attributes.find(([n]) => n === name)?.[1];
}

function identity(testcase: XmlElement): string {
  return ["classname", "name", "file"].map((name) => attribute(testcase, name) ?? "").join(
    "\u0000",
  );
}

function earliest(nodes: readonly XmlElement[]): string | undefined {
  const stamps = nodes.map((node) => attribute(node, "timestamp")).filter((t) => t !== undefined);
  return stamps.sort()[0];
}

/** `2/10` after `2/9`: numbers inside values compare as numbers. */
function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
