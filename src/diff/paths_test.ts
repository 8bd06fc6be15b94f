import assert from "node:assert/strict";
import { compilePathPattern, formatPath, PathPatternError } from "./paths.ts";

Deno.test("paths: each kind of step matches what it says and nothing more", () => {
  const cases: Array<[string, Array<Array<string | number>>, Array<Array<string | number>>]> = [
    ["$", [[]], [["a"]]],
    ["$.a.b", [["a", "b"]], [["a"], ["a", "b", "c"], ["x", "a", "b"]]],
    ["$..Session", [["Session"], ["a", 0, "Session"]], [["Session", "x"], ["SessionToken"]]],
    ["$.Devices[*].DeviceKey", [["Devices", 3, "DeviceKey"]], [["Devices", "DeviceKey"]]],
    ["$.Devices[1]", [["Devices", 1]], [["Devices", 0], ["Devices", "1"]]],
    ["$.*", [["a"], [0]], [[], ["a", "b"]]],
    ["$..*Date", [["DeviceCreateDate"], ["x", "Date"]], [["DateOf"], ["Devices", 0]]],
    ['$["odd key"]', [["odd key"]], [["odd"]]],
    ["$..AccessToken.$header.kid", [["R", "AccessToken", "$header", "kid"]], [[
      "AccessToken",
      "kid",
    ]]],
    ["$..a..b", [["a", "b"], ["x", "a", "y", "z", "b"]], [["b", "a"]]],
  ];
  for (const [source, yes, no] of cases) {
    const pattern = compilePathPattern(source);
    for (const path of yes) assert.ok(pattern.matches(path), `${source} should match ${path}`);
    for (const path of no) assert.ok(!pattern.matches(path), `${source} should not match ${path}`);
  }
});

Deno.test("paths: bad patterns name the column of the problem", () => {
  const cases: Array<[string, number, RegExp]> = [
    ["Devices", 0, /must start with "\$"/],
    ["$Devices", 1, /expected "\.", "\.\." or "\[" at column 2/],
    ["$.a[", 3, /"\[" at column 4 is not closed/],
    ["$.a[x]", 4, /expected \*, an index or a quoted name/],
    ["$.", 2, /expected a name, "\*" or "\[" at column 3/],
  ];
  for (const [source, offset, message] of cases) {
    assert.throws(
      () => compilePathPattern(source),
      (error) =>
        error instanceof PathPatternError && error.offset === offset && message.test(error.message),
      source,
    );
  }
});

Deno.test("paths: a formatted path reads back as a pattern that matches it", () => {
  const paths: Array<Array<string | number>> = [
    ["AuthenticationResult", "AccessToken", "$header", "kid"],
    ["Devices", 0, "DeviceAttributes", 2, "Value"],
    ["weird key", "a.b", "c[0]"],
    ["cognito:groups"],
  ];
  for (const path of paths) assert.ok(compilePathPattern(formatPath(path)).matches(path));
});
