#!/usr/bin/env bash
# Does the process appear to run inside codex's sandbox (PID 1 is codex's helper, NoNewPrivs+seccomp, Seatbelt, env markers)?
set -euo pipefail

probe_name="agent_default_sandboxing"
probe_version="2"
primary_capability_id="cap_agent_default_sandboxing"
secondary_capability_ids="cap_agent_sandbox_env_marker"
probe_platforms="linux macos"
probe_tags="agent sandbox"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

fence_platform
rc='' errno='' err='' out='' helper='' policy_cmdline='' nnp='' seccomp='' seatbelt='' sandboxed=''
if [[ -n ${CODEX_SANDBOX:-} || -n ${CODEX_SANDBOX_NETWORK_DISABLED:-} ]]; then marker=true; else marker=false; fi

if [[ $FENCE_PLATFORM == linux ]]; then
  target=/proc/1/cmdline
  printf -v cmd '%q ' sh -c 'tr "\000" " " < "$1"' sh "$target"
  fence_run sh -c 'tr "\000" " " < "$1"' sh "$target"
  rc=$FENCE_RC err=$FENCE_ERR pid1=$FENCE_OUT
  fence_run cat /proc/self/status
  rest=$FENCE_OUT$'\n'
  while [[ -n $rest ]]; do
    line=${rest%%$'\n'*}
    rest=${rest#*$'\n'}
    case $line in
      NoNewPrivs:*) nnp=${line#NoNewPrivs:}; nnp=${nnp//[[:space:]]/} ;;
      Seccomp:*) seccomp=${line#Seccomp:}; seccomp=${seccomp//[[:space:]]/} ;;
    esac
  done
  if [[ $rc == 0 ]]; then
    case $pid1 in
      *codex-linux-sandbox*|*codex*--sandbox-policy*|*codex*--permission-profile*) helper=true ;;
      *) helper=false ;;
    esac
    if [[ $helper == true ]]; then
      # the helper's arguments carry the effective policy as JSON; keep the first 300 characters, with the
      # workspace path (a fresh folder per run) shown as $FENCE_WORKSPACE_ROOT so that runs compare equal
      policy_cmdline=$pid1
      if [[ -n ${FENCE_WORKSPACE_ROOT:-} ]]; then
        ws_placeholder='$FENCE_WORKSPACE_ROOT'
        policy_cmdline=${policy_cmdline//"$FENCE_WORKSPACE_ROOT"/$ws_placeholder}
      fi
      policy_cmdline=${policy_cmdline:0:300}
    fi
    if [[ $helper == true || ($nnp == 1 && $seccomp == 2) || -n ${CODEX_SANDBOX:-} ]]; then
      sandboxed=true
    else
      sandboxed=false
    fi
    status=success
    message="sandboxed=$sandboxed (pid1 codex helper: $helper; NoNewPrivs=${nnp:-?}; Seccomp=${seccomp:-?}; env marker: $marker)"
  else
    fence_classify_failure "EACCES EPERM" "reading /proc/1/cmdline was refused ({errno})" \
      "could not read /proc/1/cmdline (rc={rc} {errno})"
  fi
else
  target="sandbox_check(getpid())"
  py='import ctypes
lib = ctypes.CDLL("/usr/lib/libSystem.B.dylib")
lib.sandbox_check.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
lib.sandbox_check.restype = ctypes.c_int
print("sandboxed %d" % lib.sandbox_check(os.getpid(), None, 0))'
  if fence_python_run "the tool python3 is not on PATH" "$py"; then
    case $out in
      'sandboxed 0') seatbelt=false ;;
      'sandboxed 1') seatbelt=true ;;
    esac
    if [[ -z $seatbelt ]]; then
      message="python3 did not report a sandbox_check result (rc=$rc)"
    else
      if [[ $seatbelt == true || -n ${CODEX_SANDBOX:-} ]]; then sandboxed=true; else sandboxed=false; fi
      status=success
      message="sandboxed=$sandboxed (sandbox_check: $seatbelt; CODEX_SANDBOX=${CODEX_SANDBOX:-<unset>})"
    fi
  fi
fi

fence_emit --command "$cmd" --category agent --verb inspect --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field sandboxed "$sandboxed" \
  --payload-raw-field pid1_is_codex_helper "$helper" \
  --payload-raw-field pid1_cmdline_300 "$policy_cmdline" \
  --payload-raw-field NoNewPrivs "$nnp" \
  --payload-raw-field Seccomp "$seccomp" \
  --payload-raw-field seatbelt_sandbox_check "$seatbelt" \
  --payload-raw-field env_marker_present "$marker"
