"""The convenience functions keep the family rules: the address must fit the family."""

from typedsock import AF_INET, UnixAddress, create_connection, create_server, recv_fds, send_fds, socket


def calls() -> None:
    create_server("/tmp/sock")  # E: call-overload
    create_server(("", 0), dualstack_ipv6=True)  # E: call-overload
    create_connection(UnixAddress("/tmp/sock"))  # E: call-overload
    create_connection("localhost:80")  # E: call-overload
    inet = socket(AF_INET)
    send_fds(inet, [b"x"], [0])  # E: arg-type
    recv_fds(inet, 1, 1)  # E: arg-type
