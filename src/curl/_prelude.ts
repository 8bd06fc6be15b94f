/**
 * The fixed part of a generated script: the checks (`expect_status`,
 * `expect_error`, `expect_jq`, `expect_saved`, `not_checked`), masking of
 * secrets in what it prints, the SRP bookkeeping (`remember_device`), the
 * clock (`now_seconds`, `srp_timestamp`) and the admin calls of
 * provisioning.
 */

import { shellQuote } from "./bash.ts";
import { JQ_LIB } from "./jq.ts";
import { JMESPATH_JQ_DEFS } from "./jmespath.ts";

/** What changes the prelude. */
export interface PreludeOptions {
  /** Read the time from the mock (`GET /_mock/clock`) instead of the machine's clock. */
  clock: boolean;
}

/** The helper functions, after `set -euo pipefail` and `E`/`CLI`. */
export function prelude(options: PreludeOptions): string {
  const now = options.clock
    ? `now_seconds() { # the time of the scenario's pool on the mock (its clock steps move it)
  curl -sS "$E/_mock/clock\${POOL_ID:+?poolId=$POOL_ID}" | jq '.epochSeconds | floor'
}`
    : `now_seconds() { date +%s; }`;
  return `
# --- checks and helpers ------------------------------------------------------------------------
(( BASH_VERSINFO[0] > 4 || (BASH_VERSINFO[0] == 4 && BASH_VERSINFO[1] >= 4) )) ||
  { echo "error: this script needs bash 4.4 or later" >&2; exit 3; }
for tool in curl jq od; do
  command -v "$tool" >/dev/null || { echo "error: this script needs $tool on PATH" >&2; exit 3; }
done
WORK=$(mktemp -d); OUT=$WORK/body; HDR=$WORK/headers; : >"$OUT"; : >"$HDR"
STEP="before the first step"; STATUS=000; R=""; SECRETS=(); SIGV4=(); CHECKS=(); CHECK_ARGS=()
declare -A DEVICE_PASSWORDS=() DEVICE_GROUP_KEYS=()
JQ_LIB=${shellQuote(`${JQ_LIB}\n${JMESPATH_JQ_DEFS}`, { multiline: true })}

step() { # N NAME: the step that runs now
  STEP="$1 ($2)"; printf 'step %s: %s\\n' "$1" "$2"
}
mask() { # TEXT: TEXT with secrets hidden (SHOW_SECRETS=1 shows them)
  local text=$1 value
  if [[ \${SHOW_SECRETS:-} == 1 ]]; then printf '%s' "$text"; return; fi
  text=$(jq -c "$JQ_LIB"$'\\n''mask' <<<"$text" 2>/dev/null) || text=$1
  for value in "\${SECRETS[@]}"; do [[ -z $value ]] || text=\${text//"$value"/«secret»}; done
  printf '%s' "$text" | sed -E 's/eyJ[A-Za-z0-9_-]{8,}(\\.[A-Za-z0-9_-]*){2,4}/«secret:jwt»/g'
}
fail() { # WHAT: a check that did not hold; exit 4 as the runner does
  {
    printf 'FAILED step %s: expected %s\\n' "$STEP" "$1"
    printf '  got HTTP %s: %s\\n' "$STATUS" "$(mask "$(cat "$OUT")" | head -c 2000)"
  } >&2
  exit 4
}
on_error() { # CODE COMMAND: a command that failed outside a check; exit 3 as the runner does
  [[ $BASH_SUBSHELL -eq 0 ]] || exit "$1"
  printf 'FAILED step %s: a command failed (exit %s): %s\\n' "$STEP" "$1" "$(mask "$2")" >&2
  exit 3
}
set -E; trap 'on_error $? "$BASH_COMMAND"' ERR
expect_status() { # N: the HTTP status
  [[ $STATUS == "$1" ]] || fail "status $1"
}
expect_jq() { # FILTER WHAT [jq options…]: queues a check that FILTER is true of the answer
  CHECKS+=("$1" "$2"); shift 2; CHECK_ARGS+=("$@")
}
run_checks() { # runs the queued checks in one jq ($body, $status, $headers); the first false one fails
  (( \${#CHECKS[@]} )) || return 0
  local program="" i verdict checks=("\${CHECKS[@]}") args=("\${CHECK_ARGS[@]}")
  CHECKS=(); CHECK_ARGS=()
  for (( i = 0; i < \${#checks[@]}; i += 2 )); do
    program+="\${program:+, }(try (first(\${checks[i]}) // false) catch \\"jq: \\\\(.)\\")"
  done
  verdict=$(jq -rn --rawfile raw "$OUT" --rawfile hdr "$HDR" --argjson status "$STATUS" "\${args[@]}" \\
    "$JQ_LIB"$'\\n''($hdr | parse_headers) as $headers | ($raw | try fromjson catch .) as $body | $body
    | ['"$program"'] | to_entries | map(select(.value != true)) | first // empty | "\\(.key) \\(.value)"' \\
    2>&1) || verdict="0 jq: $verdict"
  [[ -n $verdict ]] || return 0
  local why=\${verdict#* }
  fail "\${checks[\${verdict%% *} * 2 + 1]}$([[ $why != jq:* ]] || printf ' (%s)' "$(mask "$why")")"
}
expect_error() { # TYPE [MESSAGE]: queues the checks of the Cognito error (__type, code, x-amzn-ErrorType)
  expect_jq 'error_type($headers) == $type' "error type $1" --arg type "$1"
  [[ $# -lt 2 ]] || expect_jq 'error_message == $message' "error message \\"$2\\"" --arg message "$2"
}
expect_saved() { # NAME QUERY: a save found something
  [[ \${!1} != null ]] || fail "the query $2 to find something to save as $1"
}
not_checked() { # WHAT: a check bash cannot make, said aloud rather than passed
  printf '  not checked here: %s\\n' "$1"
}
secret() { # NAME…: values never printed
  local __name; for __name; do [[ -z \${!__name} ]] || SECRETS+=("\${!__name}"); done
}
json_safe() { # NAME…: values this script splices into JSON text without escaping
  local __name; for __name; do
    if [[ \${!__name} == *[\\"\\\\]* || \${!__name} == *[[:cntrl:]]* ]]; then
      echo "error: Cannot send \\$$__name in a JSON body: it holds a quote, a backslash or a control character" >&2
      exit 1
    fi
  done
}
remember_device() { # VAR DEVICE: keeps the device password of the verifier in $VAR for DEVICE's key
  local __key __group __password __sent # (names no scenario uses: $1 names the caller's variable)
  { IFS= read -r __key; IFS= read -r __group; IFS= read -r __password; IFS= read -r __sent; } < <(
    jq -rn --argjson verifier "\${!1}" --argjson device "$2" \
      '$device.DeviceKey, $device.DeviceGroupKey, $verifier.DevicePassword,
       ($verifier | {PasswordVerifier, Salt} | tojson)')
  DEVICE_PASSWORDS[$__key]=$__password; DEVICE_GROUP_KEYS[$__key]=$__group; SECRETS+=("$__password")
  printf -v "$1" '%s' "$__sent"
}
device_password() { # KEY: the device password remember_device kept
  [[ -n \${DEVICE_PASSWORDS[$1]:-} ]] ||
    { echo "error: no device password is remembered for device \\"$1\\" (confirm it first)" >&2; return 1; }
  printf '%s' "\${DEVICE_PASSWORDS[$1]}"
}
device_group_key() { # KEY: the device group key remember_device kept
  [[ -n \${DEVICE_GROUP_KEYS[$1]:-} ]] ||
    { echo "error: no device group key is remembered for device \\"$1\\" (confirm it first)" >&2; return 1; }
  printf '%s' "\${DEVICE_GROUP_KEYS[$1]}"
}
${now}
srp_timestamp() { # [STYLE]: the SRP TIMESTAMP of now
  $CLI srp timestamp --style "\${1:-canonical}" --epoch-seconds "$(now_seconds)" | jq -r .TIMESTAMP
}
jwt_payload() { # TOKEN: its claims (not verified)
  jq -Rc "$JQ_LIB"$'\\n''jwt_payload' <<<"$1"
}
random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \\n'; }
uuid() {
  local h; h=$(random_hex 16)
  printf '%s-%s-4%s-%x%s-%s\\n' "\${h:0:8}" "\${h:8:4}" "\${h:13:3}" $(( (16#\${h:16:1} & 3) | 8 )) "\${h:17:3}" "\${h:20:12}"
}
concat() { # VALUE…: the values' text, joined (concat() of the scenario)
  local IFS=''; printf '%s' "$*"
}
`;
}

