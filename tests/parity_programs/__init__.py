"""Classic socket programs, written once against whatever module is passed as ``socket``.

Each module has ``main(socket)``: it runs both ends (server and client, in threads of
one process) over real sockets and asserts on what comes back.  ``tests/test_parity.py``
runs every program with the standard ``socket`` module and with ``typedsock``,
unchanged; each also runs on its own:

    python tests/parity_programs/tcp_echo.py            # the standard module
    python tests/parity_programs/tcp_echo.py typedsock  # import typedsock as socket
"""

PROGRAMS = ("tcp_echo", "udp_echo", "unix_echo", "selectors_echo", "fd_passing")
