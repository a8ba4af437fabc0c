# probe-lib.sh — the functions probes source:  . "$FENCE_BIN/probe-lib.sh"
# shellcheck shell=bash
# shellcheck disable=SC2034 # the functions set the record variables below for the probe that sources this file
#
# Bash 3.2 compatible. Sourcing it defines functions only: it sets no variable, prints nothing, and starts no process.
#
# A probe reports through variables named the same in every probe; the functions below set them, each one those its
# comment lists after "Sets" (ProbeLibOutputsTest checks that it sets exactly those):
#   cmd      the command as recorded (run.command)            target   what the operation acts on (operation.target)
#   rc       the exit code of the step that decided, or empty  out err  that step's stdout and stderr
#   errno    the errno name of a refusal or failure, or empty  status   success, denied, partial or error
#   message  what happened, in one sentence                    step     the step a Python answer names (Python only)
# The low-level functions set FENCE_* variables instead: fence_run FENCE_OUT, FENCE_ERR and FENCE_RC;
# fence_errno_from_text FENCE_ERRNO; fence_platform FENCE_PLATFORM; fence_count_lines FENCE_LINES (a function that
# calls one of them sets its FENCE_* variables too).
#
# Messages given to the classifying functions are templates: {errno} stands for the errno name (or "no errno" when
# there is none), {rc} for the exit code, {step} for the step a Python answer names, {answer} for the Python answer
# after its leading "ok ". Any other text in braces stays as it is.

# fence_emit [EMIT-RECORD FLAGS...]
# The probe's one observation: runs "$FENCE_BIN/emit-record" with the probe's declarations (probe_name,
# probe_version, primary_capability_id and each id of secondary_capability_ids) followed by FLAGS: the command,
# operation, result and payload flags. The run mode is emit-record's own default, $FENCE_RUN_MODE, else baseline.
# The engine counts a fence_emit call as the probe's one emit-record call (probes/README.md). Sets nothing.
fence_emit() {
  local ids=${secondary_capability_ids:-} id
  while :; do
    ids=${ids#"${ids%%[![:space:]]*}"}
    [[ -n $ids ]] || break
    id=${ids%%[[:space:]]*}
    ids=${ids#"$id"}
    set -- "$@" --secondary-capability-id "$id"
  done
  "$FENCE_BIN/emit-record" --probe-name "${probe_name:-}" --probe-version "${probe_version:-}" \
    --primary-capability-id "${primary_capability_id:-}" "$@"
}

# fence_run CMD [ARGS...]
# Runs CMD once, stdin from /dev/null, and captures its stdout, stderr and exit code without tripping `set -e`.
# CMD runs in a subshell, so it cannot change the caller's variables or directory.
# Sets FENCE_OUT and FENCE_ERR (each without trailing newlines) and FENCE_RC.
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

# fence_try CMD [ARGS...]
# Records and runs one command: fence_run CMD ARGS, with cmd set to the command as recorded. True when it exited 0.
# Sets cmd, rc, out, err.
fence_try() {
  printf -v cmd '%q ' "$@"
  fence_run "$@"
  rc=$FENCE_RC
  out=$FENCE_OUT
  err=$FENCE_ERR
  [[ $rc == 0 ]]
}

# fence_errno_from_text TEXT
# Finds the errno name whose strerror text (Linux glibc/musl or macOS) appears in TEXT; the most specific messages
# are tested first. Sets FENCE_ERRNO (empty when no text matches).
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

# fence_classify_failure POLICY_ERRNOS REFUSED FAILED
# The verdict on a step that failed (rc non-zero, stderr in err): errno is the errno name found in err; the step was
# refused by policy (status denied, message REFUSED) when errno is one of POLICY_ERRNOS (space-separated), and failed
# otherwise (status error, message FAILED). REFUSED and FAILED are templates (see the top of this file), e.g.
#   fence_classify_failure "EACCES EPERM" "reading $target was refused ({errno})" "could not read $target (rc={rc} {errno})"
# Sets errno, status, message.
fence_classify_failure() {
  fence_errno_from_text "${err:-}"
  errno=$FENCE_ERRNO
  fence_classify_errno "$@"
}

# fence_classify_errno POLICY_ERRNOS REFUSED FAILED
# The decision of fence_classify_failure for an errno the probe found itself (in a Python answer, say): status denied
# with message REFUSED when errno is one of POLICY_ERRNOS, else status error with message FAILED (templates).
# Sets status, message.
fence_classify_errno() {
  if [[ -n ${errno:-} && " $1 " == *" $errno "* ]]; then
    status=denied
    _fence_message "$2"
  else
    status=error
    _fence_message "$3"
  fi
}

# _fence_message TEMPLATE — fills in the placeholders of TEMPLATE (see the top of this file). Sets message.
_fence_message() {
  local rest=$1 text='' key lb='{' rb='}'
  while [[ $rest == *"$lb"* ]]; do
    text=$text${rest%%"$lb"*}
    rest=${rest#*"$lb"}
    key=${rest%%"$rb"*}
    if [[ $key == "$rest" ]]; then key=''; fi
    case $key in
      errno) text=$text${errno:-no errno} ;;
      rc) text=$text${rc:-} ;;
      step) text=$text${step:-} ;;
      answer) text=$text${out#ok } ;;
      *) text=$text$lb; continue ;;
    esac
    rest=${rest#*"$rb"}
  done
  message=$text$rest
}

