"""Fuzz target: TCP_INFO's bytes -> ``TcpInfo`` (``options.TCP_INFO.decode``).

The input is what getsockopt(TCP_INFO) returned: any length up to the struct's size (an
older kernel's is shorter).  Checked:

- only documented exceptions escape (a state or congestion state no kernel reports is
  a ValueError);
- a short struct reads as the whole one zero-padded (fields the kernel does not report
  are 0);
- every field is the kernel's number at its offset in its unit: the counters exactly,
  the times in seconds (microseconds or milliseconds counted), the enums by value.
"""

from __future__ import annotations

import dataclasses
import sys

from fuzzsupport import DOCUMENTED, Bytes

from typedsock import options
from typedsock._sock import ffi, lib

SIZE: int = options.TCP_INFO.value.size
_COUNT = ffi.new("size_t *")
_TABLE = lib.ts_tcp_info_fields(_COUNT)
LAYOUT = {
    ffi.string(_TABLE[i].name).decode(): (int(_TABLE[i].offset), int(_TABLE[i].size)) for i in range(_COUNT[0])
}
MICRO = {"rto", "ato", "rtt", "rttvar", "rcv_rtt", "min_rtt", "busy_time", "rwnd_limited", "sndbuf_limited"}
MILLI = {"last_data_sent", "last_ack_sent", "last_data_recv", "last_ack_recv"}


def test_one_input(data: bytes) -> None:
    src = Bytes(data)
    raw = src.take(SIZE)
    try:
        info = options.TCP_INFO.decode(raw)
    except DOCUMENTED:
        try:
            options.TCP_INFO.decode(raw.ljust(SIZE, b"\0"))
        except DOCUMENTED:
            return
        raise AssertionError("the zero-padded struct decodes, the short one does not") from None
    assert options.TCP_INFO.decode(raw.ljust(SIZE, b"\0")) == info
    whole = raw.ljust(SIZE, b"\0")
    fields = {field.name for field in dataclasses.fields(info)}
    assert set(LAYOUT) <= fields, set(LAYOUT) - fields
    for name, (offset, size) in LAYOUT.items():
        number = int.from_bytes(whole[offset : offset + size], sys.byteorder)
        value = getattr(info, name)
        if name in MICRO:
            assert value == number / 1_000_000, (name, value, number)
        elif name in MILLI:
            assert value == number / 1000, (name, value, number)
        else:
            assert value == number and isinstance(value, int), (name, value, number)
    for name in ("snd_wscale", "rcv_wscale", "fastopen_client_fail"):
        assert 0 <= getattr(info, name) < 16, (name, getattr(info, name))
    assert isinstance(info.delivery_rate_app_limited, bool)
