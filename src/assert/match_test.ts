import assert from "node:assert/strict";
import { matchValue, type Mismatch } from "./match.ts";

const lines = (mismatches: Mismatch[]) => mismatches.map((m) => `${m.path}: ${m.message}`);
const part = (value: object) =>
  btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
const token = `${part({ alg: "RS256", kid: "k1" })}.${
  part({ token_use: "access", device_key: "dk" })
}.c2ln`;

Deno.test("match: partial objects, ordered lists of equal length, typed scalars", async () => {
  const actual = { a: 1, b: "x", c: [1, { d: true }], extra: null };
  assert.deepEqual(await matchValue(actual, { a: 1, c: [1, { d: true }] }), []);
  assert.deepEqual(
    lines(await matchValue(actual, { a: "1", b: "y", c: [1], missing: 0, extra: {} })),
    [
      '$.a: expected "1", got a number (1)',
      '$.b: expected "y", got "x"',
      "$.c: expected a list of 1 item, got a list of 2 items",
      "$.missing: expected 0, but it is missing",
      "$.extra: expected an object, got null",
    ],
  );
  assert.deepEqual(lines(await matchValue([3, 2], [2, 3])), [
    "$[0]: expected 2, got 3",
    "$[1]: expected 3, got 2",
  ]);
  assert.deepEqual(lines(await matchValue("s", {})), ['$: expected an object, got a string ("s")']);
});

Deno.test("match: mismatches carry the expected and actual values at the path", async () => {
  const [mismatch] = await matchValue({ A: { TokenType: "bearer" } }, {
    A: { TokenType: "Bearer" },
  });
  assert.deepEqual(mismatch, {
    path: "$.A.TokenType",
    message: 'expected "Bearer", got "bearer"',
    expected: "Bearer",
    actual: "bearer",
  });
  const [missing] = await matchValue({}, { A: "x" });
  assert.equal(missing && "actual" in missing, false);
});

Deno.test("match: $exact forbids unlisted keys", async () => {
  assert.deepEqual(await matchValue({ a: 1 }, { $exact: true, a: 1 }), []);
  assert.deepEqual(lines(await matchValue({ a: 1, b: 2 }, { $exact: true, a: 1 })), [
    "$.b: unexpected key (the object is $exact)",
  ]);
  assert.deepEqual(lines(await matchValue({}, { $exact: true })), []);
});

Deno.test("match: $exists distinguishes absent keys from null", async () => {
  const actual = { present: null, value: "v" };
  assert.deepEqual(
    await matchValue(actual, { present: { $exists: true }, absent: { $exists: false } }),
    [],
  );
  assert.deepEqual(
    lines(await matchValue(actual, { value: { $exists: false }, absent: { $exists: true } })),
    [
      '$.value: expected no value, got a string ("v")',
      "$.absent: expected a value, but it is missing",
    ],
  );
});

Deno.test("match: $type", async () => {
  const actual = { s: "", n: 0, b: false, o: {}, a: [], z: null };
  assert.deepEqual(
    await matchValue(actual, {
      s: { $type: "string" },
      n: { $type: "number" },
      b: { $type: "boolean" },
      o: { $type: "object" },
      a: { $type: "array" },
      z: { $type: "null" },
    }),
    [],
  );
  assert.deepEqual(
    lines(
      await matchValue(actual, {
        a: { $type: "object" },
        z: { $type: "string" },
        q: { $type: "null" },
      }),
    ),
    [
      "$.a: expected an object, got a list of 0 items",
      "$.z: expected a string, got null",
      "$.q: expected null, got nothing",
    ],
  );
});

Deno.test("match: $match is an unanchored regular expression on strings", async () => {
  const key = "us-east-1_c46b50fe-a27c-4401-83fb-64243a7e625c";
  assert.deepEqual(await matchValue(key, { $match: "^[\\w-]+_[0-9a-f-]+$" }), []);
  assert.deepEqual(await matchValue(key, { $match: "c46b" }), []);
  assert.deepEqual(lines(await matchValue("abc", { $match: "^b" })), [
    '$: expected a string matching /^b/, got "abc"',
  ]);
  assert.deepEqual(lines(await matchValue(5, { $match: "5" })), [
    "$: expected a string matching /5/, got a number (5)",
  ]);
});

Deno.test("match: $match runs in linear time, so a backtracking pattern ends against a long value", async () => {
  // On a backtracking engine, (a+)+$ against "aaa…a!" takes 2^n steps: this would never end.
  const long = "a".repeat(100_000) + "!";
  assert.deepEqual(
    lines(await matchValue(long, { $match: "(a+)+$" })).map((line) => line.slice(0, 44)),
    [
      "$: expected a string matching /(a+)+$/, got ",
    ],
  );
  assert.deepEqual(await matchValue(long.slice(0, -1), { $match: "(a+)+$" }), []);
  assert.deepEqual(await matchValue("x".repeat(50_000), { $match: "^(x|x)*$" }), []);
});

