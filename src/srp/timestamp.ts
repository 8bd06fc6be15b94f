/**
 * The SRP `TIMESTAMP` (§7.6): `EEE MMM d HH:mm:ss UTC yyyy`, English names,
 * UTC, day of month without zero padding, e.g. `Wed Nov 4 09:05:07 UTC 2026`.
 *
 * How values are judged (the live service parses the value, then evidently
 * signs the canonical re-formatting of the parsed instant):
 *
 * - **Unparseable** → {@linkcode TimestampFormatError} whose message is
 *   exactly {@linkcode TIMESTAMP_FORMAT_MESSAGE} (a server answers
 *   `InvalidParameterException`). Unparseable means anything but
 *   `<weekday> <month> <d or dd> <HH>:<mm>:<ss> UTC <yyyy>` with single spaces,
 *   the English abbreviations in their usual case (`Sun`…`Sat`, `Jan`…`Dec`),
 *   hour 00–23, minute and second 00–59, a day that exists in that month, and
 *   a 4-digit year from 0001. Observed triggers: hour `24`, a numeric zone
 *   `+05:30`, non-English names. Our choices where the service is unobserved:
 *   extra or missing spaces, other zone names (`GMT`) and other letter cases
 *   are unparseable too.
 * - **Parseable but not canonical** (a zero-padded day `Sep 05`, a weekday
 *   that does not match the date) → parsed. {@linkcode parseTimestamp}
 *   returns the instant and its canonical string; a verifier signs the
 *   canonical string, so the client's signature over its own string fails
 *   (`NotAuthorizedException`), as observed on the live service.
 *
 * @module
 */

import { defaultClock } from "./types.ts";
import type { Clock } from "./types.ts";

/**
 * The exact message of the service for an unparseable TIMESTAMP (§4.2); a
 * mock answers it as `InvalidParameterException`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseTimestamp, TIMESTAMP_FORMAT_MESSAGE } from "./timestamp.ts";
 * assert.throws(() => parseTimestamp("Thu Nov 26 09:38:57 +05:30 2026"), { message: TIMESTAMP_FORMAT_MESSAGE });
 * ```
 */
export const TIMESTAMP_FORMAT_MESSAGE =
  "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.";

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
] as const;
const PATTERN = new RegExp(
  `^(${WEEKDAYS.join("|")}) (${MONTHS.join("|")}) (\\d{1,2}) ` +
    `(\\d{2}):(\\d{2}):(\\d{2}) UTC (\\d{4})$`,
);

/**
 * A TIMESTAMP that cannot be parsed. Its message is exactly
 * {@linkcode TIMESTAMP_FORMAT_MESSAGE}; `input` holds the rejected text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseTimestamp, TimestampFormatError } from "./timestamp.ts";
 * assert.throws(() => parseTimestamp("Thu Nov 26 24:00:00 UTC 2026"), TimestampFormatError);
 * ```
 */
export class TimestampFormatError extends SyntaxError {
  /** Always `"TimestampFormatError"`. */
  override name = "TimestampFormatError";
  /** The rejected TIMESTAMP text. */
  readonly input: string;

  /** Creates the error for the rejected `input`. */
  constructor(input: string) {
    super(TIMESTAMP_FORMAT_MESSAGE);
    this.input = input;
  }
}

function two(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/**
 * Formats an instant as Cognito's TIMESTAMP, in UTC, dropping milliseconds.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatTimestamp } from "./timestamp.ts";
 * assert.equal(
 *   formatTimestamp(new Date("2026-11-04T09:05:07.999Z")),
 *   "Wed Nov 4 09:05:07 UTC 2026",
 * );
 * ```
 */
export function formatTimestamp(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError("Cannot format TIMESTAMP: invalid date");
  return `${WEEKDAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} ` +
    `UTC ${String(date.getUTCFullYear()).padStart(4, "0")}`;
}

/** A parsed TIMESTAMP. */
export interface ParsedTimestamp {
  /** The instant it names (whole seconds, UTC). */
  instant: Date;
  /** The canonical formatting of `instant`: what a verifier signs. */
  canonical: string;
  /** Whether the input was already canonical. */
  isCanonical: boolean;
}

/**
 * Parses a TIMESTAMP strictly (see the module documentation for what is
 * accepted). Throws {@linkcode TimestampFormatError} when it cannot be parsed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseTimestamp } from "./timestamp.ts";
 * const padded = parseTimestamp("Sat Sep 05 10:00:00 UTC 2026");
 * assert.equal(padded.canonical, "Sat Sep 5 10:00:00 UTC 2026");
 * assert.equal(padded.isCanonical, false);
 * assert.equal(padded.instant.toISOString(), "2026-09-05T10:00:00.000Z");
 * assert.equal(parseTimestamp("Thu Nov 26 09:38:57 UTC 2026").isCanonical, true);
 * ```
 */
export function parseTimestamp(text: string): ParsedTimestamp {
  const match = PATTERN.exec(text);
  if (match === null) throw new TimestampFormatError(text);
  const [, , monthName, day, hour, minute, second, year] = match as unknown as string[];
  const month = MONTHS.indexOf(monthName as typeof MONTHS[number]);
  const fields = [Number(day), Number(hour), Number(minute), Number(second), Number(year)];
  const [d, h, m, s, y] = fields as [number, number, number, number, number];
  if (h > 23 || m > 59 || s > 59 || y < 1 || d < 1) throw new TimestampFormatError(text);
  const instant = new Date(0);
  instant.setUTCFullYear(y, month, d);
  instant.setUTCHours(h, m, s, 0);
  if (instant.getUTCDate() !== d) throw new TimestampFormatError(text); // e.g. Feb 30
  const canonical = formatTimestamp(instant);
  return { instant, canonical, isCanonical: canonical === text };
}

/** Options of {@linkcode isTimestampFresh}. */
export interface TimestampFreshnessOptions {
  /**
   * The server's clock.
   *
   * @default {() => new Date()}
   */
  now?: Clock;
  /**
   * The largest accepted distance between the TIMESTAMP and `now`, either
   * way, in milliseconds. The service's tolerance is reported as about five
   * minutes (§4.2, unverified).
   *
   * @default {300000}
   */
  maxSkewMs?: number;
}

/**
 * Whether a TIMESTAMP instant lies within `maxSkewMs` of the clock, either
 * way (a mock's clock-skew check, §7.6 step 3).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isTimestampFresh, parseTimestamp } from "./timestamp.ts";
 * const { instant } = parseTimestamp("Thu Nov 26 09:38:57 UTC 2026");
 * const now = () => new Date("2026-11-26T09:43:00Z");
 * assert.equal(isTimestampFresh(instant, { now }), true);
 * assert.equal(isTimestampFresh(instant, { now, maxSkewMs: 60_000 }), false);
 * ```
 */
export function isTimestampFresh(instant: Date, options: TimestampFreshnessOptions = {}): boolean {
  const { now = defaultClock, maxSkewMs = 300_000 } = options;
  return Math.abs(now().getTime() - instant.getTime()) <= maxSkewMs;
}
