#!/usr/bin/env bash
# Which NoNewPrivs, Seccomp and CapEff values does the process carry (/proc/self/status)?
set -euo pipefail

probe_name="sandbox_proc_self_status"
probe_version="1"
primary_capability_id="cap_sandbox_seccomp_no_new_privs"
probe_platforms="linux"
probe_tags="seccomp procfs"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=/proc/self/status
errno='' nnp='' seccomp='' filters='' capeff=''
if fence_try cat "$target"; then
  rest=$out$'\n'
  while [[ -n $rest ]]; do
    line=${rest%%$'\n'*}
    rest=${rest#*$'\n'}
    case $line in
      NoNewPrivs:*) nnp=${line#NoNewPrivs:} ;;
      Seccomp:*) seccomp=${line#Seccomp:} ;;
      Seccomp_filters:*) filters=${line#Seccomp_filters:} ;;
      CapEff:*) capeff=${line#CapEff:} ;;
    esac
  done
fi
nnp=${nnp//[[:space:]]/}
seccomp=${seccomp//[[:space:]]/}
filters=${filters//[[:space:]]/}
capeff=${capeff//[[:space:]]/}
if [[ $rc == 0 && -n $nnp$seccomp$capeff ]]; then
  status=success
  message="NoNewPrivs=${nnp:-absent} Seccomp=${seccomp:-absent} CapEff=${capeff:-absent}"
else
  fence_classify_failure "EACCES EPERM" "reading /proc/self/status was refused ({errno})" \
    "could not read the status fields from /proc/self/status (rc={rc} {errno})"
fi

fence_emit --command "$cmd" --category sandbox --verb read --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field NoNewPrivs "$nnp" \
  --payload-raw-field Seccomp "$seccomp" \
  --payload-raw-field Seccomp_filters "$filters" \
  --payload-raw-field CapEff "$capeff"