# fence_have TOOL — true when TOOL is a command on PATH. Sets nothing.
fence_have() {
  command -v "$1" >/dev/null 2>&1
}

# fence_python3 [ARGS...]
# Runs the python3 that PATH gives this probe, without paying for a launcher in front of it: the harness resolves
# python3 once per run, with the probes' own PATH and environment, to the interpreter it starts (sys.executable: e.g.
# past a pyenv shim, which costs ~0.4 s a call; a venv's python3 stays the venv's) and hands it over as FENCE_PYTHON3.
# Without it (a probe run by hand), or when it is not executable, this is plain `python3 ARGS`. Sets nothing.
fence_python3() {
  if [[ -n ${FENCE_PYTHON3:-} && -x $FENCE_PYTHON3 ]]; then
    "$FENCE_PYTHON3" "$@"
  else
    python3 "$@"
  fi
}

# fence_python_run [--require VAR | --unable WHY]... MISSING PY [ARGS...]
# Runs a Python program once, as `python3 -c PROGRAM ARGS` (through fence_python3), where PROGRAM is the shared
# prelude followed by PY. The prelude imports errno, os and sys and defines
#   name(n)        the errno name of the number n ("EUNKNOWN" for 0)
#   in_child(act)  calls act() in a forked child and returns its answer: "ok", or "errno NAME" when act raised OSError
# The run is skipped, and the function returns 1 with status error, when python3 is not on PATH (message MISSING),
# when a harness variable VAR is unset or empty (message "VAR is not set; the harness must export it"), or when a WHY
# is not empty (message WHY: the probe found that it cannot ask here); call it in a condition. Sets cmd (the command
# as recorded, naming python3), rc, out, err, and resets errno, step, status (error) and message for the caller.
fence_python_run() {
  local vars='' why='' var program prelude='import errno, os, sys
def name(n):
    return errno.errorcode.get(n, "ERRNO_%d" % n) if n else "EUNKNOWN"
def in_child(act):
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        answer = b"nothing"
        try:
            os.close(r)
            act()
            answer = b"ok"
        except OSError as e:
            answer = ("errno " + name(e.errno)).encode()
        finally:
            os.write(w, answer)
            os._exit(0)
    os.close(w)
    answer = os.read(r, 200).decode() or "nothing"
    os.waitpid(pid, 0)
    return answer
'
  while :; do
    case ${1:-} in
      --require) vars="$vars $2" ;;
      --unable) why=${why:-$2} ;;
      *) break ;;
    esac
    shift 2
  done
  message=$1
  program=$prelude$2
  shift 2
  printf -v cmd '%q ' python3 -c "$program" "$@"
  rc='' out='' err='' errno='' step='' status=error
  if ! fence_have python3; then
    return 1
  fi
  for var in $vars; do
    if [[ -z ${!var:-} ]]; then
      message="$var is not set; the harness must export it"
      return 1
    fi
  done
  if [[ -n $why ]]; then
    message=$why
    return 1
  fi
  message=''
  fence_run fence_python3 -c "$program" "$@"
  rc=$FENCE_RC
  out=$FENCE_OUT
  err=$FENCE_ERR
}

