# probe-lib.sh — small functions that probes may source:  . "$FENCE_BIN/probe-lib.sh"
# Bash 3.2 compatible; defines functions and variables only, prints nothing, never calls emit-record.

# fence_run CMD [ARGS...]
# Runs CMD once and captures its stdout, stderr and exit code without tripping `set -e`:
# sets FENCE_OUT, FENCE_ERR (each without trailing newlines) and FENCE_RC.
# CMD runs in a subshell, so it cannot change the caller's variables or directory.
fence_run() {
  local _sep=$'\037\036\037' _both _rest
  FENCE_OUT=''
  FENCE_ERR=''
  FENCE_RC=0
  _both=$( { _o=$("$@" 2>&3 </dev/null) && _rc=0 || _rc=$?; printf '%s%s%s%s' "$_sep" "$_rc" "$_sep" "$_o"; } 3>&1 ) || true
  FENCE_ERR=${_both%%"$_sep"*}
  _rest=${_both#*"$_sep"}
  FENCE_RC=${_rest%%"$_sep"*}
  FENCE_OUT=${_rest#*"$_sep"}
  while [[ $FENCE_ERR == *$'\n' ]]; do FENCE_ERR=${FENCE_ERR%$'\n'}; done
}

# fence_errno_from_text TEXT
# Sets FENCE_ERRNO to the errno name whose strerror text (Linux glibc/musl or macOS) appears in TEXT,
# or to the empty string when none does. The most specific messages are tested first.
fence_errno_from_text() {
  local _t=$1
  FENCE_ERRNO=''
  case $_t in
    *'Read-only file system'*) FENCE_ERRNO=EROFS ;;
    *'Invalid cross-device link'*|*'Cross-device link'*) FENCE_ERRNO=EXDEV ;;
    *'Operation not permitted'*) FENCE_ERRNO=EPERM ;;
    *'Permission denied'*) FENCE_ERRNO=EACCES ;;
    *'No such process'*) FENCE_ERRNO=ESRCH ;;
    *'Connection refused'*) FENCE_ERRNO=ECONNREFUSED ;;
    *'Network is unreachable'*) FENCE_ERRNO=ENETUNREACH ;;
    *'No route to host'*) FENCE_ERRNO=EHOSTUNREACH ;;
    *'Connection timed out'*|*'Operation timed out'*) FENCE_ERRNO=ETIMEDOUT ;;
    *'Temporary failure in name resolution'*) FENCE_ERRNO=EAI_AGAIN ;;
    *'Name or service not known'*|*'nodename nor servname provided'*) FENCE_ERRNO=EAI_NONAME ;;
    *'Address family not supported'*) FENCE_ERRNO=EAFNOSUPPORT ;;
    *'Function not implemented'*) FENCE_ERRNO=ENOSYS ;;
    *'Invalid argument'*) FENCE_ERRNO=EINVAL ;;
    *'Input/output error'*) FENCE_ERRNO=EIO ;;
    *'Device or resource busy'*|*'Resource busy'*) FENCE_ERRNO=EBUSY ;;
    *'No space left on device'*) FENCE_ERRNO=ENOSPC ;;
    *'File exists'*) FENCE_ERRNO=EEXIST ;;
    *'Is a directory'*) FENCE_ERRNO=EISDIR ;;
    *'Not a directory'*) FENCE_ERRNO=ENOTDIR ;;
    *'Too many levels of symbolic links'*) FENCE_ERRNO=ELOOP ;;
    *'No such file or directory'*) FENCE_ERRNO=ENOENT ;;
    *'Bad file descriptor'*) FENCE_ERRNO=EBADF ;;
    *'Protocol not supported'*) FENCE_ERRNO=EPROTONOSUPPORT ;;
    *'Socket type not supported'*) FENCE_ERRNO=ESOCKTNOSUPPORT ;;
    *'Address already in use'*) FENCE_ERRNO=EADDRINUSE ;;
    *'Cannot assign requested address'*|*"Can't assign requested address"*) FENCE_ERRNO=EADDRNOTAVAIL ;;
  esac
}

# fence_have TOOL — true when TOOL is a command on PATH.
fence_have() {
  command -v "$1" >/dev/null 2>&1
}

