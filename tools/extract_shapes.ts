/**
 * Extracts a compact validation fixture from botocore's service model of
 * `cognito-idp`: for every operation its input and output shape names, and for
 * every shape reachable from them its type, members, required members, length
 * and value bounds, pattern (Java syntax, as in the model), enum values and the
 * `sensitive` flag. Documentation and error shapes are dropped.
 *
 * Usage:
 *
 * ```sh
 * deno run --allow-read --allow-write tools/extract_shapes.ts [MODEL.json.gz] [OUT.json]
 * deno fmt fixtures/cognito-idp-shapes.json
 * ```
 *
 * The default model path is the botocore 1.43.11 copy on the development
 * machine (Apache-2.0). The output records the source path, the botocore
 * version and the SHA-256 of the model file, so the fixture can be traced and
 * regenerated.
 *
 * @module
 */

/** The model that the committed fixture was generated from. */
export const DEFAULT_MODEL =
  "/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/botocore/data/cognito-idp/2016-04-18/service-2.json.gz";

/** Where the fixture lives. */
export const DEFAULT_OUTPUT = new URL("../fixtures/cognito-idp-shapes.json", import.meta.url);

interface ModelShape {
  type: string;
  members?: Record<string, { shape: string }>;
  required?: string[];
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  sensitive?: boolean;
  document?: boolean;
  exception?: boolean;
}

interface Model {
  metadata: Record<string, unknown>;
  operations: Record<string, { input?: { shape: string }; output?: { shape: string } }>;
  shapes: Record<string, ModelShape>;
}

/** One shape of the fixture. */
export interface FixtureShape {
  type: string;
  members?: Record<string, string>;
  required?: string[];
  member?: string;
  key?: string;
  value?: string;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  sensitive?: true;
  document?: true;
}

/** The whole fixture. */
export interface ShapesFixture {
  provenance: Record<string, string>;
  operations: Record<string, { input?: string; output?: string }>;
  shapes: Record<string, FixtureShape>;
}

/**
 * Builds the fixture from a parsed model.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { extractShapes } from "./extract_shapes.ts";
 * const fixture = extractShapes({
 *   metadata: { apiVersion: "2016-04-18" },
 *   operations: { Ping: { input: { shape: "PingRequest" } } },
 *   shapes: {
 *     PingRequest: { type: "structure", required: ["Id"], members: { Id: { shape: "IdType" } } },
 *     IdType: { type: "string", min: 1, documentation: "dropped" } as never,
 *     Unused: { type: "string" },
 *   },
 * }, { source: "test" });
 * assert.deepEqual(fixture.shapes.IdType, { type: "string", min: 1 });
 * assert.equal(fixture.shapes.Unused, undefined);
 * ```
 */
export function extractShapes(model: Model, provenance: Record<string, string>): ShapesFixture {
  const shapes: Record<string, FixtureShape> = {};
  const visit = (name: string): void => {
    if (name in shapes) return;
    const shape = model.shapes[name];
    if (shape === undefined) {
      throw new RangeError(`Cannot extract shapes: "${name}" is not in the model`);
    }
    const out: FixtureShape = { type: shape.type };
    shapes[name] = out;
    if (shape.members !== undefined) {
      out.members = Object.fromEntries(Object.entries(shape.members).map(([k, v]) => [k, v.shape]));
    }
    if (shape.required !== undefined && shape.required.length > 0) {
      out.required = [...shape.required];
    }
    if (shape.member !== undefined) out.member = shape.member.shape;
    if (shape.key !== undefined) out.key = shape.key.shape;
    if (shape.value !== undefined) out.value = shape.value.shape;
    if (shape.min !== undefined) out.min = shape.min;
    if (shape.max !== undefined) out.max = shape.max;
    if (shape.pattern !== undefined) out.pattern = shape.pattern;
    if (shape.enum !== undefined) out.enum = [...shape.enum];
    if (shape.sensitive === true) out.sensitive = true;
    if (shape.document === true) out.document = true;
    for (const ref of [...Object.values(out.members ?? {}), out.member, out.key, out.value]) {
      if (ref !== undefined) visit(ref);
    }
  };
  const operations: ShapesFixture["operations"] = {};
  for (const name of Object.keys(model.operations).sort()) {
    const op = model.operations[name]!;
    const entry: { input?: string; output?: string } = {};
    if (op.input !== undefined) {
      entry.input = op.input.shape;
      visit(op.input.shape);
    }
    if (op.output !== undefined) {
      entry.output = op.output.shape;
      visit(op.output.shape);
    }
    operations[name] = entry;
  }
  const sorted = Object.fromEntries(Object.keys(shapes).sort().map((k) => [k, shapes[k]!]));
  return { provenance, operations, shapes: sorted };
}

async function readGzipJson(path: string): Promise<{ model: Model; sha256: string }> {
  const bytes = await Deno.readFile(path);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  const model = JSON.parse(await new Response(stream).text()) as Model;
  return { model, sha256 };
}

/** Reads `__version__` from the botocore package that holds the model, or "unknown". */
async function botocoreVersion(modelPath: string): Promise<string> {
  const root = modelPath.slice(0, modelPath.indexOf("/botocore/data/") + "/botocore/".length);
  try {
    const init = await Deno.readTextFile(`${root}__init__.py`);
    return /__version__ = '([^']+)'/.exec(init)?.[1] ?? "unknown";
  } catch {
    return "unknown";
  }
}

/**
 * Reads the model and writes the fixture. Returns the number of shapes.
 *
 * @example
 * ```ts ignore
 * import { generate, DEFAULT_MODEL, DEFAULT_OUTPUT } from "./extract_shapes.ts";
 * await generate(DEFAULT_MODEL, DEFAULT_OUTPUT);
 * ```
 */
export async function generate(modelPath: string, output: string | URL): Promise<number> {
  const { model, sha256 } = await readGzipJson(modelPath);
  const version = await botocoreVersion(modelPath);
  const fixture = extractShapes(model, {
    source: "botocore service model cognito-idp/2016-04-18/service-2.json.gz",
    botocore: version,
    license: "Apache-2.0 (botocore)",
    sha256,
    generator: "tools/extract_shapes.ts",
    note: "Patterns are Java regular expressions; src/mock/validate/java_regex.ts translates them.",
  });
  await Deno.writeTextFile(output, JSON.stringify(fixture, null, 2) + "\n");
  return Object.keys(fixture.shapes).length;
}

if (import.meta.main) {
  const [modelPath = DEFAULT_MODEL, output = DEFAULT_OUTPUT.pathname] = Deno.args;
  const count = await generate(modelPath, output);
  await Deno.stdout.write(new TextEncoder().encode(`wrote ${count} shapes to ${output}\n`));
}