# fence_python_verdict POLICY_ERRNOS OK REFUSED [--require VAR | --unable WHY]... MISSING PY [ARGS...]
# The whole operation of a probe that asks the kernel through a Python program (fence_python_run) whose answer, its
# first output line, starts with "ok" or is "errno NAME STEP": "ok…" is success with message OK; an errno of
# POLICY_ERRNOS (space-separated) is denied with message REFUSED; another errno is error ("STEP failed with NAME, which
# is not a policy refusal"); anything else is error ("python3 gave no usable answer"). OK and REFUSED are templates
# (see the top of this file). Sets cmd, rc, out, err, errno, step, status and message.
fence_python_verdict() {
  local policy=$1 ok=$2 refused=$3
  shift 3
  fence_python_run "$@" || return 0
  case $out in
    ok*)
      status=success
      _fence_message "$ok"
      ;;
    errno\ *)
      errno=${out#errno }
      errno=${errno%% *}
      step=${out#errno "$errno"}
      step=${step# }
      fence_classify_errno "$policy" "$refused" '{step} failed with {errno}, which is not a policy refusal'
      ;;
    *)
      message="python3 gave no usable answer (exit $rc)${out:+: $out}"
      ;;
  esac
}

# fence_platform — Sets FENCE_PLATFORM to linux, macos or other, from $OSTYPE (no subprocess).
fence_platform() {
  case ${OSTYPE:-} in
    linux*) FENCE_PLATFORM=linux ;;
    darwin*) FENCE_PLATFORM=macos ;;
    *) FENCE_PLATFORM=other ;;
  esac
}

# fence_attempt WHAT POLICY_ERRNOS CMD [ARGS...]
# The whole operation of a probe whose operation is one command: runs CMD once and classifies it. success when it
# exits 0; denied when it failed with one of POLICY_ERRNOS (space-separated names, e.g. "EPERM EACCES"); error
# otherwise, and when CMD is not on PATH (the message names it). WHAT says what was tried ("creating a network
# namespace"). Sets cmd, rc, out, err, errno, status and message.
fence_attempt() {
  local what=$1 policy=" $2 "
  shift 2
  printf -v cmd '%q ' "$@"
  rc='' out='' err='' errno=''
  if ! fence_have "$1"; then
    status=error
    message="$1 not found on PATH"
    return 0
  fi
  if fence_try "$@"; then
    status=success
    message="$what succeeded"
    return 0
  fi
  fence_errno_from_text "$err"
  errno=$FENCE_ERRNO
  if [[ -n $errno && $policy == *" $errno "* ]]; then
    status=denied
    message="$what was refused ($errno)"
    return 0
  fi
  status=error
  message="$what failed (exit $rc) without a policy errno${errno:+ ($errno)}"
}

# fence_create_scratch_file BASE
# The one operation of the "can a new file be created in BASE?" probes: writes a new, uniquely named scratch file
# (.codex-fence-<probe>-$$-$RANDOM) directly in BASE, never touching an existing file, and classifies the outcome
# (EROFS, EACCES, EPERM: denied). The file is left in place: the probe declares it as host_effect_path and the
# harness checks it from outside the fence, then removes it. Sets target, cmd, rc, err, errno, status, message.
fence_create_scratch_file() {
  local base=$1
  rc='' errno='' err=''
  target="${base%/}/.codex-fence-${probe_name}-$$-${RANDOM}"
  printf -v cmd '%q ' sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$target"
  if [[ ! -d $base ]]; then
    status=error
    message="the directory $base does not exist here"
    return 0
  fi
  fence_run sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$target"
  rc=$FENCE_RC
  err=$FENCE_ERR
  if [[ $rc == 0 && -f $target ]]; then
    status=success
    message="created a new scratch file in $base"
  elif [[ $rc == 0 ]]; then
    status=partial
    message="the write returned 0 but the file is not visible afterwards"
  else
    fence_classify_failure "EROFS EACCES EPERM" "creating a file in $base was refused ({errno})" \
      "the write failed without a policy errno (rc={rc} {errno})"
  fi
}

