"""typedsock: BSD sockets through cffi, with one address type per family.

``socket(AF_INET, SOCK_STREAM)`` is a ``StreamSocket[InetAddress]``: every call
on it takes and returns ``InetAddress`` (or the classic ``(host, port)``), and a
type checker rejects a ``UnixAddress`` given to it.
"""

import typing as _typing

from typedsock import _constants, ancillary
from typedsock._addresses import (
    Address,
    AddressLike,
    Inet6Address,
    Inet6AddressLike,
    InetAddress,
    InetAddressLike,
    PathTooLong,
    UnixAddress,
    UnixAddressLike,
)
from typedsock._alg import AlgAddress, AlgAddressLike
from typedsock._can import CanAddress, CanAddressLike, CanAnyAddress, CanIsotpAddress, CanJ1939Address
from typedsock._cmsg import CMSG_LEN, CMSG_SPACE
from typedsock._constants import *
from typedsock._construct import from_stdlib, fromfd, socketpair
from typedsock._convenience import (  # the standard module's sentinel, for code that passes it on
    _GLOBAL_DEFAULT_TIMEOUT as _GLOBAL_DEFAULT_TIMEOUT,  # pyright: ignore[reportPrivateUsage]
)
from typedsock._convenience import (
    close,
    create_connection,
    create_server,
    dup,
    has_dualstack_ipv6,
    recv_fds,
    send_fds,
)
from typedsock._convert import (
    has_ipv6,
    htonl,
    htons,
    if_indextoname,
    if_nameindex,
    if_nametoindex,
    inet_aton,
    inet_ntoa,
    inet_ntop,
    inet_pton,
    ntohl,
    ntohs,
)
from typedsock._datagram import DatagramSocket
from typedsock._errors import error, gaierror, herror, timeout
from typedsock._fileio import SocketIO
from typedsock._hostname import sethostname
from typedsock._names import (
    AddrInfo,
    getaddrinfo,
    getfqdn,
    gethostbyaddr,
    gethostbyname,
    gethostbyname_ex,
    gethostname,
    getnameinfo,
    getprotobyname,
    getservbyname,
    getservbyport,
)
from typedsock._netlink import NetlinkAddress, NetlinkAddressLike
from typedsock._optionvalues import Credentials
from typedsock._packet import PacketAddress, PacketAddressLike
from typedsock._raw import RawAddress, RawAddressLike
from typedsock._socket import Socket, SocketType, socket
from typedsock._stream import StreamSocket
from typedsock._timeouts import getdefaulttimeout, setdefaulttimeout
from typedsock._tipc import TipcAddress, TipcAddressLike
from typedsock._vsock import VsockAddress, VsockAddressLike

__all__: list[str] = [
    "error", "herror", "gaierror", "timeout", "PathTooLong",
    "Address", "AddressLike", "InetAddress", "InetAddressLike", "Inet6Address",
    "Inet6AddressLike", "UnixAddress", "UnixAddressLike", "AddrInfo",
    "PacketAddress", "PacketAddressLike", "NetlinkAddress", "NetlinkAddressLike",
    "VsockAddress", "VsockAddressLike", "CanAddress", "CanIsotpAddress", "CanJ1939Address",
    "CanAnyAddress", "CanAddressLike", "AlgAddress", "AlgAddressLike", "TipcAddress",
    "TipcAddressLike", "RawAddress", "RawAddressLike",
    "Socket", "SocketIO", "SocketType", "StreamSocket", "DatagramSocket", "socket",
    "fromfd", "socketpair", "dup", "from_stdlib", "options", "ancillary", "aio", "Credentials",
    "getaddrinfo", "gethostbyname", "gethostname", "sethostname", "getservbyname",
    "gethostbyname_ex", "gethostbyaddr", "getnameinfo", "getservbyport", "getprotobyname", "getfqdn",
    "inet_aton", "inet_ntoa", "inet_pton", "inet_ntop", "htons", "ntohs", "htonl", "ntohl",
    "if_nametoindex", "if_indextoname", "if_nameindex", "has_ipv6", "CMSG_LEN", "CMSG_SPACE",
    "create_connection", "create_server", "has_dualstack_ipv6", "send_fds", "recv_fds", "close",
    "getdefaulttimeout", "setdefaulttimeout",
]
# The enums and the constants: every name of the table the system headers have (_table.py,
# _constants.py).
__all__ += _constants.__all__

# typedsock.options, the table of typed options, and typedsock.aio, the asyncio layer, are
# imported when first used: the options' enums and TcpInfo's dataclass would be a third of
# the time `import typedsock` takes, and asyncio more than all of it.  The checkers see
# plain imports (and no module __getattr__, which would make every misspelt name an
# attribute).
_LAZY = ("aio", "options")
if _typing.TYPE_CHECKING:
    from typedsock import aio as aio
    from typedsock import options as options
else:

    def __getattr__(name):
        if name in _LAZY:
            import importlib

            return importlib.import_module(f"typedsock.{name}")
        raise AttributeError(f"module 'typedsock' has no attribute {name!r}")

    def __dir__():
        return sorted(set(globals()) | set(_LAZY))