Deno.test("match: $match takes RE2 syntax: lookarounds and backreferences are refused, not thrown", async () => {
  assert.deepEqual(lines(await matchValue("aa", { $match: "(a)\\1" })), [
    '$.$match: Cannot use "$match": invalid regular expression: /(a)\\1/: invalid escape sequence: ' +
    "`\\1` ($match runs in linear time, on RE2 syntax: no lookarounds or backreferences)",
  ]);
  assert.match(
    lines(await matchValue("ab", { $match: "a(?=b)" }))[0]!,
    /unsupported Perl syntax.*no lookarounds/,
  );
  // Everything the suite writes is RE2 too.
  assert.deepEqual(await matchValue("QUJD==", { $match: "^[A-Za-z0-9+/]+={0,2}$" }), []);
  assert.deepEqual(await matchValue("{a}", { $match: "^\\{.*\\}$" }), []);
});

Deno.test("match: $oneOf takes values and matchers", async () => {
  const expected = { $oneOf: ["remembered", { $match: "^not_" }] };
  assert.deepEqual(await matchValue("remembered", expected), []);
  assert.deepEqual(await matchValue("not_remembered", expected), []);
  assert.deepEqual(lines(await matchValue("x", expected)), [
    '$: expected one of "remembered", {"$match":"^not_"}, got a string ("x")',
  ]);
});

Deno.test("match: $len on strings, lists and objects, with a number or a matcher", async () => {
  assert.deepEqual(
    await matchValue({ s: "abc", l: [1], o: { a: 1, b: 2 } }, {
      s: { $len: 3 },
      l: { $len: 1 },
      o: { $len: { $oneOf: [2, 3] } },
    }),
    [],
  );
  assert.deepEqual(lines(await matchValue([1, 2], { $len: 3 })), [
    "$: expected length 3, got length 2",
  ]);
  assert.deepEqual(lines(await matchValue("abcd", { $len: { $not: 4 } })), [
    "$.$len: expected not to match 4, but it does",
  ]);
  assert.deepEqual(lines(await matchValue(7, { $len: 1 })), [
    "$: expected something with a length, got a number (7)",
  ]);
});

Deno.test("match: $not inverts a value or matcher", async () => {
  assert.deepEqual(await matchValue("a", { $not: "b" }), []);
  assert.deepEqual(await matchValue(undefined, { $not: { $exists: true } }), []);
  assert.deepEqual(lines(await matchValue("a", { $not: { $type: "string" } })), [
    '$: expected not to match {"$type":"string"}, but it does',
  ]);
});

Deno.test("match: $contains finds an item anywhere in a list", async () => {
  const attributes = [{ Name: "device_status", Value: "valid" }, {
    Name: "device_name",
    Value: "ci",
  }];
  assert.deepEqual(
    await matchValue(attributes, { $contains: { Name: "device_name", Value: "ci" } }),
    [],
  );
  assert.deepEqual(
    await matchValue(attributes, { $contains: [{ Name: "device_status" }, { Value: "ci" }] }),
    [],
  );
  assert.deepEqual(lines(await matchValue(attributes, { $contains: { Name: "last_ip_used" } })), [
    '$: expected a list containing {"Name":"last_ip_used"}, but no item matches',
  ]);
  assert.deepEqual(lines(await matchValue("x", { $contains: "x" })), [
    '$: expected a list, got a string ("x")',
  ]);
});

Deno.test("match: $jwt matches the payload partially, $header the header", async () => {
  assert.deepEqual(
    await matchValue(token, { $jwt: { token_use: "access" }, $header: { alg: "RS256" } }),
    [],
  );
  assert.deepEqual(await matchValue(token, { $jwt: true }), []);
  assert.deepEqual(
    lines(
      await matchValue({ t: token }, {
        t: { $jwt: { device_key: "other", sub: { $exists: true } }, $header: { alg: "HS256" } },
      }),
    ),
    [
      '$.t.$jwt.device_key: expected "other", got "dk"',
      "$.t.$jwt.sub: expected a value, but it is missing",
      '$.t.$header.alg: expected "HS256", got "RS256"',
    ],
  );
  assert.deepEqual(lines(await matchValue("a.b.c.d.e", { $jwt: true })), [
    "$: expected a JWT: Cannot decode JWT: it has 5 segments, not 3 (an encrypted JWE, which cannot be decoded)",
  ]);
  assert.deepEqual(lines(await matchValue(undefined, { $jwt: true })), [
    "$: expected a JWT, got nothing",
  ]);
});

