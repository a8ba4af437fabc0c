#!/usr/bin/env bash
# Is the per-user temp dir ($TMPDIR, passed to the Seatbelt profile as a parameter) writable from inside the fence?
set -euo pipefail

probe_name="macos_sandbox_profile_params"
probe_version="1"
primary_capability_id="cap_sandbox_profile_parameterization"
probe_platforms="macos"
probe_tags="sandbox write"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

rc='' errno='' err='' user_temp='' same_dir=''
# the file is left for the harness, which checks it on the host and removes it (probes/README.md,
# "Host-side effects")

leaf=".codex-fence-${probe_name}-$$-${RANDOM}"
if [[ -z ${TMPDIR:-} ]]; then
  target='$TMPDIR/'"$leaf"
  status=error
  message="TMPDIR is not set"
elif ! fence_have getconf; then
  target="${TMPDIR%/}/$leaf"
  status=error
  message="the tool getconf is not on PATH"
else
  target="${TMPDIR%/}/$leaf"
  fence_run getconf DARWIN_USER_TEMP_DIR
  user_temp=$FENCE_OUT
  if [[ ${user_temp%/} == "${TMPDIR%/}" ]]; then same_dir=true; else same_dir=false; fi
  fence_run sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$target"
  rc=$FENCE_RC err=$FENCE_ERR
  if [[ $rc == 0 && -f $target ]]; then
    status=success
    message="created a scratch file in \$TMPDIR (the profile's temp-dir parameter is writable)"
  else
    fence_classify_failure "EROFS EACCES EPERM" "creating a file in \$TMPDIR was refused ({errno})" \
      "the write failed without a policy errno (rc={rc} {errno})"
  fi
fi
printf -v cmd '%q ' sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$target"

fence_emit --command "$cmd" --category sandbox --verb write --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field path "$target" \
  --payload-raw-field tmpdir "${TMPDIR:-}" \
  --payload-raw-field darwin_user_temp_dir "$user_temp" \
  --payload-raw-field tmpdir_is_darwin_user_temp_dir "$same_dir" \
  --payload-raw-field host_effect_path "$target"
