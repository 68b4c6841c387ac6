"""Results are precise: a stream's recvfrom address may be None, and the address is the family's."""

from typedsock import AF_INET, AF_UNIX, SOCK_DGRAM, InetAddress, UnixAddress, socket


def stream() -> None:
    s = socket(AF_INET)
    _, sender = s.recvfrom(1024)
    sender.port  # E: union-attr
    _, peer = s.accept()
    peer.path  # E: attr-defined
    unix_name: UnixAddress = s.getsockname()  # E: assignment
    print(unix_name)


def datagram() -> None:
    d = socket(AF_UNIX, SOCK_DGRAM)
    _, sender = d.recvfrom(1024)
    sender.port  # E: attr-defined
    inet: InetAddress = d.getpeername()  # E: assignment
    print(inet)
