#!/usr/bin/env bash
# test_serve_slowloris.sh — (issue 14, item 4) slow clients cannot hold the server: 520
# connections from one address trickling header lines get at most --per-address slots, each is
# closed at its --header-seconds deadline however it trickles, and normal requests from another
# address are answered meanwhile. Bounded: loopback only, a few seconds.
source "$(dirname "$0")/lib.sh"
cd "$T_TMP"
R="$REFSOG"
ulimit -n 4096 2>/dev/null
"$R" index --quiet --index ix "$T_SAMPLE"
cat > slowloris.py <<'PY'
# slowloris.py PORT N SRC SECONDS EVERY: N connections from address SRC, each sending a request
# line, then one header line every EVERY s for SECONDS s; prints what the server did with them
import socket, sys, time
port, n, src, dur, every = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
socks = []
for i in range(n):
    s = socket.socket(); s.settimeout(2)
    try:
        s.bind((src, 0)); s.connect(("127.0.0.1", port)); s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        s.setblocking(False); socks.append(s)
    except Exception:
        s.close()
time.sleep(0.3)
def alive(s):
    try: return s.recv(1, socket.MSG_PEEK) != b""
    except BlockingIOError: return True
    except Exception: return False
held = sum(alive(s) for s in socks)
end = time.time() + dur
while time.time() < end:
    for s in socks:
        try: s.send(b"X-a: b\r\n")
        except Exception: pass
    time.sleep(every)
left = sum(alive(s) for s in socks)
print(f"held={held} cut={held - left} open={left}")
PY
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$R" serve --index ix --port "$port" --threads 2 --header-seconds 1 --per-address 16 2>serve.log & pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$T_TMP"' EXIT
B="http://127.0.0.1:$port"
for i in $(seq 1 50); do curl -sf "$B/healthz" >/dev/null && break; sleep 0.1; done
python3 slowloris.py "$port" 520 127.0.0.2 3 0.3 > attack.out & apid=$!
sleep 0.8
codes=""
for i in 1 2 3 4 5; do codes+="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$B/api/search?q=misbrug") "; done
wait $apid
t_eq "during the attack, requests from another address are answered" "200 200 200 200 200 " "$codes"
t_match "the attacking address holds at most 16 connections, all cut while trickling" "^held=(1[0-6]|[1-9]) cut=\1 open=0$" "$(cat attack.out)"
t_eq "one connection trickling a header line every 0.3 s is cut at its deadline" "held=1 cut=1 open=0" \
  "$(python3 slowloris.py "$port" 1 127.0.0.3 2.5 0.3)"
t_eq "a request whose headers arrive in two parts within the deadline is answered" "HTTP/1.1 200 OK" "$(python3 - "$port" <<'PY'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1]))); s.settimeout(5)
s.sendall(b"GET /healthz HTTP/1.1\r\n"); time.sleep(0.3); s.sendall(b"Host: x\r\n\r\n")
print(s.recv(100).decode().split("\r\n")[0])
PY
)"
t_eq "still serving after the attack" '{"status":"ok"}' "$(curl -s --max-time 10 "$B/healthz")"
t_done
