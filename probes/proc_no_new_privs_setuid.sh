#!/usr/bin/env bash
# Would exec of a setuid-root binary raise privileges here (no_new_privs clear, setuid honoured)?
set -euo pipefail

probe_name="proc_no_new_privs_setuid"
probe_version="2"
primary_capability_id="cap_proc_unsandboxed_escalation"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=no_new_privs
IFS= read -r -d '' py <<'PY' || true
import ctypes, stat
libc = ctypes.CDLL(None, use_errno=True)
nnp = libc.prctl(39, 0, 0, 0, 0)
if nnp < 0:
    print("errno %s prctl" % name(ctypes.get_errno()))
    sys.exit(0)
binary = "none"
nosuid = -1
for p in ("/usr/bin/su", "/bin/su", "/usr/bin/passwd", "/usr/bin/mount", "/bin/mount"):
    try:
        st = os.stat(p)
    except OSError:
        continue
    if st.st_mode & stat.S_ISUID:
        binary = p
        nosuid = 1 if os.statvfs(p).f_flag & os.ST_NOSUID else 0
        break
print("nnp=%d nosuid=%d binary=%s" % (nnp, nosuid, binary))
PY
nnp='' nosuid='' binary=''
if fence_python_run "python3 not found on PATH; it is needed to query prctl(PR_GET_NO_NEW_PRIVS)" "$py"; then
  case $out in
    nnp=*)
      nnp=${out#nnp=}
      nnp=${nnp%% *}
      nosuid=${out#* nosuid=}
      nosuid=${nosuid%% *}
      binary=${out#* binary=}
      target=$binary
      if [[ $nnp == 1 ]]; then
        status=denied errno=EPERM
        message="no_new_privs is set: exec of a setuid binary ($binary) cannot raise privileges"
      elif [[ $nosuid == 1 ]]; then
        status=denied errno=EPERM
        message="the filesystem holding $binary is mounted nosuid: its setuid bit is ignored at exec"
      elif [[ $binary == none ]]; then
        status=success
        message="no_new_privs is clear: exec of a setuid binary could raise privileges (no setuid binary found to check its mount)"
      else
        status=success
        message="no_new_privs is clear and $binary keeps its setuid bit: exec can raise privileges"
      fi
      ;;
    errno\ *)
      errno=${out#errno }
      errno=${errno%% *}
      message="prctl(PR_GET_NO_NEW_PRIVS) failed with $errno"
      ;;
    *)
      message="python3 printed no result (exit $rc)"
      ;;
  esac
fi

fence_emit --command "$cmd" --category process --verb escalate --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field no_new_privs "$nnp" \
  --payload-raw-field nosuid_mount "$nosuid" \
  --payload-raw-field setuid_binary "$binary"
