"""send_fds/recv_fds/peer_credentials exist only on AF_UNIX sockets."""

from typedsock import AF_INET, AF_INET6, SOCK_DGRAM, socket


def inet(family: int) -> None:
    s = socket(AF_INET)
    s.send_fds([b"x"], [0])  # E: misc
    s.recv_fds(1024, 1)  # E: misc
    s.peer_credentials()  # E: misc
    d = socket(AF_INET6, SOCK_DGRAM)
    d.send_fds([b"x"], [0])  # E: misc
    d.peer_credentials()  # E: misc
    conn, _ = s.accept()
    conn.recv_fds(1, 1)  # E: misc
    # the family may turn out to be AF_UNIX at run time, but the type cannot promise it
    any_family = socket(family)
    any_family.peer_credentials()  # E: misc
