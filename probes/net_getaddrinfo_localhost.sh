#!/usr/bin/env bash
# Can the probe resolve localhost with getaddrinfo?
set -euo pipefail

probe_name="net_getaddrinfo_localhost"
probe_version="1"
primary_capability_id="cap_net_dns_resolution"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=localhost
IFS= read -r -d '' py <<'PY' || true
import socket
names = dict((getattr(socket, n), n) for n in dir(socket) if n.startswith("EAI_"))
try:
    infos = socket.getaddrinfo("localhost", None, 0, socket.SOCK_STREAM)
    print("ok " + ",".join(sorted(set(i[4][0] for i in infos))))
except socket.gaierror as e:
    print("errno %s getaddrinfo" % names.get(e.errno, "EAI_UNKNOWN"))
PY
policy_errnos="EAI_AGAIN EAI_FAIL EAI_NONAME EAI_SYSTEM"
status=error
errno=''
message=''
rc=''
out=''
err=''
printf -v cmd '%q ' python3 -c "$py"
if ! fence_have python3; then
  message="python3 not found on PATH; it is needed to call getaddrinfo"
else
  fence_run fence_python3 -c "$py"
  rc=$FENCE_RC
  out=$FENCE_OUT
  err=$FENCE_ERR
  case $out in
    ok*)
      status=success
      message="getaddrinfo(localhost) answered ${out#ok }"
      ;;
    errno\ *)
      errno=${out#errno }
      errno=${errno%% *}
      step=${out#errno "$errno"}
      step=${step# }
      case " $policy_errnos " in
        *" $errno "*)
          status=denied
          message="getaddrinfo(localhost) failed ($errno)"
          ;;
        *)
          status=error
          message="$step failed with $errno, which is not a policy refusal"
          ;;
      esac
      ;;
    *)
      message="python3 gave no usable answer (exit $rc)${out:+: $out}"
      ;;
  esac
fi

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category network --verb resolve --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
