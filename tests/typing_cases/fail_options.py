"""set() rejects a read-only option and a value of the wrong type; get() a write-only one."""

from typing import Optional

from typedsock import AF_INET, SOCK_DGRAM, options, socket
from typedsock.options import PmtuDiscovery, TimestampingFlag


def read_only() -> None:
    s = socket(AF_INET)
    s.set(options.SO_ERROR, 0)  # E: arg-type
    s.set(options.SO_TYPE, s.type)  # E: arg-type
    s.set(options.SO_ACCEPTCONN, True)  # E: arg-type
    s.set(options.SO_PEERCRED, s.get(options.SO_PEERCRED))  # E: arg-type
    s.set(options.TCP_INFO, s.get(options.TCP_INFO))  # E: arg-type
    s.set(options.IP_MTU, 1500)  # E: arg-type
    s.set(options.SO_SNDLOWAT, 1)  # E: arg-type


def write_only() -> None:
    u = socket(AF_INET, SOCK_DGRAM)
    u.get(options.IP_MULTICAST_IF)  # E: arg-type


def wrong_value(maybe: Optional[int]) -> None:
    s = socket(AF_INET)
    s.set(options.SO_RCVBUF, "65536")  # E: misc
    s.set(options.SO_RCVBUF, 1.5)  # E: misc
    s.set(options.SO_RCVBUF, maybe)  # E: misc
    s.set(options.SO_REUSEADDR, 1)  # E: misc
    s.set(options.SO_REUSEADDR, None)  # E: misc
    s.set(options.SO_LINGER, 1.5)  # E: misc
    s.set(options.SO_LINGER, "5")  # E: misc
    s.set(options.SO_RCVTIMEO, "1")  # E: misc
    s.set(options.SO_RCVTIMEO, None)  # E: misc
    s.set(options.SO_BINDTODEVICE, 1)  # E: misc
    s.set(options.TCP_CONGESTION, b"reno")  # E: misc
    s.set(options.TCP_KEEPIDLE, 1.5)  # E: misc
    s.set(options.IP_MTU_DISCOVER, 2)  # E: misc
    s.set(options.SO_TIMESTAMPING, PmtuDiscovery.DO)  # E: misc
    s.set(options.IP_MULTICAST_IF, 1.5)  # E: misc
    s.set(options.SO_TIMESTAMPING, TimestampingFlag.SOFTWARE)


def get_is_typed() -> None:
    s = socket(AF_INET)
    size: str = s.get(options.SO_RCVBUF)  # E: assignment
    on: int = s.get(options.SO_LINGER)  # E: assignment
    rtt: int = s.get(options.TCP_INFO).rtt  # E: assignment
    print(size, on, rtt)
