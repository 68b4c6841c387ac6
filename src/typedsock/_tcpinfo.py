"""TCP_INFO's value: the kernel's ``struct tcp_info`` as a frozen dataclass.

The layout (each field's offset and size) comes from the kernel's own header through the
build (``csrc/tcp_info.c``); this module names each field once, with its type and unit.
Times are seconds (the kernel counts microseconds or milliseconds), rates bytes per
second, the state and the congestion state enums.  A field the running kernel does not
report (an older kernel's shorter struct) reads as 0, as it would in C.
"""

from __future__ import annotations

import enum
import sys
from dataclasses import dataclass
from typing import Dict, List, Tuple

from typedsock import _constants as _c
from typedsock._optionvalues import Value
from typedsock._sock import ffi, lib

__all__ = ["TcpCaState", "TcpInfo", "TcpInfoOption", "TcpState", "tcp_info"]


class TcpState(enum.IntEnum):
    """A TCP connection's state (``TcpInfo.state``): the TCP_* states of <netinet/tcp.h>."""

    ESTABLISHED = _c.TCP_ESTABLISHED
    SYN_SENT = _c.TCP_SYN_SENT
    SYN_RECV = _c.TCP_SYN_RECV
    FIN_WAIT1 = _c.TCP_FIN_WAIT1
    FIN_WAIT2 = _c.TCP_FIN_WAIT2
    TIME_WAIT = _c.TCP_TIME_WAIT
    CLOSE = _c.TCP_CLOSE
    CLOSE_WAIT = _c.TCP_CLOSE_WAIT
    LAST_ACK = _c.TCP_LAST_ACK
    LISTEN = _c.TCP_LISTEN
    CLOSING = _c.TCP_CLOSING


class TcpCaState(enum.IntEnum):
    """The congestion-avoidance state (``TcpInfo.ca_state``): TCP_CA_*."""

    OPEN = _c.TCP_CA_Open
    DISORDER = _c.TCP_CA_Disorder
    CWR = _c.TCP_CA_CWR
    RECOVERY = _c.TCP_CA_Recovery
    LOSS = _c.TCP_CA_Loss


class TcpInfoOption(enum.IntFlag):
    """The options the connection negotiated (``TcpInfo.options``): TCPI_OPT_*."""

    TIMESTAMPS = _c.TCPI_OPT_TIMESTAMPS
    SACK = _c.TCPI_OPT_SACK
    WSCALE = _c.TCPI_OPT_WSCALE
    ECN = _c.TCPI_OPT_ECN
    ECN_SEEN = _c.TCPI_OPT_ECN_SEEN
    SYN_DATA = _c.TCPI_OPT_SYN_DATA


@dataclass(frozen=True)
class TcpInfo:
    """A TCP connection's state and counters (TCP_INFO), field by field as the kernel's
    ``struct tcp_info`` has them (without the ``tcpi_`` prefix)."""

    state: TcpState
    ca_state: TcpCaState
    retransmits: int
    probes: int
    backoff: int
    options: TcpInfoOption
    snd_wscale: int
    rcv_wscale: int
    delivery_rate_app_limited: bool
    fastopen_client_fail: int
    rto: float  # seconds
    ato: float  # seconds
    snd_mss: int
    rcv_mss: int
    unacked: int
    sacked: int
    lost: int
    retrans: int
    fackets: int
    last_data_sent: float  # seconds ago
    last_ack_sent: float  # seconds ago (the kernel does not remember it: 0)
    last_data_recv: float  # seconds ago
    last_ack_recv: float  # seconds ago
    pmtu: int
    rcv_ssthresh: int
    rtt: float  # seconds (smoothed)
    rttvar: float  # seconds
    snd_ssthresh: int
    snd_cwnd: int
    advmss: int
    reordering: int
    rcv_rtt: float  # seconds
    rcv_space: int
    total_retrans: int
    pacing_rate: int  # bytes per second
    max_pacing_rate: int  # bytes per second
    bytes_acked: int
    bytes_received: int
    segs_out: int
    segs_in: int
    notsent_bytes: int
    min_rtt: float  # seconds
    data_segs_in: int
    data_segs_out: int
    delivery_rate: int  # bytes per second
    busy_time: float  # seconds
    rwnd_limited: float  # seconds
    sndbuf_limited: float  # seconds
    delivered: int
    delivered_ce: int
    bytes_sent: int
    bytes_retrans: int
    dsack_dups: int
    reord_seen: int
    rcv_ooopack: int
    snd_wnd: int


# The kernel's unit of each time field, per second.
_PER_SECOND: Dict[str, int] = {
    **dict.fromkeys(("rto", "ato", "rtt", "rttvar", "rcv_rtt", "min_rtt"), 1_000_000),
    **dict.fromkeys(("busy_time", "rwnd_limited", "sndbuf_limited"), 1_000_000),
    **dict.fromkeys(("last_data_sent", "last_ack_sent", "last_data_recv", "last_ack_recv"), 1000),
}
_ENUMS = {"state": TcpState, "ca_state": TcpCaState, "options": TcpInfoOption}
_BITS = ("snd_wscale", "rcv_wscale", "delivery_rate_app_limited", "fastopen_client_fail")


def _layout() -> List[Tuple[str, int, int]]:
    count = ffi.new("size_t *")
    table = lib.ts_tcp_info_fields(count)
    return [(ffi.string(table[i].name).decode(), int(table[i].offset), int(table[i].size)) for i in range(count[0])]


_FIELDS = _layout()  # (name, offset, size) of each field that is not a bit-field
_ORDER = sys.byteorder


class _TcpInfoValue(Value[TcpInfo, None]):
    def decode(self, raw: bytes) -> TcpInfo:
        values: Dict[str, object] = {}
        for name, offset, size in _FIELDS:
            number = int.from_bytes(raw[offset : offset + size].ljust(size, b"\0"), _ORDER)
            per_second = _PER_SECOND.get(name)
            if per_second is not None:
                values[name] = number / per_second
            elif name in _ENUMS:
                values[name] = _ENUMS[name](number)
            else:
                values[name] = number
        bits = ffi.new("unsigned int[4]")
        lib.ts_tcp_info_bits(raw, len(raw), bits)
        for i, name in enumerate(_BITS):
            values[name] = bool(bits[i]) if name == "delivery_rate_app_limited" else int(bits[i])
        return TcpInfo(**values)  # type: ignore[arg-type]


def tcp_info() -> Value[TcpInfo, None]:
    """TCP_INFO: a struct tcp_info."""
    return _TcpInfoValue(int(lib.ts_tcp_info_size()), "TcpInfo")

