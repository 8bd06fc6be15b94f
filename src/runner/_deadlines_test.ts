import assert from "node:assert/strict";
import { Deadlines } from "./_deadlines.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

Deno.test("deadlines: each expires at its time, earliest first; a done one never does", async () => {
  const deadlines = new Deadlines();
  const fired: string[] = [];
  const now = performance.now();
  deadlines.watch(now + 40, () => fired.push("late"));
  const cancelled = deadlines.watch(now + 20, () => fired.push("cancelled"));
  deadlines.watch(now + 10, () => fired.push("early")); // earlier than the armed timer: re-armed
  deadlines.done(cancelled);
  await sleep(25);
  assert.deepEqual(fired, ["early"]);
  await sleep(30);
  assert.deepEqual(fired, ["early", "late"]);
  // A later deadline after everything settled arms the timer again.
  const again = performance.now();
  const done = new Promise<void>((resolve) => deadlines.watch(again + 5, resolve));
  await done;
  assert.ok(performance.now() - again >= 4);
});

Deno.test("deadlines: once nothing is pending, the timer does not hold the process open", async () => {
  const script = `
    import { Deadlines } from ${JSON.stringify(new URL("./_deadlines.ts", import.meta.url).href)};
    const deadlines = new Deadlines();
    deadlines.done(deadlines.watch(performance.now() + 60_000, () => {}));
  `;
  const started = performance.now();
  const { code } = await new Deno.Command(Deno.execPath(), {
    args: ["eval", script],
    stdout: "null",
    stderr: "null",
  }).output();
  assert.equal(code, 0);
  assert.ok(performance.now() - started < 30_000, "the process exited without waiting a minute");
});
