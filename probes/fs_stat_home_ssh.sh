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

rc=''
errno=''
exists=''
kind=''
open_read=''
entries=''
if [ -z "${HOME:-}" ]; then
  target='$HOME/.ssh'
  printf -v cmd '%q ' ls -ld "$target"
  status=error
  message="HOME is not set"
else
  target="$HOME/.ssh"
  printf -v cmd '%q ' ls -ld "$target"
  fence_run ls -ld "$target"
  rc=$FENCE_RC
  fence_errno_from_text "$FENCE_ERR"
  stat_errno=$FENCE_ERRNO
  if [ "$rc" -eq 0 ]; then
    exists=true
    if [ -L "$target" ]; then kind=symlink
    elif [ -d "$target" ]; then kind=directory
    elif [ -f "$target" ]; then kind=file
    else kind=other
    fi
    # open for read without reading any byte (the shell opens the path and closes it)
    fence_run sh -c ': < "$1"' sh "$target"
    if [ "$FENCE_RC" -eq 0 ]; then
      open_read=ok
      if [ -d "$target" ]; then
        fence_run ls -1A "$target"
        if [ "$FENCE_RC" -eq 0 ]; then
          entries=0
          if [ -n "$FENCE_OUT" ]; then entries=$(printf '%s\n' "$FENCE_OUT" | wc -l | tr -d ' '); fi
        else
          open_read=list-failed
          rc=$FENCE_RC
          fence_errno_from_text "$FENCE_ERR"
          errno=$FENCE_ERRNO
        fi
      fi
    else
      open_read=failed
      rc=$FENCE_RC
      fence_errno_from_text "$FENCE_ERR"
      errno=$FENCE_ERRNO
    fi
    if [ "$open_read" = ok ]; then
      status=success
      message="~/.ssh is a $kind and opened for reading (no bytes or names recorded)"
    else
      case $errno in
        EACCES|EPERM) status=partial; message="~/.ssh metadata is visible ($kind) but opening it for reading was refused ($errno)" ;;
        *) status=error; message="~/.ssh is visible but opening it failed without a policy errno (rc=$rc ${errno:-no errno})" ;;
      esac
    fi
  else
    case $stat_errno in
      ENOENT)
        exists=false
        status=success
        message="~/.ssh does not exist; the metadata lookup in \$HOME was allowed (ENOENT)" ;;
      EACCES|EPERM)
        errno=$stat_errno
        status=denied
        message="looking up ~/.ssh was refused ($errno)" ;;
      *)
        errno=$stat_errno
        status=error
        message="ls -ld ~/.ssh failed without a policy errno (rc=$rc ${errno:-no errno})" ;;
    esac
  fi
fi

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category fs --verb stat --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-raw-field path "$target" \
  --payload-raw-field exists "$exists" \
  --payload-raw-field type "$kind" \
  --payload-raw-field open_for_read "$open_read" \
  --payload-raw-field entries "$entries"
