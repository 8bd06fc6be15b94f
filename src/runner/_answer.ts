/**
 * What a step says when the target's answer is no Cognito answer at all (a
 * JSON object): an HTML error page, truncated JSON, a list, a body cut at
 * the size bound or broken off mid-way. The step fails with one line that
 * says what came back (status, content type, size, first bytes) instead of
 * checks that would each restate it. Also the line of a step timeout.
 */

import { EMPTY_BODY, type ReceivedResponse } from "../cognito/client.ts";

/** How much of the body the line quotes, in characters. */
const QUOTED = 120;

/**
 * Why `response` is no usable answer to `call`, or `undefined` when its body
 * is a JSON object (possibly read from an empty body). The cheap case first:
 * this runs for every response.
 */
export function answerProblem(call: string, response: ReceivedResponse): string | undefined {
  const { body, bodyNote } = response;
  if (
    typeof body === "object" && body !== null && !Array.isArray(body) &&
    (bodyNote === undefined || bodyNote === EMPTY_BODY)
  ) {
    return undefined;
  }
  const type = response.headers["content-type"];
  const parts = [type === undefined ? "no content-type" : `content-type ${type}`];
  if (bodyNote !== undefined) parts.push(`body: ${bodyNote}`);
  let what: string;
  if (typeof body === "string") {
    if (bodyNote === undefined) {
      parts.push(`${new TextEncoder().encode(body).length} bytes, not JSON`);
    }
    what = body === "" ? "nothing" : quote(body);
  } else {
    parts.push(`JSON ${Array.isArray(body) ? "list" : body === null ? "null" : typeof body}`);
    what = quote(JSON.stringify(body));
  }
  return `${call} answered ${response.status} without a JSON object (${parts.join(", ")}): ${what}`;
}

/**
 * The first characters of `text`, quoted. Cut short, it ends before the word
 * or the JSON string it would cut in two: a secret cut in half would not be
 * recognised by the redactor, which masks whole values.
 */
function quote(text: string): string {
  if (text.length <= QUOTED) return JSON.stringify(text);
  let cut = text.slice(0, QUOTED).replace(/[\w+/=.%~-]+$/, "");
  const quotes = cut.match(/(?<!\\)"/g)?.length ?? 0;
  if (quotes % 2 === 1) cut = cut.slice(0, cut.lastIndexOf('"'));
  if (cut.trim() === "") {
    return `${text.length} characters, not shown (they start with one unbroken word, which ` +
      "could be a secret)";
  }
  return `${JSON.stringify(cut)}… (${text.length} characters)`;
}

/** `GetUser (step 2, "who am I")`: how a timeout names its step. */
export function stepTitle(call: string, index: number, name: string): string {
  return name === call ? `${call} (step ${index + 1})` : `${call} (step ${index + 1}, "${name}")`;
}

/** `POST http://…/ with {AccessToken, ClientId}`: what a step sent, without a value of it. */
export function sentSummary(url: string, body: unknown): string {
  const members = typeof body === "object" && body !== null && !Array.isArray(body)
    ? Object.keys(body)
    : [];
  const shown = members.length > 8 ? [...members.slice(0, 8), "…"] : members;
  return `POST ${url === "" ? "(no URL recorded)" : url} with {${shown.join(", ")}}`;
}