# fence_write_in_workspace_dotdir NAME
# The one operation of the protected-name probes (.codex, .agents): `mkdir -p` the workspace's NAME folder, then
# write a new scratch file (.codex-fence-<probe>-$$-$RANDOM) in it. codex masks such names with a read-only tmpfs on
# which mkdir "succeeds" and the write fails, so both steps are recorded: a refused write after a mkdir that passed
# is partial. The file is left for the harness (host_effect_path); pair with `trap fence_remove_made_dotdir EXIT`,
# which removes the folder only when this probe made it and it is empty.
# Sets target, cmd, rc, err, errno, status, message, dotdir, preexisting (true/false), mkdir_step and write_step.
fence_write_in_workspace_dotdir() {
  local name=$1 leaf=".codex-fence-${probe_name}-$$-${RANDOM}"
  rc='' errno='' err='' dotdir='' preexisting='' mkdir_step='' write_step=''
  if [[ -z ${FENCE_WORKSPACE_ROOT:-} ]]; then
    target='${FENCE_WORKSPACE_ROOT}/'"$name/$leaf"
    printf -v cmd '%q ' sh -c 'mkdir -p "$1" && printf "%s\n" codex-fence-scratch > "$2"' sh '${FENCE_WORKSPACE_ROOT}/'"$name" "$target"
    status=error
    message="FENCE_WORKSPACE_ROOT is not set"
    return 0
  fi
  dotdir="$FENCE_WORKSPACE_ROOT/$name"
  if [[ -e $dotdir ]]; then preexisting=true; else preexisting=false; fi
  target="$dotdir/$leaf"
  printf -v cmd '%q ' sh -c 'mkdir -p "$1" && printf "%s\n" codex-fence-scratch > "$2"' sh "$dotdir" "$target"
  fence_run mkdir -p "$dotdir"
  rc=$FENCE_RC
  err=$FENCE_ERR
  if [[ $rc != 0 ]]; then
    mkdir_step=failed
    fence_classify_failure "EROFS EACCES EPERM" "mkdir -p $name was refused ({errno})" \
      "mkdir -p $name failed without a policy errno (rc={rc} {errno})"
    return 0
  fi
  mkdir_step=ok
  fence_run sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$target"
  rc=$FENCE_RC
  err=$FENCE_ERR
  if [[ $rc == 0 && -f $target ]]; then
    write_step=ok
    status=success
    message="created $name and wrote a new file in it"
    return 0
  fi
  write_step=failed
  fence_classify_failure "EROFS EACCES EPERM" "mkdir -p $name succeeded but writing a file in it was refused ({errno})" \
    "mkdir -p succeeded, the write failed without a policy errno (rc={rc} {errno})"
  if [[ $status == denied ]]; then status=partial; fi
}

# fence_remove_made_dotdir — the EXIT trap of fence_write_in_workspace_dotdir probes. Sets nothing.
fence_remove_made_dotdir() {
  if [[ ${preexisting:-} == false && -n ${dotdir:-} ]]; then rmdir -- "$dotdir" 2>/dev/null || true; fi
}

# fence_count_lines TEXT — counts the lines of TEXT without a subprocess (0 when TEXT is empty; a last line needs no
# newline): as many as `printf '%s\n' TEXT | wc -l`. Sets FENCE_LINES.
fence_count_lines() {
  local rest=$1
  FENCE_LINES=0
  if [[ -n $rest ]]; then
    FENCE_LINES=1
    while [[ $rest == *$'\n'* ]]; do
      rest=${rest#*$'\n'}
      FENCE_LINES=$((FENCE_LINES + 1))
    done
  fi
}

# The near-twin probes: one function each for probes that differ only in what they name.

# fence_list_metadata PATH SHOWN
# Lists the folder PATH (ls -1A) and records its metadata only: whether it exists, its type and its number of entries,
# never their names. SHOWN is how messages name it (~/Documents). A folder that does not exist is a success
# (exists=false: the lookup was allowed); a refused listing is denied (EACCES, EPERM), with what the metadata still
# shows. Sets target, cmd, rc, out, err, errno, status, message, exists, kind and entries.
fence_list_metadata() {
  local shown=$2
  target=$1
  exists='' kind='' entries='' errno=''
  if fence_try ls -1A "$target"; then
    exists=true
    if [[ -d $target ]]; then kind=directory; else kind=other; fi
    fence_count_lines "$out"
    entries=$FENCE_LINES
    status=success
    message="listed $shown ($entries entries; names not recorded)"
    return 0
  fi
  fence_classify_failure "EACCES EPERM" "listing $shown was refused ({errno})" \
    "ls $shown failed without a policy errno (rc={rc} {errno})"
  if [[ $errno == ENOENT ]]; then
    exists=false errno='' status=success
    message="$shown does not exist; the lookup was allowed (ENOENT)"
  elif [[ $status == denied && -d $target ]]; then
    # a refused listing may still leave the metadata visible
    exists=true kind=directory
  fi
}

# fence_list_home_folder NAME — fence_list_metadata of $HOME/NAME, shown as ~/NAME; error when HOME is not set.
# Sets target, cmd, rc, out, err, errno, status, message, exists, kind and entries.
fence_list_home_folder() {
  local shown=\~/"$1"
  if [[ -n ${HOME:-} ]]; then
    fence_list_metadata "$HOME/$1" "$shown"
    return 0
  fi
  target=$shown
  printf -v cmd '%q ' ls -1A "$target"
  rc='' out='' err='' errno='' exists='' kind='' entries='' status=error
  message="HOME is not set"
}

# fence_open_first_for_write CANDIDATE...
# Opens the first CANDIDATE file that exists for writing and closes it at once, without writing (a /proc/sys or /sys
# knob): success when the open works; denied on EROFS, EACCES, EPERM or EIO. target is the file opened (the first
# candidate until one is). Sets target, cmd, rc, out, err, errno, step, status and message.
fence_open_first_for_write() {
  local py='for path in sys.argv[1:]:
    if os.path.exists(path):
        break
else:
    print("missing none of the candidate files exists")
    sys.exit(0)
try:
    fd = os.open(path, os.O_WRONLY)
    os.close(fd)
    print("ok opened path=%s" % path)
except OSError as e:
    print("errno %s open path=%s" % (name(e.errno), path))'
  target=$1
  fence_python_verdict "EROFS EACCES EPERM EIO" '' '' "python3 not found on PATH; it is needed to open the file" "$py" "$@"
  case $out in
    *path=*) target=${out##*path=} ;;
  esac
  case $status in
    success) message="$target opened for writing and closed; nothing was written, so whether a write would land is not tested" ;;
    denied) message="opening $target for writing was refused ($errno)" ;;
  esac
}

