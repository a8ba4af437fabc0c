#!/usr/bin/env bash
# Can the process see ~/.ssh (existence, type) and open it for reading? Never reads or records its bytes or names.
set -euo pipefail

probe_name="fs_stat_home_ssh"
probe_version="1"
primary_capability_id="cap_fs_read_user_content"
probe_platforms="linux macos"
probe_tags="read user metadata"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

rc='' errno='' exists='' kind='' open_read='' entries=''
shown=\~/.ssh
if [[ -z ${HOME:-} ]]; then
  target='$HOME/.ssh'
  printf -v cmd '%q ' ls -ld "$target"
  status=error
  message="HOME is not set"
elif fence_try ls -ld "$HOME/.ssh"; then
  target="$HOME/.ssh"
  exists=true
  if [[ -L $target ]]; then kind=symlink
  elif [[ -d $target ]]; then kind=directory
  elif [[ -f $target ]]; then kind='file'
  else kind=other
  fi
  # open for read without reading any byte (the shell opens the path and closes it)
  fence_run sh -c ': < "$1"' sh "$target"
  if [[ $FENCE_RC != 0 ]]; then
    open_read=failed rc=$FENCE_RC
    fence_errno_from_text "$FENCE_ERR"
    errno=$FENCE_ERRNO
  elif [[ -d $target ]]; then
    open_read=ok
    fence_run ls -1A "$target"
    if [[ $FENCE_RC == 0 ]]; then
      fence_count_lines "$FENCE_OUT"
      entries=$FENCE_LINES
    else
      open_read=list-failed rc=$FENCE_RC
      fence_errno_from_text "$FENCE_ERR"
      errno=$FENCE_ERRNO
    fi
  else
    open_read=ok
  fi
  if [[ $open_read == ok ]]; then
    status=success
    message="$shown is a $kind and opened for reading (no bytes or names recorded)"
  else
    fence_classify_errno "EACCES EPERM" "$shown metadata is visible ($kind) but opening it for reading was refused ({errno})" \
      "$shown is visible but opening it failed without a policy errno (rc={rc} {errno})"
    if [[ $status == denied ]]; then status=partial; fi
  fi
else
  target="$HOME/.ssh"
  fence_errno_from_text "$err"
  errno=$FENCE_ERRNO
  if [[ $errno == ENOENT ]]; then
    exists=false errno='' status=success
    message="$shown does not exist; the metadata lookup in \$HOME was allowed (ENOENT)"
  else
    fence_classify_errno "EACCES EPERM" "looking up $shown was refused ({errno})" \
      "ls -ld $shown failed without a policy errno (rc={rc} {errno})"
  fi
fi

fence_emit --command "$cmd" --category fs --verb stat --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-raw-field path "$target" \
  --payload-raw-field exists "$exists" \
  --payload-raw-field type "$kind" \
  --payload-raw-field open_for_read "$open_read" \
  --payload-raw-field entries "$entries"
