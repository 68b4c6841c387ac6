"""Wrong argument types for the plain methods."""

from typedsock import AF_INET, AF_UNIX, SOCK_DGRAM, socket


def calls() -> None:
    s = socket(AF_INET)
    s.recv("1024")  # E: arg-type
    s.recv(1024, "0")  # E: arg-type
    s.settimeout("1")  # E: arg-type
    s.send("text")  # E: arg-type
    s.sendall("text")  # E: arg-type
    s.recv_into(bytearray(10), "10")  # E: arg-type
    s.listen("5")  # E: arg-type
    s.setblocking("no")  # E: arg-type
    s.shutdown("SHUT_RD")  # E: arg-type
    s.setsockopt(1, 2, "1")  # E: call-overload
    d = socket(AF_UNIX, SOCK_DGRAM)
    d.sendto("text", "/tmp/sock")  # E: call-overload
    d.recvfrom(1.5)  # E: arg-type


def constructors(fd: int) -> None:
    socket("AF_INET")  # E: call-overload
    socket(AF_INET, "SOCK_STREAM")  # E: call-overload
    socket(AF_INET, fileno="3")  # E: call-overload
