"""set() rejects a read-only option and a value of the wrong type."""

from typing import Optional

from typedsock import AF_INET, options, socket


def read_only() -> None:
    s = socket(AF_INET)
    s.set(options.ERROR, 0)  # E: arg-type
    s.set(options.TYPE, s.type)  # E: arg-type
    s.set(options.ACCEPTCONN, True)  # E: arg-type
    s.set(options.PEERCRED, s.get(options.PEERCRED))  # E: arg-type


def wrong_value(maybe: Optional[int]) -> None:
    s = socket(AF_INET)
    s.set(options.RCVBUF, "65536")  # E: misc
    s.set(options.RCVBUF, 1.5)  # E: misc
    s.set(options.RCVBUF, maybe)  # E: misc
    s.set(options.REUSEADDR, 1)  # E: misc
    s.set(options.REUSEADDR, None)  # E: misc
    s.set(options.LINGER, 1.5)  # E: misc
    s.set(options.LINGER, "5")  # E: misc
    s.set(options.RCVTIMEO, "1")  # E: misc
    s.set(options.RCVTIMEO, None)  # E: misc


def get_is_typed() -> None:
    s = socket(AF_INET)
    size: str = s.get(options.RCVBUF)  # E: assignment
    on: int = s.get(options.LINGER)  # E: assignment
    print(size, on)
