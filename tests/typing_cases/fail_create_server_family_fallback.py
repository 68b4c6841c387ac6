"""create_server() with a literal family and an address of another family (or dualstack_ipv6
on AF_INET) fails at run time (TypeError / ValueError)."""


from typedsock import AF_INET, AF_INET6, AF_UNIX, UnixAddress, create_server


def wrong_family() -> None:
    create_server(("", 0), family=AF_UNIX)  # E: call-overload
    create_server(UnixAddress("/tmp/sock"), family=AF_INET6)  # E: call-overload
    create_server("/tmp/sock", family=AF_INET)  # E: call-overload
    create_server(("", 0), family=AF_INET, dualstack_ipv6=True)  # E: call-overload
