import assert from "node:assert/strict";
import { decodeJwt } from "./jwt.ts";

const encode = (value: unknown) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))));

Deno.test("decodeJwt: base64url without padding, the standard alphabet and padding too", () => {
  // "é?>" makes the standard alphabet's "+" and "/" appear in the encoding.
  const payload = { name: "é?>~~~", n: 1 };
  const standard = encode(payload);
  assert.match(standard, /[+/]/);
  const url = standard.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  const header = encode({ alg: "RS256" });
  for (const part of [url, standard, standard.replace(/=+$/, "")]) {
    assert.deepEqual(decodeJwt(`${header}.${part}.sig`).payload, payload);
  }
});

Deno.test("decodeJwt: what is not base64url JSON is a TypeError that does not quote the token", () => {
  const header = encode({ alg: "RS256" });
  for (const bad of ["a*b", encode("just a string"), btoa("\xff\xfe")]) {
    assert.throws(() => decodeJwt(`${header}.${bad}.sig`), (error: unknown) => {
      assert.ok(error instanceof TypeError);
      assert.ok(!error.message.includes(bad));
      return true;
    });
  }
});