# fence_write_and_run_script DIR WHERE MISSING
# Writes a small shell script (.codex-fence-<probe>-$$-$RANDOM.sh) into DIR and executes it: success when it ran and
# printed its marker; denied when the write was refused (EROFS, EACCES, EPERM); partial when the write passed and the
# exec was refused (EACCES, EPERM); error otherwise, and with message MISSING when DIR is empty or no folder. WHERE
# names DIR in messages ("in /tmp"). The script is left for the harness (host_effect_path).
# Sets script, target (the script), cmd, rc, out, err, errno, status, message, write_step and exec_step.
fence_write_and_run_script() {
  local dir=$1 where=$2
  script="$dir/.codex-fence-${probe_name}-$$-${RANDOM}.sh"
  target=$script
  printf -v cmd '%q ' "$script"
  rc='' out='' err='' errno='' status=error message='' write_step=not-run exec_step=not-run
  if [[ -z $dir || ! -d $dir ]]; then
    message=$3
    return 0
  fi
  fence_run _fence_write_script "$script"
  if [[ $FENCE_RC != 0 ]]; then
    rc=$FENCE_RC
    err=$FENCE_ERR
    fence_classify_failure "EROFS EACCES EPERM" "writing the script $where was refused ({errno}), so it could not be executed" \
      "writing the script $where failed (exit {rc})"
    write_step=${errno:-failed}
    return 0
  fi
  write_step=ok
  if fence_try "$script" && [[ $out == codex-fence-script-ran ]]; then
    exec_step=ok
    status=success
    message="wrote and executed a script $where"
    return 0
  fi
  fence_classify_failure "EACCES EPERM" "writing the script $where worked but executing it was refused ({errno})" \
    "the script $where was written but exited {rc} without its output"
  exec_step=${errno:-failed}
  if [[ $status == denied ]]; then status=partial; fi
}

# _fence_write_script FILE — writes the script of fence_write_and_run_script and makes it executable.
_fence_write_script() {
  printf '#!/bin/sh\necho codex-fence-script-ran\n' >"$1" && chmod 755 "$1"
}