# fence_python3 [ARGS...]
# Runs the python3 that PATH gives this probe, without paying for a launcher in front of it: the harness
# resolves python3 once per run, with the probes' own PATH and environment, to the interpreter it starts
# (sys.executable: e.g. past a pyenv shim, which costs ~0.4 s a call; a venv's python3 stays the venv's) and
# hands it over as FENCE_PYTHON3. Without it (a probe run by hand), or when it is not executable, this is plain
# `python3 ARGS`. Use with fence_run (`fence_run fence_python3 -c "$py" ...`); check `fence_have python3` first.
fence_python3() {
  if [ -n "${FENCE_PYTHON3:-}" ] && [ -x "$FENCE_PYTHON3" ]; then
    "$FENCE_PYTHON3" "$@"
  else
    python3 "$@"
  fi
}

# fence_platform — sets FENCE_PLATFORM to linux, macos or other from $OSTYPE (no subprocess).
fence_platform() {
  case ${OSTYPE:-} in
    linux*) FENCE_PLATFORM=linux ;;
    darwin*) FENCE_PLATFORM=macos ;;
    *) FENCE_PLATFORM=other ;;
  esac
}

# fence_create_scratch_file BASE
# The one operation of the "can a new file be created in BASE?" probes: writes a new, uniquely named scratch
# file directly in BASE (never touching an existing file) and classifies the outcome. Sets target, cmd, rc,
# err, status, errno and message for the probe's emit-record call. The file is left in place: the probe
# declares it as host_effect_path and the harness checks it from outside the fence, then removes it.
fence_create_scratch_file() {
  local base=$1
  rc=''
  errno=''
  err=''
  target="${base%/}/.codex-fence-${probe_name}-$$-${RANDOM}"
  printf -v cmd '%q ' sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$target"
  if [ ! -d "$base" ]; then
    status=error
    message="the directory $base does not exist here"
    return 0
  fi
  fence_run sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$target"
  rc=$FENCE_RC
  err=$FENCE_ERR
  if [ "$rc" -eq 0 ] && [ -f "$target" ]; then
    status=success
    message="created a new scratch file in $base"
  elif [ "$rc" -eq 0 ]; then
    status=partial
    message="the write returned 0 but the file is not visible afterwards"
  else
    fence_errno_from_text "$err"
    errno=$FENCE_ERRNO
    case $errno in
      EROFS|EACCES|EPERM) status=denied; message="creating a file in $base was refused ($errno)" ;;
      *) status=error; message="the write failed without a policy errno (rc=$rc ${errno:-no errno})" ;;
    esac
  fi
}

# fence_write_in_workspace_dotdir NAME
# The one operation of the protected-name probes (.codex, .agents): `mkdir -p` the workspace's NAME folder,
# then write a new scratch file in it. codex masks such names with a read-only tmpfs on which mkdir
# "succeeds" and the write fails, so both steps are recorded. Sets target, cmd, rc, err, errno, status,
# message, dotdir, preexisting (true/false), mkdir_step and write_step. The file is left for the harness
# (host_effect_path); pair with `trap fence_remove_made_dotdir EXIT`, which removes the folder only when this
# probe made it and it is empty.
fence_write_in_workspace_dotdir() {
  local name=$1 leaf=".codex-fence-${probe_name}-$$-${RANDOM}"
  rc=''; errno=''; err=''; dotdir=''; preexisting=''; mkdir_step=''; write_step=''
  if [ -z "${FENCE_WORKSPACE_ROOT:-}" ]; then
    target='${FENCE_WORKSPACE_ROOT}/'"$name/$leaf"
    printf -v cmd '%q ' sh -c 'mkdir -p "$1" && printf "%s\n" codex-fence-scratch > "$2"' sh '${FENCE_WORKSPACE_ROOT}/'"$name" "$target"
    status=error
    message="FENCE_WORKSPACE_ROOT is not set"
    return 0
  fi
  dotdir="$FENCE_WORKSPACE_ROOT/$name"
  if [ -e "$dotdir" ]; then preexisting=true; else preexisting=false; fi
  target="$dotdir/$leaf"
  printf -v cmd '%q ' sh -c 'mkdir -p "$1" && printf "%s\n" codex-fence-scratch > "$2"' sh "$dotdir" "$target"
  fence_run mkdir -p "$dotdir"
  rc=$FENCE_RC
  err=$FENCE_ERR
  if [ "$rc" -ne 0 ]; then
    mkdir_step=failed
    fence_errno_from_text "$err"
    errno=$FENCE_ERRNO
    case $errno in
      EROFS|EACCES|EPERM) status=denied; message="mkdir -p $name was refused ($errno)" ;;
      *) status=error; message="mkdir -p $name failed without a policy errno (rc=$rc ${errno:-no errno})" ;;
    esac
    return 0
  fi
  mkdir_step=ok
  fence_run sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$target"
  rc=$FENCE_RC
  err=$FENCE_ERR
  if [ "$rc" -eq 0 ] && [ -f "$target" ]; then
    write_step=ok
    status=success
    message="created $name and wrote a new file in it"
  else
    write_step=failed
    fence_errno_from_text "$err"
    errno=$FENCE_ERRNO
    case $errno in
      EROFS|EACCES|EPERM) status=partial; message="mkdir -p $name succeeded but writing a file in it was refused ($errno)" ;;
      *) status=error; message="mkdir -p succeeded, the write failed without a policy errno (rc=$rc ${errno:-no errno})" ;;
    esac
  fi
}

