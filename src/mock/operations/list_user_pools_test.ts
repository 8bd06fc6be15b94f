import assert from "node:assert/strict";
import { TestMock } from "../_testing.ts";

Deno.test("ListUserPools: pages with MaxResults and NextToken", async () => {
  const mock = new TestMock();
  for (const name of ["a", "b", "c"]) await mock.ok("CreateUserPool", { PoolName: name });
  const first = await mock.ok("ListUserPools", { MaxResults: 2 });
  assert.deepEqual(first.UserPools.map((pool: { Name: string }) => pool.Name), ["a", "b"]);
  assert.equal(typeof first.NextToken, "string");
  assert.deepEqual(Object.keys(first.UserPools[0]).sort(), [
    "CreationDate",
    "Id",
    "LambdaConfig",
    "LastModifiedDate",
    "Name",
  ]);
  const second = await mock.ok("ListUserPools", { MaxResults: 2, NextToken: first.NextToken });
  assert.deepEqual(second.UserPools.map((pool: { Name: string }) => pool.Name), ["c"]);
  assert.equal(second.NextToken, undefined);
});

Deno.test("ListUserPools: MaxResults is required and at most 60", async () => {
  const mock = new TestMock();
  assert.equal((await mock.fails("ListUserPools", {})).type, "InvalidParameterException");
  assert.match(
    (await mock.fails("ListUserPools", { MaxResults: 61 })).message,
    /less than or equal to 60/,
  );
  assert.equal(
    (await mock.fails("ListUserPools", { MaxResults: 1, NextToken: "bogus" })).message,
    "Pagination token is invalid.",
  );
});
