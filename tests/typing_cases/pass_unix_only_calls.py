"""send_fds/recv_fds/peer_credentials: available on every AF_UNIX socket."""

# mypy: disallow-any-expr

from typing import List, Tuple

from typing_extensions import assert_type

from typedsock import AF_UNIX, SOCK_DGRAM, SOCK_SEQPACKET, Credentials, UnixAddress, socket, socketpair


def stream_pair(fds: List[int]) -> None:
    left, right = socketpair()
    assert_type(left.send_fds([b"x"], fds), int)
    assert_type(left.send_fds([b"x", bytearray(b"y")], [0, 1], 0), int)
    assert_type(right.recv_fds(1024, 4), Tuple[bytes, List[int], int, UnixAddress])
    data, received, msg_flags, address = right.recv_fds(1024, 4, 0)
    assert_type(data, bytes)
    assert_type(received, List[int])
    assert_type(msg_flags, int)
    assert_type(address, UnixAddress)
    assert_type(left.peer_credentials(), Credentials)
    creds = right.peer_credentials()
    assert_type(creds.pid, int)
    assert_type(creds.uid, int)
    assert_type(creds.gid, int)


def datagram_and_seqpacket() -> None:
    d = socket(AF_UNIX, SOCK_DGRAM)
    assert_type(d.send_fds([memoryview(b"x")], [3], 0, "/tmp/peer"), int)
    assert_type(d.send_fds([b"x"], [3], address=UnixAddress.abstract("peer")), int)
    assert_type(d.recv_fds(1, 1)[3], UnixAddress)
    q = socket(AF_UNIX, SOCK_SEQPACKET)
    assert_type(q.peer_credentials(), Credentials)
    conn, _ = q.accept()
    assert_type(conn.recv_fds(1, 1)[1], List[int])


def runtime_kind(kind: int) -> None:
    # the kind may be unknown; the family is what matters
    s = socket(AF_UNIX, kind)
    assert_type(s.peer_credentials(), Credentials)
    assert_type(s.send_fds([b""], []), int)
