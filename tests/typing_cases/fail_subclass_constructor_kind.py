"""Calling StreamSocket/DatagramSocket directly with a kind the class cannot hold is a
TypeError at run time ("DatagramSocket cannot hold a socket of type SOCK_STREAM")."""

# known-bug: StreamSocket and DatagramSocket inherit every Socket.__new__ overload, so DatagramSocket() is typed StreamSocket[InetAddress] and StreamSocket(AF_INET, SOCK_DGRAM) DatagramSocket[InetAddress]; both checkers accept these wrong programs

from typedsock import AF_INET, AF_UNIX, SOCK_DGRAM, SOCK_STREAM, DatagramSocket, StreamSocket


def wrong_kind() -> None:
    DatagramSocket()  # E: call-overload
    DatagramSocket(AF_UNIX)  # E: call-overload
    DatagramSocket(AF_INET, SOCK_STREAM)  # E: call-overload
    StreamSocket(AF_INET, SOCK_DGRAM)  # E: call-overload
