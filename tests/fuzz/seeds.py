"""Write well-formed seed inputs for the fuzz targets (what the corpus grew from).

    python tests/fuzz/seeds.py OUT        # OUT/<target>/seed-*, then:
    python tests/fuzz/run.py --merge --from OUT

Seeds are real encodings: each family's sockaddr as the codecs pack it, control buffers
of every typed message as sendmsg lays them out (and an IP_RECVERR with its offender),
each option's value as setsockopt takes it, and a live TCP_INFO from a loopback
connection.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Dict, List, Tuple

import fuzz_address_decode
import fuzz_option_values

import typedsock
from typedsock import _cmsg, ancillary, options
from typedsock._families import codec_for
from typedsock._sock import ffi


def _u16(number: int) -> bytes:
    return number.to_bytes(2, sys.byteorder)


def address_decode() -> List[bytes]:
    samples: Dict[int, List[object]] = {
        int(typedsock.AF_INET): [("127.0.0.1", 80), ("0.0.0.0", 0)],
        int(typedsock.AF_INET6): [("::1", 443, 7, 0), ("fe80::1", 1, 0, 1)],
        int(typedsock.AF_UNIX): ["/tmp/x", b"\0abstract", ""],
        int(typedsock.AF_PACKET): [("lo", 0x800, 0, 1, b"\1\2\3\4\5\6")],
        int(typedsock.AF_NETLINK): [(0, 1)],
        int(typedsock.AF_VSOCK): [(2, 1234)],
        int(typedsock.AF_CAN): [("lo",), ("", 1, 2), ("", 3, 4, 5)],
        int(typedsock.AF_ALG): [("hash", "sha256")],
        int(typedsock.AF_TIPC): [(1, 2, 3, 4, 0), (2, 5, 6, 6), (3, 7, 8, 0)],
        42: [(42, b"\1\2\3")],
    }
    seeds: List[bytes] = []
    for selector, family in enumerate(fuzz_address_decode.FAMILIES):
        for address in samples.get(family, [(family, b"data")]):
            for pick, proto in enumerate(fuzz_address_decode.PROTOS):
                codec = codec_for(family, proto)
                try:
                    sa, length = codec.encode(address)
                except (TypeError, ValueError, OverflowError, typedsock.error):
                    continue
                seeds.append(bytes([selector, pick]) + _u16(length) + ffi.buffer(sa, length)[:])
    return seeds


def _control(entries: List[Tuple[int, int, bytes]]) -> bytes:
    control, total = _cmsg.pack([(level, kind, ffi.from_buffer(data)) for level, kind, data in entries])
    return bytes(ffi.buffer(control, total))


def cmsg_parse() -> List[bytes]:
    sendables: List[Any] = [
        ancillary.Ttl(64), ancillary.Tos(0x10), ancillary.HopLimit(3), ancillary.TrafficClass(1),
        ancillary.PacketInfo(1, "127.0.0.1", "127.0.0.2"), ancillary.PacketInfo6(1, "::1"),
        ancillary.SenderCredentials(1, 2, 3), ancillary.Rights([0, 1, 2]), ancillary.RawMessage(1, 2, b"raw"),
    ]
    entries = [message.to_tuple() for message in sendables]
    sizes = {"struct timeval": ancillary.Timestamp, "struct timespec": ancillary.TimestampNs}
    for ctype, kind in sizes.items():
        entries.append((kind.level, kind.type, bytes(ffi.sizeof(ctype))))
    entries.append((ancillary.Timestamping.level, ancillary.Timestamping.type, bytes(ancillary.Timestamping.size)))
    entries.append((ancillary.GroSegment.level, ancillary.GroSegment.type, (1400).to_bytes(4, sys.byteorder)))
    for error, family, address in (
        (ancillary.ExtendedError, typedsock.AF_INET, ("10.0.0.1", 0)),
        (ancillary.ExtendedError6, typedsock.AF_INET6, ("::1", 0, 0, 0)),
    ):
        sa, length = codec_for(family, 0).encode(address)
        ee = bytes(ffi.sizeof("struct sock_extended_err"))
        entries.append((error.level, error.type, ee + ffi.buffer(sa, length)[:]))
    for destination, family, address in (
        (ancillary.OriginalDestination, typedsock.AF_INET, ("10.0.0.1", 53)),
        (ancillary.OriginalDestination6, typedsock.AF_INET6, ("::1", 53, 0, 0)),
    ):
        sa, length = codec_for(family, 0).encode(address)
        entries.append((destination.level, destination.type, ffi.buffer(sa, length)[:]))
    seeds = [_control([entry]) for entry in entries]
    seeds.append(_control(entries[:6]))
    seeds.append(_control(entries)[:-3])  # the last one cut short, as MSG_CTRUNC leaves it
    return seeds


def cmsg_pack() -> List[bytes]:
    return [bytes([count, kind]) + bytes(range(1, 40)) for count in (1, 3, 5) for kind in range(11)]


def option_values() -> List[bytes]:
    seeds: List[bytes] = []
    for index, option in enumerate(fuzz_option_values.OPTIONS):
        seeds.append(bytes([index, 1]) + bytes(option.value.size))
        seeds.append(bytes([index, 1]) + b"\1" + bytes(option.value.size - 1))
        seeds.append(bytes([index, 0, 0, 0, 5]))
    return seeds


def tcp_info() -> List[bytes]:
    with typedsock.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        with typedsock.create_connection(listener.getsockname()) as client:
            conn, _ = listener.accept()
            with conn:
                client.sendall(b"x" * 1000)
                conn.recv(1000)
                info = _tcp_info_bytes(client)
    return [info, info[:104], info[:8]]


def _tcp_info_bytes(sock: typedsock.Socket[Any]) -> bytes:
    import socket as stdlib

    with stdlib.socket(fileno=os.dup(sock.fileno())) as view:
        return view.getsockopt(stdlib.IPPROTO_TCP, stdlib.TCP_INFO, options.TCP_INFO.value.size)


def main() -> None:
    out = Path(sys.argv[1])
    for name, make in (
        ("address_decode", address_decode), ("cmsg_parse", cmsg_parse), ("cmsg_pack", cmsg_pack),
        ("option_values", option_values), ("tcp_info", tcp_info),
    ):
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        for i, seed in enumerate(make()):
            (folder / f"seed-{i:03}").write_bytes(seed)
        print(name, len(list(folder.iterdir())), "seeds")


if __name__ == "__main__":
    main()