/** The provisioning helpers: admin calls, and deleting the pool when the script exits. */
export const PROVISION_HELPERS =
  `admin() { # OPERATION BODY: an admin call of the provisioning (exit 3 unless 2xx)
  STATUS=$(curl -sS -o "$OUT" -D "$HDR" -w '%{http_code}' "$E" \\
    -H 'Content-Type: application/x-amz-json-1.1' \\
    -H "X-Amz-Target: AWSCognitoIdentityProviderService.$1" "\${SIGV4[@]}" -d "$2")
  R=$(cat "$OUT")
  [[ $STATUS == 2* ]] || {
    printf 'error: Cannot provision: %s answered HTTP %s: %s\\n' "$1" "$STATUS" "$(mask "$R")" >&2
    exit 3
  }
}
`;

/** The EXIT trap: delete the pool (when one was provisioned) and the temporary files. */
export function cleanup(provision: boolean): string {
  const deletePool = provision
    ? `  if [[ -n \${POOL_ID:-} ]]; then
    local deleted
    deleted=$(curl -sS -o /dev/null -w '%{http_code}' "$E" -H 'Content-Type: application/x-amz-json-1.1' \\
      -H 'X-Amz-Target: AWSCognitoIdentityProviderService.DeleteUserPool' "\${SIGV4[@]}" \\
      -d '{"UserPoolId": "'"$POOL_ID"'"}') || deleted=000
    [[ $deleted == 2* ]] ||
      echo "error: Cannot delete user pool \\"$POOL_ID\\" (HTTP $deleted); the pool is left behind" >&2
  fi
`
    : "";
  return `cleanup() { # on exit: ${provision ? "delete the pool, then " : ""}the temporary files
  local code=$?
  trap - ERR
${deletePool}  rm -rf "$WORK"
  exit "$code"
}
trap cleanup EXIT
`;
}
