import assert from "node:assert/strict";
import { builtinFunctions, FunctionRegistry } from "./functions.ts";
import { parseExpression, parseTemplate } from "./parser.ts";
import type { RenderContext } from "./context.ts";
import { RenderError } from "./errors.ts";
import { evaluate, render } from "./render.ts";

function context(values: Record<string, unknown>, functions = builtinFunctions()): RenderContext {
  return {
    values,
    functions,
    env: (name) => (name === "HOME_DIR" ? "/home/x" : undefined),
    now: () => 1_700_000_000_999,
    randomUUID: () => "00000000-0000-4000-8000-000000000000",
  };
}

async function renderError(text: string, ctx: RenderContext): Promise<RenderError> {
  try {
    await render(parseTemplate(text), ctx);
  } catch (error) {
    assert.ok(error instanceof RenderError);
    return error;
  }
  throw new Error(`expected "${text}" to fail`);
}

Deno.test("render: whole templates keep the raw value, interpolation JSON-encodes non-strings", async () => {
  const ctx = context({ device: { DeviceKey: "k", Limit: 3, Ok: true, Nothing: null, List: [1] } });
  assert.deepEqual(await render(parseTemplate("${device}"), ctx), {
    DeviceKey: "k",
    Limit: 3,
    Ok: true,
    Nothing: null,
    List: [1],
  });
  assert.equal(await render(parseTemplate("${device.Limit}"), ctx), 3);
  assert.equal(await render(parseTemplate("${device.Nothing}"), ctx), null);
  assert.equal(
    await render(
      parseTemplate(
        "${device.DeviceKey}/${device.Limit}/${device.Ok}/${device.Nothing}/${device.List}",
      ),
      ctx,
    ),
    "k/3/true/null/[1]",
  );
});

Deno.test("render: a whole template returns a copy, not the context's object", async () => {
  const saved = { a: { b: 1 } };
  const out = await render(parseTemplate("${saved}"), context({ saved })) as { a: { b: number } };
  out.a.b = 2;
  assert.equal(saved.a.b, 1);
});

Deno.test("render: trees, indexes from the end, quoted names, env", async () => {
  const ctx = context({
    list: ["a", "b", "c"],
    users: { alice: { attributes: { "custom:t": "t1" } } },
  });
  assert.deepEqual(
    await render({
      last: parseTemplate("${list[-1]}"),
      attr: parseTemplate('${users.alice.attributes["custom:t"]}'),
      home: parseTemplate("${env.HOME_DIR}"),
      nested: [parseTemplate("${list[0]}"), 7, null, "plain"],
    }, ctx),
    { last: "c", attr: "t1", home: "/home/x", nested: ["a", 7, null, "plain"] },
  );
});

Deno.test("render: errors name the expression and the missing segment", async () => {
  const ctx = context({ tokens: { RefreshToken: "r", AccessToken: "a" }, list: [1, 2] });
  const cases: [string, string][] = [
    ["${tokens.RefreshTokn}", '"RefreshTokn" is not in tokens (did you mean "RefreshToken"?)'],
    ["x ${tokns.AccessToken}", '"tokns" is not defined (did you mean "tokens"?)'],
    ["${tokens.AccessToken.x}", 'tokens.AccessToken is a string, so it has no "x"'],
    ["${list[2]}", "index 2 is out of range: list has 2 items"],
    ["${tokens[0]}", "tokens is an object, not a list"],
    ["${env.NOPE}", 'environment variable "NOPE" is not set'],
    ["${env}", 'write environment variables as "env.NAME"'],
    ["${md5(tokens)}", 'unknown function "md5"'],
    ["${srp.strat()}", 'unknown function "srp.strat" (did you mean "srp.start"?)'],
    ["${uuid(1)}", "uuid() takes no arguments, got 1"],
    ["${srp.start()}", 'function "srp.start" has no implementation in this run'],
    ["${env('NOPE')}", 'env() failed: environment variable "NOPE" is not set'],
    ["${base64(1)}", "base64() failed: base64(): text must be a string"],
  ];
  for (const [text, reason] of cases) {
    const error = await renderError(text, ctx);
    const occurrence = text.slice(text.indexOf("${"));
    assert.equal(error.message, `Cannot render "${occurrence}": ${reason}`, text);
    assert.equal(error.template, text);
  }
});

