import assert from "node:assert/strict";
import {
  formatTimestamp,
  isTimestampFresh,
  parseTimestamp,
  TIMESTAMP_FORMAT_MESSAGE,
  TimestampFormatError,
} from "./timestamp.ts";

Deno.test("timestamp: the format error message is the service's exact text", () => {
  assert.equal(
    TIMESTAMP_FORMAT_MESSAGE,
    "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.",
  );
});

const UNPARSEABLE: Array<[string, string]> = [
  ["hour 24 (aws-samples/amazon-cognito-passwordless-auth#145)", "Thu Nov 26 24:00:00 UTC 2026"],
  ["numeric zone", "Thu Nov 26 09:38:57 +05:30 2026"],
  ["numeric zone after UTC", "Thu Nov 26 09:38:57 UTC+05:30 2026"],
  ["German names", "Do Nov 26 09:38:57 UTC 2026"],
  ["French names", "jeu. nov. 26 09:38:57 UTC 2026"],
  ["full English names", "Thursday November 26 09:38:57 UTC 2026"],
  ["lower-case names", "thu nov 26 09:38:57 UTC 2026"],
  ["two spaces before the day", "Thu Nov  26 09:38:57 UTC 2026"],
  ["leading space", " Thu Nov 26 09:38:57 UTC 2026"],
  ["trailing space", "Thu Nov 26 09:38:57 UTC 2026 "],
  ["tab separator", "Thu\tNov 26 09:38:57 UTC 2026"],
  ["single-digit hour", "Thu Nov 26 9:38:57 UTC 2026"],
  ["minute 60", "Thu Nov 26 09:60:57 UTC 2026"],
  ["second 60", "Thu Nov 26 09:38:60 UTC 2026"],
  ["GMT zone", "Thu Nov 26 09:38:57 GMT 2026"],
  ["lower-case zone", "Thu Nov 26 09:38:57 utc 2026"],
  ["no zone", "Thu Nov 26 09:38:57 2026"],
  ["two-digit year", "Thu Nov 26 09:38:57 UTC 26"],
  ["year 0000", "Sat Jan 1 00:00:00 UTC 0000"],
  ["three-digit day", "Thu Nov 026 09:38:57 UTC 2026"],
  ["day 0", "Thu Nov 0 09:38:57 UTC 2026"],
  ["February 30", "Mon Feb 30 09:38:57 UTC 2026"],
  ["February 29 of a common year", "Sun Feb 29 09:38:57 UTC 2026"],
  ["ISO 8601", "2026-11-26T09:38:57Z"],
  ["milliseconds", "Thu Nov 26 09:38:57.123 UTC 2026"],
  ["empty", ""],
];

for (const [why, text] of UNPARSEABLE) {
  Deno.test(`timestamp: unparseable → format error: ${why}`, () => {
    assert.throws(
      () => parseTimestamp(text),
      (error: unknown) =>
        error instanceof TimestampFormatError && error instanceof SyntaxError &&
        error.message === TIMESTAMP_FORMAT_MESSAGE && error.input === text,
    );
  });
}

const NON_CANONICAL: Array<[string, string, string, string]> = [
  [
    "zero-padded day (qwigo/warrant#12)",
    "Sat Sep 05 10:00:00 UTC 2026",
    "Sat Sep 5 10:00:00 UTC 2026",
    "2026-09-05T10:00:00.000Z",
  ],
  [
    "wrong weekday",
    "Tue Nov 26 09:38:57 UTC 2026",
    "Thu Nov 26 09:38:57 UTC 2026",
    "2026-11-26T09:38:57.000Z",
  ],
  [
    "the Developer Guide's example (7 May 2025 was a Wednesday)",
    "Tue May 7 00:09:40 UTC 2025",
    "Wed May 7 00:09:40 UTC 2025",
    "2025-05-07T00:09:40.000Z",
  ],
];

for (const [why, text, canonical, iso] of NON_CANONICAL) {
  Deno.test(`timestamp: parseable, not canonical → canonical form for signing: ${why}`, () => {
    const parsed = parseTimestamp(text);
    assert.equal(parsed.isCanonical, false);
    assert.equal(parsed.canonical, canonical);
    assert.equal(parsed.instant.toISOString(), iso);
  });
}

Deno.test("timestamp: leap day, day 31 and year edges parse canonically", () => {
  for (
    const text of [
      "Thu Feb 29 12:00:00 UTC 2024",
      "Tue Dec 31 23:59:59 UTC 2024",
      "Sun Jan 9 01:02:03 UTC 2000",
      "Mon Jan 1 00:00:00 UTC 0001",
    ]
  ) {
    const parsed = parseTimestamp(text);
    assert.equal(parsed.isCanonical, true, text);
    assert.equal(formatTimestamp(parsed.instant), text);
  }
});

Deno.test("timestamp: formatting an invalid date is a RangeError", () => {
  assert.throws(() => formatTimestamp(new Date(Number.NaN)), RangeError);
});

Deno.test("timestamp: freshness is symmetric and inclusive at the bound", () => {
  const instant = new Date("2026-11-26T09:38:57Z");
  const at = (iso: string) => () => new Date(iso);
  assert.equal(isTimestampFresh(instant, { now: at("2026-11-26T09:43:57Z") }), true);
  assert.equal(isTimestampFresh(instant, { now: at("2026-11-26T09:43:58Z") }), false);
  assert.equal(isTimestampFresh(instant, { now: at("2026-11-26T09:33:57Z") }), true);
  assert.equal(isTimestampFresh(instant, { now: at("2026-11-26T09:33:56Z") }), false);
  assert.equal(
    isTimestampFresh(instant, { now: at("2026-11-26T09:39:57Z"), maxSkewMs: 59_999 }),
    false,
  );
});
