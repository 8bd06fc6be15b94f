/**
 * SigV4 on the mock's IAM operations (`Admin*`, pool and client management).
 *
 * By default the mock checks only that a present `Authorization` header is
 * SigV4-shaped (clients that sign everything must not be refused, §1.5).
 * With `requireSignature` it verifies the signature the way the service does:
 * a known access key (else `UnrecognizedClientException`), a matching session
 * token, a credential scoped to the mock's region and `cognito-idp`, an
 * `X-Amz-Date` within 15 minutes of now, and the signature itself recomputed
 * over the request as received (else `InvalidSignatureException` with the
 * service's texts). The canonical request and the signing-key derivation are
 * aws4fetch's — the same code the harness signs with — fed with exactly the
 * headers the client says it signed, so nothing of the algorithm is written
 * twice.
 *
 * @module
 */

import { AwsV4Signer } from "aws4fetch";
import { timingSafeEqual } from "node:crypto";
import type { AwsCredentials } from "../../cognito/client.ts";
import { cognitoError } from "../../cognito/errors.ts";

/** The three parameters of a SigV4 `Authorization` header, syntax-checked. */
export interface SigV4Authorization {
  /** `AKID/20261207/us-east-1/cognito-idp/aws4_request`, split. */
  readonly credential: {
    readonly accessKeyId: string;
    readonly date: string;
    readonly region: string;
    readonly service: string;
  };
  /** Lower-case header names, `;`-separated, as signed. */
  readonly signedHeaders: string;
  /** Hex HMAC-SHA256. */
  readonly signature: string;
}

const PREFIX = "AWS4-HMAC-SHA256 ";
const PARAMETERS = ["Credential", "SignedHeaders", "Signature"] as const;
const SHAPES: Record<(typeof PARAMETERS)[number], RegExp> = {
  Credential: /^[^/\s]+\/\d{8}\/[^/\s]+\/[^/\s]+\/aws4_request$/,
  SignedHeaders: /^[a-z0-9-]+(;[a-z0-9-]+)*$/,
  Signature: /^[0-9a-f]+$/,
};
/** How far `X-Amz-Date` may be from now, as the service allows. */
const SKEW_MS = 15 * 60 * 1000;
const SERVICE = "cognito-idp";

/**
 * Parses a SigV4 `Authorization` header; a missing or malformed parameter is
 * `IncompleteSignatureException` naming it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseAuthorization } from "./sigv4.ts";
 * const parsed = parseAuthorization(
 *   "AWS4-HMAC-SHA256 Credential=AKID/20261207/us-east-1/cognito-idp/aws4_request, " +
 *     "SignedHeaders=host;x-amz-date, Signature=0a1b",
 * );
 * assert.equal(parsed.credential.region, "us-east-1");
 * assert.throws(() => parseAuthorization("Bearer x"), { name: "IncompleteSignatureException" });
 * ```
 */
export function parseAuthorization(header: string): SigV4Authorization {
  const params = new Map(
    header.startsWith(PREFIX)
      ? header.slice(PREFIX.length).split(",").map((part) => {
        const [name = "", ...rest] = part.trim().split("=");
        return [name, rest.join("=")] as const;
      })
      : [],
  );
  const values = PARAMETERS.map((name) => {
    const value = params.get(name);
    if (value === undefined || !SHAPES[name].test(value)) {
      throw cognitoError("IncompleteSignature", { parameter: name });
    }
    return value;
  });
  const [accessKeyId = "", date = "", region = "", service = ""] = values[0]!.split("/");
  return {
    credential: { accessKeyId, date, region, service },
    signedHeaders: values[1]!,
    signature: values[2]!,
  };
}

/** What {@linkcode verifySignature} checks against. */
export interface SignatureSettings {
  /** The credentials whose signatures are accepted. */
  readonly credentials: readonly AwsCredentials[];
  /** The region the credential scope must name (the mock's). */
  readonly region: string;
  /** Now, epoch ms (the mock's base clock: control offsets do not move it). */
  readonly now: () => number;
  /** Signing keys derived so far (aws4fetch's cache), shared across requests. */
  readonly cache?: Map<string, ArrayBuffer>;
}