Deno.test("render: errors carry the file position of the failing occurrence", async () => {
  const template = parseTemplate("ab ${nope}", {
    locate: (offset) => ({ line: 4, column: 7 + offset }),
  });
  await assert.rejects(render(template, context({})), (error: unknown) => {
    assert.ok(error instanceof RenderError);
    assert.deepEqual(error.position, { line: 4, column: 10 });
    return true;
  });
});

Deno.test("render: built-in functions use the injected clock, uuid and environment", async () => {
  const ctx = context({ vars: { name: "al" } });
  assert.deepEqual(
    await render({
      id: parseTemplate("user-${uuid()}"),
      now: parseTemplate("${now()}"),
      env: parseTemplate("${env('HOME_DIR')}"),
      json: parseTemplate("${json(vars)}"),
      b64: parseTemplate("${base64('héllo')}"),
      concat: parseTemplate("${concat(vars.name, '-', 1, true)}"),
    }, ctx),
    {
      id: "user-00000000-0000-4000-8000-000000000000",
      now: 1_700_000_000,
      env: "/home/x",
      json: '{"name":"al"}',
      b64: "aMOpbGxv",
      concat: "al-1true",
    },
  );
});

Deno.test("render: secret results are reported, partially secret objects member by member", async () => {
  const functions = builtinFunctions()
    .register("secretHash", ([user]) => `hash(${user})`)
    .register("srp.passwordClaim", () => ({
      USERNAME: "alice",
      TIMESTAMP: "Wed Nov 4 09:05:07 UTC 2026",
      PASSWORD_CLAIM_SECRET_BLOCK: "block",
      PASSWORD_CLAIM_SIGNATURE: "sig",
    }));
  const secrets: string[] = [];
  const ctx = context({ user: "alice", pw: "hunter2" }, functions);
  const options = {
    onSecret: (value: string) => void secrets.push(value),
    isSecret: (value: unknown) => value === "hunter2",
  };
  await render(
    {
      a: parseTemplate("${secretHash(user)}"),
      b: parseTemplate("x-${secretHash(user)}"),
      c: parseTemplate("${srp.passwordClaim(user, pw)}"),
      d: parseTemplate("${base64(pw)}"),
      e: parseTemplate("${concat(user)}"),
    },
    ctx,
    options,
  );
  assert.deepEqual(secrets, [
    "hash(alice)",
    "hash(alice)",
    // the claim declares its secret members: only they are secret, although the password is
    "block",
    "sig",
    "aHVudGVyMg==",
  ]);
  secrets.length = 0;
  await render(parseTemplate("${srp.passwordClaim(user, 'not-secret')}"), ctx, options);
  assert.deepEqual(secrets, ["block", "sig"]);
});

Deno.test("render: secrets are reported with a label (function, declared member, key or path)", async () => {
  const functions = builtinFunctions()
    .register("secretHash", ([user]) => `hash(${user})`)
    .register("srp.deviceVerifier", () => ({ PasswordVerifier: "verifier", Salt: "salt" }))
    .register("srp.passwordClaim", () => ({
      USERNAME: "alice",
      TIMESTAMP: "Wed Nov 4 09:05:07 UTC 2026",
      PASSWORD_CLAIM_SECRET_BLOCK: "block",
      PASSWORD_CLAIM_SIGNATURE: "sig",
    }));
  const reported: Array<[string, string]> = [];
  const ctx = context({ user: "alice", saved: { pw: "hunter2" } }, functions);
  await render(
    {
      a: parseTemplate("${secretHash(user)}"),
      b: parseTemplate("${srp.passwordClaim(user, saved.pw)}"),
      c: parseTemplate("${srp.deviceVerifier(user)}"),
      d: parseTemplate("${concat('x', saved.pw)}"),
      e: parseTemplate("pw=${saved.pw}"),
    },
    ctx,
    {
      onSecret: (value, label) => void reported.push([label, value]),
      isSecret: (value) => value === "hunter2",
    },
  );
  assert.deepEqual(reported, [
    ["secretHash", "hash(alice)"],
    ["PASSWORD_CLAIM_SECRET_BLOCK", "block"],
    ["PASSWORD_CLAIM_SIGNATURE", "sig"],
    ["PasswordVerifier", "verifier"],
    ["Salt", "salt"],
    ["concat", "xhunter2"],
    ["pw", "hunter2"],
  ]);
});

