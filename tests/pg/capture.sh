#!/usr/bin/env bash
# capture.sh: a packet capture of one TCP port on loopback (tcpdump; needs root). Source it:
#   capture_start FILE PORT   # tcpdump -i lo on PORT into FILE (pcap); returns once it listens
#   capture_stop              # returns once every packet sent so far is in FILE, then stops it
# tcpdump may still hold packets the kernel gave it when it is told to stop: capture_stop first
# connects to a closed sentinel port that the filter also takes, and waits until that SYN is in
# the file (each packet is written as it comes, -U), so everything before it is there too. Every
# wait is bounded (CAPTURE_TIMEOUT seconds, default 30); tests/pg/pg_capture.py reads the file.

CAPTURE_TIMEOUT=${CAPTURE_TIMEOUT:-30}

# capture_start FILE PORT: sets CAPTURE_PID, CAPTURE_FILE, CAPTURE_SENTINEL.
capture_start() {
  CAPTURE_FILE=$1 CAPTURE_SENTINEL=$(pg_free_port) || return 1
  command -v tcpdump >/dev/null || { echo "capture: no tcpdump (scripts/setup installs it)" >&2; return 1; }
  tcpdump -i lo -n -U --immediate-mode -w "$CAPTURE_FILE" "tcp port $2 or tcp port $CAPTURE_SENTINEL" \
    2>"$CAPTURE_FILE.log" &
  CAPTURE_PID=$!
  local i
  for i in $(seq $((CAPTURE_TIMEOUT * 10))); do
    grep -q 'listening on' "$CAPTURE_FILE.log" 2>/dev/null && return 0
    kill -0 "$CAPTURE_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "capture: tcpdump did not start: $(head -3 "$CAPTURE_FILE.log")" >&2
  capture_kill
  return 1
}

# capture_kill: stops tcpdump at once (for cleanups).
capture_kill() {
  [ -n "${CAPTURE_PID:-}" ] || return 0
  kill -INT "$CAPTURE_PID" 2>/dev/null
  wait "$CAPTURE_PID" 2>/dev/null
  CAPTURE_PID=
}

# capture_stop: the sentinel, the wait for it, then tcpdump's end. Status 1 when the sentinel
# never showed (the capture may then lack packets).
capture_stop() {
  local i seen=1
  (exec 3<>"/dev/tcp/127.0.0.1/$CAPTURE_SENTINEL") 2>/dev/null
  for i in $(seq $((CAPTURE_TIMEOUT * 10))); do
    if tcpdump -r "$CAPTURE_FILE" -n "tcp dst port $CAPTURE_SENTINEL" 2>/dev/null | grep -q .; then seen=0; break; fi
    sleep 0.1
  done
  capture_kill
  return $seen
}
