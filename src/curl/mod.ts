/**
 * Curl scripts and scenarios (docs/curl-format.md): {@linkcode toCurl}
 * writes a scenario as a runnable bash script of curl calls; the names both
 * directions share are in `names.ts`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseScenario } from "../scenario/mod.ts";
 * import { toCurl } from "./mod.ts";
 * const { scenario } = parseScenario("name: x\nsteps:\n  - call: GetUser\n    request: { AccessToken: t }\n", "x.yaml");
 * assert.match(toCurl(scenario!), /X-Amz-Target: AWSCognitoIdentityProviderService\.GetUser/);
 * ```
 *
 * @module
 */

export { toCurl, type ToCurlOptions } from "./to_curl.ts";
export {
  controlActionOf,
  type ControlRequest,
  controlRequest,
  rootVariable,
  type ScenarioNames,
  scenarioPathOf,
  shellName,
  userShellPrefix,
} from "./names.ts";