Deno.test("render: function failures and missing results become render errors", async () => {
  const functions = new FunctionRegistry()
    .register("totp", () => {
      throw new Error("bad base32 secret");
    })
    .register("uuid", () => undefined);
  const ctx = context({}, functions);
  assert.equal(
    (await renderError("${totp('x')}", ctx)).message,
    `Cannot render "\${totp('x')}": totp() failed: bad base32 secret`,
  );
  assert.equal(
    (await renderError("${uuid()}", ctx)).message,
    'Cannot render "${uuid()}": uuid() returned nothing',
  );
});

Deno.test("evaluate: a bare expression, errors labelled with its canonical text", async () => {
  const ctx = context({ a: { b: 2 } });
  assert.equal(await evaluate(parseExpression("a.b"), ctx), 2);
  assert.throws(() => parseExpression("a . c"), {
    message: 'Cannot parse template "a . c": unexpected "."',
  });
  await assert.rejects(evaluate(parseExpression("a.c"), ctx), {
    message: 'Cannot render "${a.c}": "c" is not in a',
  });
});

Deno.test("render: async implementations are awaited in order; their failures are render errors", async () => {
  const calls: string[] = [];
  const functions = builtinFunctions()
    .register("srp.start", async ([name]) => {
      calls.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, 1));
      return `A-${name}`;
    })
    .register("totp", ([code]) => {
      calls.push(`totp ${code}`);
      return code === "bad" ? Promise.reject(new Error("not base32")) : `otp-${code}`;
    });
  const ctx = context({ user: "alice" }, functions);
  const tree = {
    a: parseTemplate("${srp.start('one')}"),
    b: [parseTemplate("x-${totp('c1')}-${srp.start('two')}-${user}"), 3],
    c: parseTemplate("${concat(srp.start('three'), totp('c2'))}"),
  };
  assert.deepEqual(await render(tree, ctx), {
    a: "A-one",
    b: ["x-otp-c1-A-two-alice", 3],
    c: "A-threeotp-c2",
  });
  assert.deepEqual(calls, [
    "start one",
    "totp c1",
    "start two",
    "start three",
    "totp c2",
  ]);
  const template = parseTemplate("ok ${totp('bad')}", {
    locate: (offset) => ({ line: 2, column: 1 + offset }),
  });
  await assert.rejects(render({ deep: [template] }, ctx), (error: unknown) => {
    assert.ok(error instanceof RenderError);
    assert.equal(error.message, `Cannot render "\${totp('bad')}": totp() failed: not base32`);
    assert.deepEqual(error.position, { line: 2, column: 4 });
    return true;
  });
});

Deno.test("render: a path that leads nowhere says how far it got (RenderError.missing)", async () => {
  const ctx = context({ response: { body: { A: { list: [1] }, s: "text" } } });
  const cases: Array<[string, unknown]> = [
    ["${response.body.A.B.C}", { path: ["response", "body", "A", "B", "C"], found: 3 }],
    ["${response.body.A.list[3]}", { path: ["response", "body", "A", "list", 3], found: 4 }],
    ["${response.body.s.x}", { path: ["response", "body", "s", "x"], found: 3 }],
    ["${response.body.A[0]}", { path: ["response", "body", "A", 0], found: 3 }],
    ["${nothing.here}", { path: ["nothing", "here"], found: 0 }],
    ["${env.NOT_SET}", undefined],
    ["${concat(response.body.A.B)}", { path: ["response", "body", "A", "B"], found: 3 }],
  ];
  for (const [text, missing] of cases) {
    assert.deepEqual((await renderError(text, ctx)).missing, missing, text);
  }
});
