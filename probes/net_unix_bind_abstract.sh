#!/usr/bin/env bash
# Can the probe bind an abstract-namespace AF_UNIX socket?
set -euo pipefail

probe_name="net_unix_bind_abstract"
probe_version="1"
primary_capability_id="cap_net_unix_socket_connect_bind"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="@codex-fence-${probe_name}-$$"
IFS= read -r -d '' py <<'PY' || true
import errno, socket, sys
def name(n):
    return errno.errorcode.get(n, "ERRNO_%d" % n) if n else "EUNKNOWN"
try:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
except OSError as e:
    print("errno %s socket" % name(e.errno))
    sys.exit(0)
try:
    s.bind("\0" + sys.argv[1])
    print("ok bound")
except OSError as e:
    print("errno %s bind" % name(e.errno))
finally:
    s.close()
PY
policy_errnos="EPERM EACCES"
status=error
errno=''
message=''
rc=''
out=''
err=''
printf -v cmd '%q ' python3 -c "$py" "${target#@}"
if ! fence_have python3; then
  message="python3 not found on PATH; it is needed to bind an AF_UNIX socket"
else
  fence_run fence_python3 -c "$py" "${target#@}"
  rc=$FENCE_RC
  out=$FENCE_OUT
  err=$FENCE_ERR
  case $out in
    ok*)
      status=success
      message="bound an abstract AF_UNIX socket $target"
      ;;
    errno\ *)
      errno=${out#errno }
      errno=${errno%% *}
      step=${out#errno "$errno"}
      step=${step# }
      case " $policy_errnos " in
        *" $errno "*)
          status=denied
          message="binding the abstract AF_UNIX socket $target was refused at $step ($errno)"
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
  --command "$cmd" --category network --verb bind --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