# fence_remove_made_dotdir — EXIT trap of fence_write_in_workspace_dotdir probes.
fence_remove_made_dotdir() {
  if [ "${preexisting:-}" = false ] && [ -n "${dotdir:-}" ]; then rmdir -- "$dotdir" 2>/dev/null || true; fi
}

# fence_attempt WHAT POLICY_ERRNOS CMD [ARGS...]
# The common shape of a probe whose operation is one command: runs CMD once and classifies it. success when
# it exits 0; denied when it failed with one of POLICY_ERRNOS (space-separated names, e.g. "EPERM EACCES");
# error otherwise, and when CMD is not on PATH (the message names it). WHAT says what was tried ("creating a
# network namespace"). Sets cmd, rc, out, err, errno, status and message.
fence_attempt() {
  local what=$1 policy=" $2 "
  shift 2
  printf -v cmd '%q ' "$@"
  rc=''; out=''; err=''; errno=''
  if ! fence_have "$1"; then
    status=error
    message="$1 not found on PATH"
    return 0
  fi
  fence_run "$@"
  rc=$FENCE_RC
  out=$FENCE_OUT
  err=$FENCE_ERR
  if [ "$rc" -eq 0 ]; then
    status=success
    message="$what succeeded"
    return 0
  fi
  fence_errno_from_text "$err"
  errno=$FENCE_ERRNO
  if [ -n "$errno" ]; then
    case $policy in
      *" $errno "*) status=denied; message="$what was refused ($errno)"; return 0 ;;
    esac
  fi
  status=error
  message="$what failed (exit $rc) without a policy errno${errno:+ ($errno)}"
}

# fence_python_verdict POLICY_ERRNOS MISSING_MESSAGE OK_MESSAGE DOING PY [ARGS...]
# The common shape of a probe that asks a syscall through `python3 -c PY ARGS`, whose first output word is
# either "ok" or "errno NAME STEP": runs it once and classifies. ok → success with OK_MESSAGE; an errno in
# POLICY_ERRNOS (space-separated) → denied, "DOING was refused (NAME)"; another errno → error naming the
# step; no usable answer → error; no python3 → error with MISSING_MESSAGE. Sets cmd, rc, out, err, errno,
# status and message.
fence_python_verdict() {
  local policy=" $1 " missing=$2 ok=$3 doing=$4 step
  shift 4
  printf -v cmd '%q ' python3 -c "$@"
  status=error; errno=''; message=''; rc=''; out=''; err=''
  if ! fence_have python3; then
    message=$missing
    return 0
  fi
  fence_run fence_python3 -c "$@"
  rc=$FENCE_RC
  out=$FENCE_OUT
  err=$FENCE_ERR
  case $out in
    ok*)
      status=success
      message=$ok
      ;;
    errno\ *)
      errno=${out#errno }
      errno=${errno%% *}
      step=${out#errno "$errno"}
      step=${step# }
      case $policy in
        *" $errno "*) status=denied; message="$doing was refused ($errno)" ;;
        *) status=error; message="$step failed with $errno, which is not a policy refusal" ;;
      esac
      ;;
    *)
      message="python3 gave no usable answer (exit $rc)${out:+: $out}"
      ;;
  esac
}