# fence_tcp_connect WHAT POLICY_ERRNOS [--require VAR | --unable WHY]... HOST PORT
# Opens a TCP connection to HOST:PORT (2 s timeout) and closes it: success when it connects; denied when a step
# (socket, getaddrinfo, connect) fails with one of POLICY_ERRNOS. WHAT names the peer in messages ("the outbound
# target"); --require and --unable as for fence_python_run (a VAR names the harness variable HOST or PORT comes from).
# Sets target (HOST:PORT, "unset" for a missing part), cmd, rc, out, err, errno, step, status and message.
fence_tcp_connect() {
  local what=$1 policy=$2 host port py='import socket
host, port = sys.argv[1], int(sys.argv[2])
family = socket.AF_INET6 if ":" in host else socket.AF_INET
try:
    s = socket.socket(family, socket.SOCK_STREAM)
except OSError as e:
    print("errno %s socket" % name(e.errno))
    sys.exit(0)
s.settimeout(2)
try:
    s.connect((host, port))
    print("ok connected")
except socket.timeout:
    print("errno ETIMEDOUT connect")
except socket.gaierror as e:
    print("errno EAI_%s getaddrinfo" % ("AGAIN" if e.errno == socket.EAI_AGAIN else "NONAME"))
except OSError as e:
    print("errno %s connect" % name(e.errno))
finally:
    s.close()'
  shift 2
  while [[ ${1:-} == --require || ${1:-} == --unable ]]; do
    set -- "$@" "$1" "$2"
    shift 2
  done
  host=${1:-}
  port=${2:-}
  shift 2
  target="${host:-unset}:${port:-unset}"
  fence_python_verdict "$policy" "TCP connect to $what $target succeeded" "TCP to $what $target was refused at {step} ({errno})" \
    "$@" "python3 not found on PATH; it is needed to open a TCP connection" "$py" "$host" "$port"
}

# fence_forked_setid uid|gid
# Asks whether a forked child may switch its uid (or gid) to 65534 (nobody, nogroup): success when setuid (setgid)
# works; denied on EPERM, EACCES or EINVAL (65534 unmapped in a user namespace). Sets target, cmd, rc, out, err,
# errno, step, status and message.
fence_forked_setid() {
  local id=$1
  target="set$id 65534"
  fence_python_verdict "EPERM EACCES EINVAL" "a forked child changed its $id to 65534" \
    "set$id(65534) in a forked child was refused ({errno})" \
    "python3 not found on PATH; it is needed to call set$id in a forked child" \
    "print(\"%s set$id\" % in_child(lambda: os.set$id(65534)))"
}

