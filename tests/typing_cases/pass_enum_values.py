"""The values of the AddressFamily/SocketKind/MsgFlag members are ints."""

# mypy: disallow-any-expr

from typing_extensions import assert_type

from typedsock import AF_INET, AF_UNIX, MSG_PEEK, SOCK_DGRAM, SOCK_STREAM


def values() -> None:
    assert_type(AF_INET.value, int)
    assert_type(AF_UNIX.value, int)
    assert_type(SOCK_STREAM.value, int)
    assert_type(SOCK_DGRAM.value, int)
    assert_type(MSG_PEEK.value, int)
