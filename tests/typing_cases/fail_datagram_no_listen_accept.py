"""Datagram sockets have no listen/accept; neither has a socket of unknown kind."""

from typedsock import AF_INET, AF_INET6, AF_UNIX, SOCK_DGRAM, SOCK_RAW, socket, socketpair


def datagram(kind: int) -> None:
    d = socket(AF_INET, SOCK_DGRAM)
    d.listen()  # E: attr-defined
    d.accept()  # E: attr-defined
    r = socket(AF_INET6, SOCK_RAW)
    r.listen(5)  # E: attr-defined
    u = socket(AF_UNIX, SOCK_DGRAM)
    u.accept()  # E: attr-defined
    left, _ = socketpair(AF_UNIX, SOCK_DGRAM)
    left.listen()  # E: attr-defined
    # A socket whose kind is only known at run time might be a datagram socket.
    unknown = socket(AF_INET, kind)
    unknown.listen()  # E: attr-defined
    unknown.accept()  # E: attr-defined
