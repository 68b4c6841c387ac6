"""Calling StreamSocket/DatagramSocket directly with a kind the class cannot hold is a
TypeError at run time ("DatagramSocket cannot hold a socket of type SOCK_STREAM").
With no kind given, each class makes its own (SOCK_DGRAM for DatagramSocket): see
pass_subclass_constructor.py."""


from typedsock import AF_INET, SOCK_DGRAM, SOCK_STREAM, DatagramSocket, StreamSocket


def wrong_kind() -> None:
    DatagramSocket(AF_INET, SOCK_STREAM)  # E: call-overload
    StreamSocket(AF_INET, SOCK_DGRAM)  # E: call-overload
