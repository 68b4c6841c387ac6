"""The values of the AddressFamily/SocketKind/MsgFlag members are ints."""

# known-bug[installed]: the members are defined as `AF_INET = lib.AF_INET`, and without stubs/ (not installed) `lib` is Any to mypy and Unknown to pyright: `.value` is Any/Unknown (an error under pyright strict), and mypy cannot use Literal[AddressFamily.AF_INET], so every socket() call takes the first overload
# mypy: disallow-any-expr

from typing_extensions import assert_type

from typedsock import AF_INET, AF_UNIX, MSG_PEEK, SOCK_DGRAM, SOCK_STREAM


def values() -> None:
    assert_type(AF_INET.value, int)
    assert_type(AF_UNIX.value, int)
    assert_type(SOCK_STREAM.value, int)
    assert_type(SOCK_DGRAM.value, int)
    assert_type(MSG_PEEK.value, int)
