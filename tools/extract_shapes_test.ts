import assert from "node:assert/strict";
import fixture from "../fixtures/cognito-idp-shapes.json" with { type: "json" };
import { DEFAULT_MODEL, extractShapes } from "./extract_shapes.ts";

const haveModel = await Deno.stat(DEFAULT_MODEL).then(() => true, () => false);

Deno.test({
  name: "extract_shapes: the committed fixture is what the generator makes from the model",
  ignore: !haveModel,
  async fn() {
    const stream = (await Deno.open(DEFAULT_MODEL)).readable.pipeThrough(
      new DecompressionStream("gzip"),
    );
    const model = JSON.parse(await new Response(stream).text());
    const fresh = extractShapes(model, fixture.provenance);
    assert.deepEqual(fresh.operations, fixture.operations);
    assert.deepEqual(fresh.shapes, fixture.shapes);
  },
});

Deno.test("extract_shapes: the fixture covers the operations the mock implements, with provenance", () => {
  for (
    const name of [
      "InitiateAuth",
      "RespondToAuthChallenge",
      "GetTokensFromRefreshToken",
      "RevokeToken",
      "CreateUserPool",
    ]
  ) {
    assert.ok(name in fixture.operations, name);
  }
  assert.equal(fixture.provenance.botocore, "1.43.11");
  assert.match(fixture.provenance.sha256, /^[0-9a-f]{64}$/);
});