Deno.test("match: $verify calls the injected verifier", async () => {
  const seen: string[] = [];
  const verifyJwt = (t: string) => {
    seen.push(t);
    return Promise.resolve(
      t === token
        ? { valid: true as const }
        : { valid: false as const, reason: "signature mismatch" },
    );
  };
  assert.deepEqual(await matchValue(token, { $jwt: true, $verify: true }, { verifyJwt }), []);
  const forged = token.replace(/\.c2ln$/, ".eHh4");
  assert.deepEqual(lines(await matchValue(forged, { $jwt: true, $verify: true }, { verifyJwt })), [
    "$: expected a valid JWT signature: signature mismatch",
  ]);
  assert.deepEqual(seen, [token, forged]);
  assert.deepEqual(lines(await matchValue(token, { $jwt: true, $verify: true })), [
    "$: Cannot verify the JWT signature: no verifier is configured",
  ]);
});

Deno.test("match: constraints compose with each other and with keys", async () => {
  const expected = { $type: "object", $len: 2, a: { $type: "number", $not: 0 } };
  assert.deepEqual(await matchValue({ a: 1, b: 2 }, expected), []);
  assert.deepEqual(lines(await matchValue({ a: 0 }, expected)), [
    "$: expected length 2, got length 1",
    "$.a: expected not to match 0, but it does",
  ]);
});

Deno.test("match: the path option prefixes every mismatch", async () => {
  assert.deepEqual(lines(await matchValue(404, 200, { path: "status" })), [
    "status: expected 200, got 404",
  ]);
});

Deno.test("match: matcher arguments known only at run time are reported, not thrown", async () => {
  assert.deepEqual(
    lines(
      await matchValue({ a: "x", b: [1] }, {
        a: { $match: "([" },
        b: { $oneOf: "1" },
        c: { $typo: 1 },
      }),
    ),
    [
      '$.a.$match: Cannot use "$match": invalid regular expression: /([/: missing closing ]: `[`',
      '$.b.$oneOf: Cannot use "$oneOf": expected a non-empty list, got "1"',
      '$.c.$typo: Cannot use "$typo": it is not a matcher (did you mean "$type"?)',
    ],
  );
});

Deno.test("match: synchronous without $verify, a promise only when a signature is checked", async () => {
  const plain = matchValue({ a: [token] }, { a: { $contains: { $jwt: { token_use: "access" } } } });
  assert.ok(Array.isArray(plain), "no $verify: the mismatches come back at once");
  assert.deepEqual(plain, []);
  const verifyJwt = () => Promise.resolve({ valid: true as const });
  const verified = matchValue(token, { $jwt: true, $verify: true }, { verifyJwt });
  assert.ok(verified instanceof Promise);
  assert.deepEqual(await verified, []);
});

Deno.test("match: $verify inside $contains, $oneOf and $not sees each token's verdict, once", async () => {
  const forged = token.replace(/\.c2ln$/, ".eHh4");
  const seen: string[] = [];
  const verifyJwt = (t: string) => {
    seen.push(t);
    return Promise.resolve(
      t === token ? { valid: true as const } : { valid: false as const, reason: "bad" },
    );
  };
  const signed = { $jwt: { token_use: "access" }, $verify: true };
  // The forged token comes first: only the second item makes $contains hold.
  assert.deepEqual(await matchValue([forged, token], { $contains: signed }, { verifyJwt }), []);
  assert.deepEqual(seen.sort(), [forged, token].sort());
  seen.length = 0;
  assert.deepEqual(
    lines(await matchValue([forged], { $contains: signed }, { verifyJwt })),
    ['$: expected a list containing {"$jwt":{"token_use":"access"},"$verify":true}, but no item matches'],
  );
  assert.deepEqual(await matchValue(forged, { $not: signed }, { verifyJwt }), []);
  assert.deepEqual(lines(await matchValue(token, { $not: signed }, { verifyJwt })), [
    '$: expected not to match {"$jwt":{"token_use":"access"},"$verify":true}, but it does',
  ]);
  assert.deepEqual(
    await matchValue(forged, { $oneOf: [signed, { $match: "eHh4$" }] }, { verifyJwt }),
    [],
  );
  seen.length = 0;
  await matchValue({ a: token, b: [token, token] }, { a: signed, b: [signed, signed] }, {
    verifyJwt,
  });
  assert.deepEqual(seen, [token], "a token met three times is verified once");
});
