"""typedsock: BSD sockets through cffi, with one address type per family.

``socket(AF_INET, SOCK_STREAM)`` is a ``StreamSocket[InetAddress]``: every call
on it takes and returns ``InetAddress`` (or the classic ``(host, port)``), and a
type checker rejects a ``UnixAddress`` given to it.
"""

from typedsock import options
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
from typedsock._constants import *
from typedsock._constants import AddressFamily, MsgFlag, SocketKind
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
from typedsock._socket import Socket, SocketType, socket
from typedsock._stream import StreamSocket
from typedsock._timeouts import getdefaulttimeout, setdefaulttimeout
from typedsock.options import Credentials

__all__ = [
    "AF_INET", "AF_INET6", "AF_UNIX", "AF_UNSPEC",
    "SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW", "SOCK_SEQPACKET", "SOCK_NONBLOCK", "SOCK_CLOEXEC",
    "SOL_SOCKET", "SO_REUSEADDR", "SO_REUSEPORT", "SO_KEEPALIVE", "SO_BROADCAST", "SO_LINGER",
    "SO_RCVBUF", "SO_SNDBUF", "SO_RCVTIMEO", "SO_SNDTIMEO", "SO_ERROR", "SO_TYPE",
    "SO_ACCEPTCONN", "SO_PEERCRED", "SO_DOMAIN", "SO_PROTOCOL",
    "IPPROTO_IP", "IPPROTO_TCP", "IPPROTO_UDP", "IPPROTO_IPV6", "TCP_NODELAY", "IPV6_V6ONLY",
    "MSG_PEEK", "MSG_OOB", "MSG_WAITALL", "MSG_DONTWAIT", "MSG_TRUNC", "MSG_CTRUNC", "MSG_NOSIGNAL",
    "SHUT_RD", "SHUT_WR", "SHUT_RDWR",
    "INADDR_ANY", "INADDR_LOOPBACK", "INADDR_BROADCAST", "INADDR_NONE", "SOMAXCONN", "SCM_RIGHTS",
    "AI_PASSIVE", "AI_CANONNAME", "AI_NUMERICHOST", "AI_NUMERICSERV", "AI_ADDRCONFIG", "AI_V4MAPPED",
    "NI_NUMERICHOST", "NI_NUMERICSERV", "NI_NAMEREQD", "NI_DGRAM", "NI_MAXHOST", "NI_MAXSERV",
    "EAI_AGAIN", "EAI_BADFLAGS", "EAI_FAIL", "EAI_FAMILY", "EAI_MEMORY", "EAI_NONAME",
    "EAI_SERVICE", "EAI_SOCKTYPE", "EAI_SYSTEM",
    "AddressFamily", "SocketKind", "MsgFlag",
    "error", "herror", "gaierror", "timeout", "PathTooLong",
    "Address", "AddressLike", "InetAddress", "InetAddressLike", "Inet6Address",
    "Inet6AddressLike", "UnixAddress", "UnixAddressLike", "AddrInfo",
    "Socket", "SocketIO", "SocketType", "StreamSocket", "DatagramSocket", "socket",
    "fromfd", "socketpair", "dup", "from_stdlib", "options", "Credentials",
    "getaddrinfo", "gethostbyname", "gethostname", "getservbyname",
    "gethostbyname_ex", "gethostbyaddr", "getnameinfo", "getservbyport", "getprotobyname", "getfqdn",
    "inet_aton", "inet_ntoa", "inet_pton", "inet_ntop", "htons", "ntohs", "htonl", "ntohl",
    "if_nametoindex", "if_indextoname", "if_nameindex", "has_ipv6",
    "create_connection", "create_server", "has_dualstack_ipv6", "send_fds", "recv_fds", "close",
    "getdefaulttimeout", "setdefaulttimeout",
]