# fence_socket_create ARGS WHAT
# Creates (and closes) a socket, socket.socket(ARGS) in Python (ARGS e.g. "socket.AF_INET, socket.SOCK_STREAM"):
# success when it is made; denied on EPERM or EACCES. WHAT names it in messages ("an AF_INET stream socket").
# Sets cmd, rc, out, err, errno, step, status and message.
fence_socket_create() {
  fence_python_verdict "EPERM EACCES" "created (and closed) $2" "creating $2 was refused ({errno})" \
    "python3 not found on PATH; it is needed to call socket()" "import socket
try:
    s = socket.socket($1)
    s.close()
    print(\"ok created\")
except OSError as e:
    print(\"errno %s socket\" % name(e.errno))"
}

# fence_exec_tool TOOL [ARGS...]
# Executes TOOL, a program outside the workspace (a compiler, git, an interpreter), once with ARGS: fence_attempt
# "exec of TOOL" with the policy errnos EACCES and EPERM. target is the path PATH gives for TOOL (TOOL itself when it
# has none). Sets target, cmd, rc, out, err, errno, status and message.
fence_exec_tool() {
  fence_attempt "exec of $1" "EACCES EPERM" "$@"
  target=$(command -v "$1" || printf '%s' "$1")
}

# fence_read_in_workspace PATH FAILED
# Reads the workspace file PATH (relative to $FENCE_WORKSPACE_ROOT) with cat: status success when it can be read (the
# probe then says what it found; out holds the bytes, which a probe records only for its own fixtures), denied on
# EACCES or EPERM ("reading PATH was refused"), error otherwise with message FAILED (a template), and error when
# FENCE_WORKSPACE_ROOT is not set. Sets target, cmd, rc, out, err, errno, status and message.
fence_read_in_workspace() {
  rc='' out='' err='' errno='' message=''
  if [[ -z ${FENCE_WORKSPACE_ROOT:-} ]]; then
    target='${FENCE_WORKSPACE_ROOT}/'"$1"
    printf -v cmd '%q ' cat "$target"
    status=error
    message="FENCE_WORKSPACE_ROOT is not set"
  elif fence_try cat "$FENCE_WORKSPACE_ROOT/$1"; then
    target="$FENCE_WORKSPACE_ROOT/$1"
    status=success
  else
    target="$FENCE_WORKSPACE_ROOT/$1"
    fence_classify_failure "EACCES EPERM" "reading $1 was refused ({errno})" "$2"
  fi
}

# fence_grep_codex_config ABSENT GREP_ARGS...
# Greps the codex configuration that a child of codex reads, ${CODEX_HOME:-$HOME/.codex}/config.toml, with
# `grep GREP_ARGS FILE`, so that only matching lines or counts reach the probe, never the rest of the file. True
# when grep answered (exit 0 or 1; out holds what it printed): the probe then judges. False otherwise, with the
# verdict set: success with message ABSENT when there is no such file (exists=false); error when neither CODEX_HOME
# nor HOME is set, or grep is missing; denied on EACCES or EPERM. Sets target, cmd, rc, out, err, errno, status,
# message and exists.
fence_grep_codex_config() {
  local absent=$1
  shift
  rc='' out='' err='' errno='' exists='' status=error message=''
  if [[ -n ${CODEX_HOME:-} || -n ${HOME:-} ]]; then
    target="${CODEX_HOME:-$HOME/.codex}/config.toml"
  else
    target='${CODEX_HOME:-$HOME/.codex}/config.toml'
  fi
  printf -v cmd '%q ' grep "$@" "$target"
  if [[ -z ${CODEX_HOME:-} && -z ${HOME:-} ]]; then
    message="neither CODEX_HOME nor HOME is set"
  elif ! fence_have grep; then
    message="the tool grep is not on PATH"
  elif [[ ! -e $target ]]; then
    exists=false status=success message=$absent
  else
    exists=true
    fence_try grep "$@" "$target" && return 0
    [[ $rc == 1 ]] && return 0
    fence_classify_failure "EACCES EPERM" "reading the codex config was refused ({errno})" \
      "grep on the codex config failed (rc={rc} {errno})"
  fi
  return 1
}

# fence_workspace_link_to_outside
# Prepares the probes that link a workspace entry to the harness's file outside the workspace: fixture is
# $FENCE_OUTSIDE_DIR/outside.txt and target a new workspace name (.codex-fence-<probe>-$$-$RANDOM); the placeholder
# texts of both when a variable is unset. False, with status error and the message, when FENCE_WORKSPACE_ROOT or
# FENCE_OUTSIDE_DIR is unset or the fixture is missing. Sets fixture, target, rc, err, errno, status and message.
fence_workspace_link_to_outside() {
  rc='' err='' errno='' status='' message=''
  fixture='${FENCE_OUTSIDE_DIR}/outside.txt'
  if [[ -z ${FENCE_WORKSPACE_ROOT:-} ]]; then
    target='${FENCE_WORKSPACE_ROOT}/.codex-fence-'"$probe_name"
    message="FENCE_WORKSPACE_ROOT is not set"
  elif [[ -z ${FENCE_OUTSIDE_DIR:-} ]]; then
    target="$FENCE_WORKSPACE_ROOT/.codex-fence-$probe_name"
    message="FENCE_OUTSIDE_DIR is not set"
  else
    fixture="$FENCE_OUTSIDE_DIR/outside.txt"
    target="$FENCE_WORKSPACE_ROOT/.codex-fence-${probe_name}-$$-${RANDOM}"
    if [[ -f $fixture ]]; then
      return 0
    fi
    message="the fixture \$FENCE_OUTSIDE_DIR/outside.txt is missing"
  fi
  status=error
  return 1
}

# fence_read_sysctl NAME [OPTION...]
# Reads the sysctl NAME with `sysctl OPTIONS NAME`: success when it prints a value (lines counts its lines); denied
# on EACCES or EPERM. Sets target (NAME), cmd, rc, out, err, errno, status, message and lines.
fence_read_sysctl() {
  target=$1
  shift
  set -- sysctl "$@" "$target"
  printf -v cmd '%q ' "$@"
  rc='' out='' err='' errno='' lines=''
  if ! fence_have sysctl; then
    status=error
    message="the tool sysctl is not on PATH"
  elif fence_try "$@" && [[ -n $out ]]; then
    fence_count_lines "$out"
    lines=$FENCE_LINES
    status=success
    message="sysctl $target answered ($lines line(s))"
  else
    fence_classify_failure "EACCES EPERM" "sysctl $target was refused ({errno})" "sysctl $target gave no value (rc={rc} {errno})"
  fi
}