/** `20261207T093456Z` ⇄ epoch ms. */
function amzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[:-]|\.\d{3}/g, "");
}
function parseAmzDate(text: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  const ms = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  return Number.isNaN(ms) ? undefined : ms;
}

function equalText(a: string, b: string): boolean {
  const left = new TextEncoder().encode(a);
  const right = new TextEncoder().encode(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Verifies the SigV4 signature of `request` (whose body bytes are `body`)
 * made with `authorization`; throws the service's error when it does not
 * hold.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { AwsClient } from "aws4fetch";
 * import { parseAuthorization, verifySignature } from "./sigv4.ts";
 * const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
 * const body = '{"UserPoolId":"us-east-1_example"}';
 * const signed = await new AwsClient({ ...credentials, service: "cognito-idp", region: "us-east-1" })
 *   .sign("http://127.0.0.1:9229/", { method: "POST", body, headers: { "content-type": "application/x-amz-json-1.1" } });
 * const request = new Request(signed.url, { method: "POST", headers: signed.headers, body });
 * const authorization = parseAuthorization(request.headers.get("authorization")!);
 * const settings = { credentials: [credentials], region: "us-east-1", now: Date.now };
 * await verifySignature(request, new TextEncoder().encode(body), authorization, settings);
 * await assert.rejects(
 *   verifySignature(request, new TextEncoder().encode(body + " "), authorization, settings),
 *   { name: "InvalidSignatureException" },
 * );
 * ```
 */
export async function verifySignature(
  request: Request,
  body: Uint8Array<ArrayBuffer>,
  authorization: SigV4Authorization,
  settings: SignatureSettings,
): Promise<void> {
  const { credential } = authorization;
  const known = settings.credentials.find((c) => c.accessKeyId === credential.accessKeyId);
  const token = request.headers.get("x-amz-security-token") ?? undefined;
  if (known === undefined || known.sessionToken !== token) throw cognitoError("UnrecognizedClient");
  if (credential.service !== SERVICE) throw cognitoError("SignatureWrongService");
  if (credential.region !== settings.region) {
    throw cognitoError("SignatureWrongRegion", { region: credential.region });
  }
  const datetime = request.headers.get("x-amz-date") ?? "";
  const signedAt = parseAmzDate(datetime);
  if (signedAt === undefined) throw cognitoError("SignatureMissingDate");
  const now = settings.now();
  if (signedAt < now - SKEW_MS) {
    throw cognitoError("SignatureExpired", {
      signed: datetime,
      earliest: amzDate(now - SKEW_MS),
      now: amzDate(now),
    });
  }
  if (signedAt > now + SKEW_MS) {
    throw cognitoError("SignatureNotYetCurrent", {
      signed: datetime,
      latest: amzDate(now + SKEW_MS),
      now: amzDate(now),
    });
  }
  const names = authorization.signedHeaders.split(";");
  if (!names.includes("host") || datetime.slice(0, 8) !== credential.date) {
    throw cognitoError("SignatureMismatch");
  }
  const url = new URL(request.url);
  const host = request.headers.get("host");
  if (host !== null) url.host = host;
  const headers = new Headers();
  for (const name of names) {
    if (name === "host") continue; // the URL's (aws4fetch reads it from there)
    const value = request.headers.get(name);
    if (value === null) throw cognitoError("SignatureMismatch");
    headers.set(name, value);
  }
  const signer = new AwsV4Signer({
    method: request.method,
    url: url.href,
    headers,
    body,
    accessKeyId: known.accessKeyId,
    secretAccessKey: known.secretAccessKey,
    service: SERVICE,
    region: credential.region,
    datetime,
    allHeaders: true,
    ...(settings.cache === undefined ? {} : { cache: settings.cache }),
  });
  const declaredHash = request.headers.get("x-amz-content-sha256");
  if (declaredHash !== null && declaredHash !== await sha256Hex(body)) {
    throw cognitoError("SignatureMismatch");
  }
  if (
    signer.signedHeaders !== authorization.signedHeaders ||
    !equalText(await signer.signature(), authorization.signature)
  ) {
    throw cognitoError("SignatureMismatch");
  }
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
