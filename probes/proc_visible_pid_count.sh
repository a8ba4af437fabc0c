#!/usr/bin/env bash
# How many processes can the probe see in /proc, and do they include processes outside its own chain?
set -euo pipefail

probe_name="proc_visible_pid_count"
probe_version="2"
primary_capability_id="cap_proc_host_process_visibility"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=/proc
IFS= read -r -d '' py <<'PY' || true
me = os.getpid()
pids = [int(d) for d in os.listdir("/proc") if d.isdigit()]
parent = {}
for p in pids:
    try:
        with open("/proc/%d/stat" % p) as f:
            s = f.read()
        parent[p] = int(s[s.rindex(")") + 2:].split()[1])
    except (OSError, ValueError, IndexError):
        pass
related = set()
p = me
while p in parent and p not in related:
    related.add(p)
    p = parent[p]
related.add(p)
for q in pids:
    seen = set()
    x = q
    while x in parent and x not in seen:
        if x == me:
            related.add(q)
            break
        seen.add(x)
        x = parent[x]
foreign = len([q for q in pids if q not in related])
print("ok total=%d foreign=%d" % (len(pids), foreign))
PY
total='' foreign='' unable=''
if [[ ! -d /proc/self ]]; then unable="/proc is not mounted"; fi
if fence_python_run --unable "$unable" "python3 not found on PATH; it is needed to walk /proc" "$py"; then
  case $out in
    ok\ total=*)
      total=${out#*total=}
      total=${total%% *}
      foreign=${out#*foreign=}
      if [[ $foreign -gt 0 ]]; then
        status=success
        message="/proc lists $total processes, $foreign of them outside the probe's own ancestry and descendants"
      else
        status=denied errno=ESRCH
        message="/proc lists only the probe's own process chain ($total processes): other processes are hidden"
      fi
      ;;
    *)
      fence_errno_from_text "$err"
      errno=$FENCE_ERRNO
      message="walking /proc failed (exit $rc)"
      ;;
  esac
fi

fence_emit --command "$cmd" --category process --verb list --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field pid_count "$total" \
  --payload-raw-field foreign_pid_count "$foreign"
