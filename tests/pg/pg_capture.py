#!/usr/bin/env python3
"""pg_capture.py PCAP PORT [MARKER]: what a packet capture (tcpdump -w, IPv4 TCP on loopback)
says about the PostgreSQL connections to PORT, as one JSON object:

  {"marker_in_capture": bool,          # MARKER's bytes anywhere in the file (any packet, any port)
   "connections": [                    # one per client port, in the order they started
     {"client_port": N,
      "kind": "tls" | "plaintext" | "empty",   # SSLRequest first, a StartupMessage first, nothing sent
      "startup": {"user": ..., "database": ...},  # plaintext only: the StartupMessage's parameters
      "client_messages": ["p", ...],   # plaintext only: the type of every message after the startup
      "password_messages": N,          # plaintext only: how many 'p' (PasswordMessage, SASL responses)
      "server_first": "R3" | "E28000" | ...}]}    # plaintext only: the server's first message

Each direction of a connection is put back together by TCP sequence number (retransmissions
counted once), so a message split over packets, or packets sharing a message, are read whole.
Only the standard library: the tests read the capture without tshark.
"""
import json
import struct
import sys

SSL_REQUEST = bytes([0, 0, 0, 8, 4, 0xD2, 0x16, 0x2F])


def packets(data):
    """Yields the link-layer bytes of each record of a pcap file."""
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        endian = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        endian = ">"
    else:
        raise SystemExit("pg_capture: not a pcap file (pcapng is not read: use tcpdump -w)")
    linktype = struct.unpack(endian + "I", data[20:24])[0]
    at = 24
    while at + 16 <= len(data):
        incl = struct.unpack(endian + "I", data[at + 8:at + 12])[0]
        yield linktype, data[at + 16:at + 16 + incl]
        at += 16 + incl


def ipv4_payload(linktype, frame):
    """The IPv4 packet inside a frame, or None."""
    if linktype == 1 and frame[12:14] == b"\x08\x00":  # Ethernet (Linux loopback)
        return frame[14:]
    if linktype == 113 and frame[14:16] == b"\x08\x00":  # Linux cooked (SLL)
        return frame[16:]
    if linktype == 276 and frame[0:2] == b"\x08\x00":  # Linux cooked v2
        return frame[20:]
    if linktype in (12, 101) and frame[:1] and frame[0] >> 4 == 4:  # raw IP
        return frame
    return None


def segments(data, port):
    """Yields (client_port, to_server, seq, payload) for TCP segments with payload on `port`."""
    for linktype, frame in packets(data):
        ip = ipv4_payload(linktype, frame)
        if ip is None or len(ip) < 20 or ip[9] != 6:
            continue
        total = struct.unpack(">H", ip[2:4])[0]
        tcp = ip[(ip[0] & 0x0F) * 4:total]
        if len(tcp) < 20:
            continue
        sport, dport, seq = struct.unpack(">HHI", tcp[:8])
        payload = tcp[(tcp[12] >> 4) * 4:]
        if dport == port:
            yield sport, True, seq, payload
        elif sport == port:
            yield dport, False, seq, payload


def streams(data, port):
    """{client_port: [client bytes, server bytes]}, client ports in order of appearance."""
    chunks, first_seq, order = {}, {}, []
    for client, to_server, seq, payload in segments(data, port):
        if client not in chunks:
            chunks[client] = ({}, {})
            order.append(client)
        if not payload:
            continue
        key = (client, to_server)
        first_seq.setdefault(key, seq)
        chunks[client][0 if to_server else 1][(seq - first_seq[key]) % 2**32] = payload
    out = {}
    for client in order:
        out[client] = [b"".join(p for _, p in sorted(side.items())) for side in chunks[client]]
    return out


def messages(stream):
    """The types of the typed messages in `stream` (Byte1 type, Int32 length including itself)."""
    types, at = [], 0
    while at + 5 <= len(stream):
        length = struct.unpack(">I", stream[at + 1:at + 5])[0]
        types.append(chr(stream[at]))
        at += 1 + max(length, 4)
    return types


def startup_params(stream):
    """The StartupMessage's parameters and its length."""
    length = struct.unpack(">I", stream[:4])[0]
    fields = stream[8:length].split(b"\0")
    params = {fields[i].decode(errors="replace"): fields[i + 1].decode(errors="replace")
              for i in range(0, len(fields) - 1, 2) if fields[i]}
    return params, length


def server_first(stream):
    if stream[:1] == b"R" and len(stream) >= 9:
        return "R%d" % struct.unpack(">I", stream[5:9])[0]
    if stream[:1] == b"E":
        for field in stream[5:].split(b"\0"):
            if field[:1] == b"C":
                return "E" + field[1:].decode(errors="replace")
    return stream[:1].decode(errors="replace")


def connection(client, client_bytes, server_bytes):
    c = {"client_port": client}
    if not client_bytes:
        c["kind"] = "empty"
    elif client_bytes[:8] == SSL_REQUEST:
        c["kind"] = "tls"
    else:
        params, length = startup_params(client_bytes)
        after = messages(client_bytes[length:])
        c.update(kind="plaintext", startup={k: params.get(k, "") for k in ("user", "database")},
                 client_messages=after, password_messages=after.count("p"),
                 server_first=server_first(server_bytes))
    return c


def main():
    if len(sys.argv) not in (3, 4):
        raise SystemExit("usage: pg_capture.py PCAP PORT [MARKER]")
    data = open(sys.argv[1], "rb").read()
    marker = sys.argv[3].encode() if len(sys.argv) == 4 else None
    conns = [connection(client, *both) for client, both in streams(data, int(sys.argv[2])).items()]
    print(json.dumps({"marker_in_capture": bool(marker) and marker in data, "connections": conns}))


if __name__ == "__main__":
    main()
