#!/usr/bin/env bash
# Does the probe hold any effective capabilities (CapEff in /proc/self/status)?
set -euo pipefail

probe_name="priv_cap_effective_query"
probe_version="1"
primary_capability_id="cap_priv_uid_and_capability_change"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=/proc/self/status
cmd="read CapEff CapBnd NoNewPrivs Seccomp <$target"
status=error errno='' message='' rc='' out='' err='' cap_eff='' cap_bnd='' nnp='' seccomp=''
if [[ ! -r $target ]]; then
  message="$target is not readable (is /proc mounted?)"
else
  while IFS=$' \t' read -r key value; do
    case $key in
      CapEff:) cap_eff=$value ;;
      CapBnd:) cap_bnd=$value ;;
      NoNewPrivs:) nnp=$value ;;
      Seccomp:) seccomp=$value ;;
    esac
  done <"$target"
  rc=0
  out="CapEff=$cap_eff CapBnd=$cap_bnd NoNewPrivs=$nnp Seccomp=$seccomp"
  if [[ -z $cap_eff ]]; then
    message="$target has no CapEff line"
  elif [[ $cap_eff =~ ^0+$ ]]; then
    status=denied errno=EPERM
    message="the probe holds no effective capabilities (CapEff=$cap_eff)"
  else
    status=success
    message="the probe holds effective capabilities (CapEff=$cap_eff)"
  fi
fi

fence_emit --command "$cmd" --category privilege --verb query --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field cap_eff "$cap_eff" \
  --payload-raw-field cap_bnd "$cap_bnd" \
  --payload-raw-field no_new_privs "$nnp" \
  --payload-raw-field seccomp "$seccomp"
