"""Typed socket options: ``sock.get(options.SO_RCVBUF) -> int``, ``sock.set(options.TCP_NODELAY, True)``.

This module is the one table of them.  Each option is named as its C constant (the typed
form of ``typedsock.X`` is ``options.X``) and carries its level and number (from the C
headers through the build), its value's codec (``_optionvalues.py``), whether it can be
read, set or both, and the sockets it applies to: statically (the option's second type
parameter, which ``Socket.get``/``set`` match against the socket's own type), and at run
time (its ``scope``, checked before any system call).  So each of these is a type error
for mypy and pyright, and a TypeError at run time::

    udp.set(options.TCP_NODELAY, True)      # a TCP option on a datagram socket
    tcp6.get(options.IP_TTL)                # an IPv4 option on an AF_INET6 socket
    tcp.set(options.SO_ERROR, 0)            # a read-only option
    tcp.set(options.SO_RCVBUF, "64k")       # a value of the wrong type

Values are as a user thinks of them: seconds (``float`` where the kernel counts finely,
``int`` where it counts whole seconds), names as ``str`` with the kernel's length checked,
interfaces as an index or a name, flag sets and modes as enums, TCP_INFO a ``TcpInfo``.

Multicast membership is set by ``DatagramSocket.join_group``/``leave_group``, on the
private options at the end of the table.
"""

from __future__ import annotations

from typing import Any, Dict, FrozenSet, Optional, Tuple, TypeVar, Union

from typedsock import _constants as _c
from typedsock import _optionvalues as _v
from typedsock._addresses import Inet6Address, InetAddress
from typedsock._constants import AddressFamily, SocketKind
from typedsock._datagram import DatagramSocket
from typedsock._option import AnySocket, InterfaceOption, Option, ReadOnlyOption, Scope, WriteOnlyOption
from typedsock._optionvalues import Credentials, Interface, Membership, PmtuDiscovery, TimestampingFlag, Value
from typedsock._sock import lib
from typedsock._socket import Socket
from typedsock._stream import StreamSocket
from typedsock._tcpinfo import TcpCaState, TcpInfo, TcpInfoOption, TcpState, tcp_info

T = TypeVar("T")
V = TypeVar("V")

# -- the sockets an option applies to: the static types, and the run-time scopes ---------

InetSocket = Socket[InetAddress]
"""An AF_INET socket of any kind: the scope of the IP_* options."""
Inet6Socket = Socket[Inet6Address]
"""An AF_INET6 socket of any kind: the scope of the IPV6_* options."""
TcpSocket = Union[StreamSocket[InetAddress], StreamSocket[Inet6Address]]
"""A stream socket of AF_INET or AF_INET6: the scope of the TCP_* options."""
UdpSocket = Union[DatagramSocket[InetAddress], DatagramSocket[Inet6Address]]
"""A datagram socket of AF_INET or AF_INET6: the scope of the UDP_* options and of multicast."""
InetTransportSocket = Union[TcpSocket, UdpSocket]
"""A TCP or UDP socket (SO_ZEROCOPY's scope)."""


def _set(*numbers: int) -> FrozenSet[int]:
    return frozenset(numbers)


_INET_FAMILIES = _set(_c.AF_INET, _c.AF_INET6)
_ANY = Scope("any socket")
_TCP = Scope(
    "SOCK_STREAM sockets of AF_INET and AF_INET6 (TCP or MPTCP)",
    _INET_FAMILIES, _set(_c.SOCK_STREAM), _set(0, _c.IPPROTO_TCP, _c.IPPROTO_MPTCP),
)
_UDP = Scope(
    "SOCK_DGRAM sockets of AF_INET and AF_INET6 (UDP or UDP-Lite)",
    _INET_FAMILIES, _set(_c.SOCK_DGRAM), _set(0, _c.IPPROTO_UDP, _c.IPPROTO_UDPLITE),
)
_TCP_UDP = Scope(
    "TCP and UDP sockets of AF_INET and AF_INET6",
    _INET_FAMILIES, _set(_c.SOCK_STREAM, _c.SOCK_DGRAM), _set(0, _c.IPPROTO_TCP, _c.IPPROTO_UDP),
)
_IP = Scope("AF_INET sockets", _set(_c.AF_INET))
_IP_RAW = Scope("SOCK_RAW sockets of AF_INET", _set(_c.AF_INET), _set(_c.SOCK_RAW))
_IPV6 = Scope("AF_INET6 sockets", _set(_c.AF_INET6))
_IPV6_UDP = Scope(
    "SOCK_DGRAM sockets of AF_INET6 (UDP or UDP-Lite)",
    _set(_c.AF_INET6), _set(_c.SOCK_DGRAM), _set(0, _c.IPPROTO_UDP, _c.IPPROTO_UDPLITE),
)
_IP_UDP = Scope(
    "SOCK_DGRAM sockets of AF_INET (UDP or UDP-Lite)",
    _set(_c.AF_INET), _set(_c.SOCK_DGRAM), _set(0, _c.IPPROTO_UDP, _c.IPPROTO_UDPLITE),
)

_SOCKET = (_c.SOL_SOCKET, _ANY)


# One declaration per option: its name (the C constant's), value, level, scope and meaning.  The
# variable's annotation gives both checkers the value type and the sockets; the helpers
# return ``Any`` as the socket type only so that the annotation can fix it.
def _rw(name: str, value: Value[T, T], level: int, scope: Scope, *, doc: str) -> Option[T, Any]:
    return Option(name, level, getattr(_c, name), value, scope, doc)  # type: ignore[arg-type]


def _ro(name: str, value: Value[T, Any], level: int, scope: Scope, *, doc: str) -> ReadOnlyOption[T, Any]:
    return ReadOnlyOption(name, level, getattr(_c, name), value, scope, doc)  # type: ignore[arg-type]


def _wo(name: str, value: Value[Any, V], level: int, scope: Scope, *, doc: str) -> WriteOnlyOption[V, Any]:
    return WriteOnlyOption(name, level, getattr(_c, name), value, scope, doc)  # type: ignore[arg-type]


# -- SOL_SOCKET: any socket ------------------------------------------------------------

SO_REUSEADDR: Option[bool, AnySocket] = _rw(
    "SO_REUSEADDR", _v.flag(), *_SOCKET, doc="bind to an address still in TIME_WAIT"
)
SO_REUSEPORT: Option[bool, AnySocket] = _rw(
    "SO_REUSEPORT", _v.flag(), *_SOCKET,
    doc="let several sockets bind the same address and port (the kernel spreads the load)",
)
SO_KEEPALIVE: Option[bool, AnySocket] = _rw(
    "SO_KEEPALIVE", _v.flag(), *_SOCKET, doc="send keepalive probes on an idle connection"
)
SO_BROADCAST: Option[bool, AnySocket] = _rw(
    "SO_BROADCAST", _v.flag(), *_SOCKET, doc="allow sending to a broadcast address"
)
SO_LINGER: Option[Optional[int], AnySocket] = _rw(
    "SO_LINGER", _v.linger(), *_SOCKET, doc="on close, wait this long for unsent data (None: return at once)"
)
SO_RCVBUF: Option[int, AnySocket] = _rw(
    "SO_RCVBUF", _v.number(0), *_SOCKET, doc="the receive buffer's size in bytes (the kernel doubles it)"
)
SO_SNDBUF: Option[int, AnySocket] = _rw(
    "SO_SNDBUF", _v.number(0), *_SOCKET, doc="the send buffer's size in bytes (the kernel doubles it)"
)
SO_RCVLOWAT: Option[int, AnySocket] = _rw(
    "SO_RCVLOWAT", _v.number(0), *_SOCKET, doc="the fewest bytes a receive waits for"
)
SO_RCVTIMEO: Option[float, AnySocket] = _rw(
    "SO_RCVTIMEO", _v.timeval(), *_SOCKET, doc="how long a blocking receive waits (0: forever)"
)
SO_SNDTIMEO: Option[float, AnySocket] = _rw(
    "SO_SNDTIMEO", _v.timeval(), *_SOCKET, doc="how long a blocking send waits (0: forever)"
)
SO_PASSCRED: Option[bool, AnySocket] = _rw(
    "SO_PASSCRED", _v.flag(), *_SOCKET, doc="receive the sender's SCM_CREDENTIALS (AF_UNIX)"
)
SO_BINDTODEVICE: Option[str, AnySocket] = _rw(
    "SO_BINDTODEVICE", _v.text(lib.IF_NAMESIZE), *_SOCKET,
    doc="send and receive only through this interface ('': any)",
)
SO_MARK: Option[int, AnySocket] = _rw(
    "SO_MARK", _v.unsigned(4), *_SOCKET, doc="the mark routing and netfilter see on this socket's packets"
)
SO_PRIORITY: Option[int, AnySocket] = _rw(
    "SO_PRIORITY", _v.number(0), *_SOCKET, doc="the queueing priority of this socket's packets"
)
SO_INCOMING_CPU: Option[int, AnySocket] = _rw(
    "SO_INCOMING_CPU", _v.number(-1), *_SOCKET, doc="the CPU this socket's packets are processed on (-1: any)"
)
SO_BUSY_POLL: Option[float, AnySocket] = _rw(
    "SO_BUSY_POLL", _v.seconds(1_000_000), *_SOCKET,
    doc="how long a blocking receive busy-polls the device before sleeping",
)
SO_OOBINLINE: Option[bool, AnySocket] = _rw(
    "SO_OOBINLINE", _v.flag(), *_SOCKET, doc="receive out-of-band data in line with the rest"
)
SO_DONTROUTE: Option[bool, AnySocket] = _rw(
    "SO_DONTROUTE", _v.flag(), *_SOCKET, doc="send only to directly connected hosts"
)
SO_TIMESTAMP: Option[bool, AnySocket] = _rw(
    "SO_TIMESTAMP", _v.flag(), *_SOCKET, doc="receive each datagram's arrival time (ancillary.Timestamp)"
)
SO_TIMESTAMPNS: Option[bool, AnySocket] = _rw(
    "SO_TIMESTAMPNS", _v.flag(), *_SOCKET,
    doc="receive each datagram's arrival time in nanoseconds (ancillary.TimestampNs)",
)
SO_TIMESTAMPING: Option[TimestampingFlag, AnySocket] = _rw(
    "SO_TIMESTAMPING", _v.enumerated(TimestampingFlag), *_SOCKET,
    doc="which software and hardware timestamps to take and report (ancillary.Timestamping)",
)
SO_ZEROCOPY: Option[bool, InetTransportSocket] = _rw(
    "SO_ZEROCOPY", _v.flag(), _c.SOL_SOCKET, _TCP_UDP, doc="allow MSG_ZEROCOPY sends"
)
# Linux reports SO_SNDLOWAT (always 1) but refuses to set it (ENOPROTOOPT).
SO_SNDLOWAT: ReadOnlyOption[int, AnySocket] = _ro(
    "SO_SNDLOWAT", _v.number(), *_SOCKET, doc="the fewest bytes a send waits for room for (Linux: always 1)"
)
SO_ERROR: ReadOnlyOption[int, AnySocket] = _ro(
    "SO_ERROR", _v.number(), *_SOCKET, doc="the pending error, as an errno (reading it clears it)"
)
SO_TYPE: ReadOnlyOption[SocketKind, AnySocket] = _ro(
    "SO_TYPE", _v.enumerated(SocketKind), *_SOCKET, doc="the socket's kind"
)
SO_DOMAIN: ReadOnlyOption[Union[AddressFamily, int], AnySocket] = _ro(
    "SO_DOMAIN", _v.family(), *_SOCKET, doc="the socket's family"
)
SO_PROTOCOL: ReadOnlyOption[int, AnySocket] = _ro(
    "SO_PROTOCOL", _v.number(), *_SOCKET, doc="the socket's protocol number"
)
SO_ACCEPTCONN: ReadOnlyOption[bool, AnySocket] = _ro(
    "SO_ACCEPTCONN", _v.flag(), *_SOCKET, doc="whether the socket is listening"
)
SO_PEERCRED: ReadOnlyOption[Credentials, AnySocket] = _ro(
    "SO_PEERCRED", _v.credentials(), *_SOCKET, doc="the connected peer process's pid, uid and gid"
)
SO_COOKIE: ReadOnlyOption[int, AnySocket] = _ro(
    "SO_COOKIE", _v.unsigned(8), *_SOCKET, doc="the kernel's unique number for this socket"
)

# -- IPPROTO_TCP: stream sockets of AF_INET and AF_INET6 -----------------------------------

_TCP_LEVEL = (_c.IPPROTO_TCP, _TCP)
TCP_NODELAY: Option[bool, TcpSocket] = _rw(
    "TCP_NODELAY", _v.flag(), *_TCP_LEVEL, doc="send small segments at once (no Nagle)"
)
TCP_KEEPIDLE: Option[int, TcpSocket] = _rw(
    "TCP_KEEPIDLE", _v.number(1, seconds=True), *_TCP_LEVEL, doc="idle time before the first keepalive probe"
)
TCP_KEEPINTVL: Option[int, TcpSocket] = _rw(
    "TCP_KEEPINTVL", _v.number(1, seconds=True), *_TCP_LEVEL, doc="time between keepalive probes"
)
TCP_KEEPCNT: Option[int, TcpSocket] = _rw(
    "TCP_KEEPCNT", _v.number(1), *_TCP_LEVEL, doc="unanswered probes before the connection is dropped"
)
TCP_USER_TIMEOUT: Option[float, TcpSocket] = _rw(
    "TCP_USER_TIMEOUT", _v.seconds(1000), *_TCP_LEVEL,
    doc="how long sent data may stay unacknowledged before the connection is dropped (0: the system's)",
)
TCP_CONGESTION: Option[str, TcpSocket] = _rw(
    "TCP_CONGESTION", _v.text(lib.TS_TCP_CA_NAME_MAX), *_TCP_LEVEL,
    doc="the congestion control algorithm ('cubic', 'bbr', 'reno', ...)",
)
TCP_MAXSEG: Option[int, TcpSocket] = _rw(
    "TCP_MAXSEG", _v.number(0), *_TCP_LEVEL, doc="the largest segment to send"
)
TCP_CORK: Option[bool, TcpSocket] = _rw(
    "TCP_CORK", _v.flag(), *_TCP_LEVEL, doc="hold back partial segments until uncorked"
)
TCP_QUICKACK: Option[bool, TcpSocket] = _rw(
    "TCP_QUICKACK", _v.flag(), *_TCP_LEVEL, doc="acknowledge at once instead of delaying"
)
TCP_DEFER_ACCEPT: Option[int, TcpSocket] = _rw(
    "TCP_DEFER_ACCEPT", _v.number(0, seconds=True), *_TCP_LEVEL,
    doc="wake accept only once data has arrived, waiting up to this long",
)
TCP_FASTOPEN: Option[int, TcpSocket] = _rw(
    "TCP_FASTOPEN", _v.number(0), *_TCP_LEVEL,
    doc="the queue of TCP Fast Open requests of a listener (0: off)",
)
TCP_FASTOPEN_CONNECT: Option[bool, TcpSocket] = _rw(
    "TCP_FASTOPEN_CONNECT", _v.flag(), *_TCP_LEVEL, doc="connect with TCP Fast Open (data in the SYN)"
)
TCP_NOTSENT_LOWAT: Option[int, TcpSocket] = _rw(
    "TCP_NOTSENT_LOWAT", _v.number(0), *_TCP_LEVEL,
    doc="the most unsent bytes before the socket stops being writable",
)
TCP_LINGER2: Option[int, TcpSocket] = _rw(
    "TCP_LINGER2", _v.number(-1, lib.TS_TCP_FIN_TIMEOUT_MAX, seconds=True), *_TCP_LEVEL,
    doc="how long an orphaned connection stays in FIN_WAIT2 (-1: reset instead)",
)
TCP_SYNCNT: Option[int, TcpSocket] = _rw(
    "TCP_SYNCNT", _v.number(1), *_TCP_LEVEL, doc="SYN retransmissions before connect gives up"
)
TCP_WINDOW_CLAMP: Option[int, TcpSocket] = _rw(
    "TCP_WINDOW_CLAMP", _v.number(0), *_TCP_LEVEL, doc="the largest receive window to advertise"
)
TCP_INFO: ReadOnlyOption[TcpInfo, TcpSocket] = _ro(
    "TCP_INFO", tcp_info(), *_TCP_LEVEL, doc="the connection's state, timers and counters"
)

# -- IPPROTO_IP: AF_INET sockets ----------------------------------------------------------

_IP_LEVEL = (_c.IPPROTO_IP, _IP)
IP_TTL: Option[int, InetSocket] = _rw(
    "IP_TTL", _v.number(1, 255), *_IP_LEVEL, doc="the time to live of sent packets"
)
IP_TOS: Option[int, InetSocket] = _rw(
    "IP_TOS", _v.number(0, 255), *_IP_LEVEL, doc="the type-of-service byte of sent packets"
)
IP_MULTICAST_TTL: Option[int, InetSocket] = _rw(
    "IP_MULTICAST_TTL", _v.number(0, 255), *_IP_LEVEL, doc="the time to live of sent multicast packets"
)
IP_MULTICAST_LOOP: Option[bool, InetSocket] = _rw(
    "IP_MULTICAST_LOOP", _v.flag(), *_IP_LEVEL, doc="deliver sent multicast to this host's own members too"
)
IP_MULTICAST_IF: WriteOnlyOption[Interface, InetSocket] = _wo(
    "IP_MULTICAST_IF", _v.multicast_interface4(), *_IP_LEVEL, doc="the interface multicast is sent from"
)
IP_MULTICAST_ALL: Option[bool, InetSocket] = _rw(
    "IP_MULTICAST_ALL", _v.flag(), *_IP_LEVEL,
    doc="receive every group any socket of the host joined, not only this socket's",
)
IP_RECVTTL: Option[bool, InetSocket] = _rw(
    "IP_RECVTTL", _v.flag(), *_IP_LEVEL, doc="receive each datagram's TTL (ancillary.Ttl)"
)
IP_RECVTOS: Option[bool, InetSocket] = _rw(
    "IP_RECVTOS", _v.flag(), *_IP_LEVEL, doc="receive each datagram's TOS byte (ancillary.Tos)"
)
IP_PKTINFO: Option[bool, InetSocket] = _rw(
    "IP_PKTINFO", _v.flag(), *_IP_LEVEL,
    doc="receive each datagram's destination and interface (ancillary.PacketInfo)",
)
IP_RECVERR: Option[bool, InetSocket] = _rw(
    "IP_RECVERR", _v.flag(), *_IP_LEVEL,
    doc="queue ICMP and local errors for MSG_ERRQUEUE (ancillary.ExtendedError)",
)
IP_RECVORIGDSTADDR: Option[bool, InetSocket] = _rw(
    "IP_RECVORIGDSTADDR", _v.flag(), *_IP_LEVEL,
    doc="receive each datagram's original destination (ancillary.OriginalDestination)",
)
IP_MTU_DISCOVER: Option[PmtuDiscovery, InetSocket] = _rw(
    "IP_MTU_DISCOVER", _v.enumerated(PmtuDiscovery), *_IP_LEVEL,
    doc="path MTU discovery: whether packets carry Don't Fragment",
)
IP_MTU: ReadOnlyOption[int, InetSocket] = _ro(
    "IP_MTU", _v.number(), *_IP_LEVEL, doc="the path MTU of a connected socket"
)
IP_FREEBIND: Option[bool, InetSocket] = _rw(
    "IP_FREEBIND", _v.flag(), *_IP_LEVEL, doc="bind to an address the host does not have (yet)"
)
IP_TRANSPARENT: Option[bool, InetSocket] = _rw(
    "IP_TRANSPARENT", _v.flag(), *_IP_LEVEL, doc="bind to foreign addresses (transparent proxying)"
)
IP_BIND_ADDRESS_NO_PORT: Option[bool, InetSocket] = _rw(
    "IP_BIND_ADDRESS_NO_PORT", _v.flag(), *_IP_LEVEL, doc="bind the address now, the port only at connect"
)
# SOCK_RAW is a DatagramSocket statically (the DGRAM literal holds both kinds).
IP_HDRINCL: Option[bool, DatagramSocket[InetAddress]] = _rw(
    "IP_HDRINCL", _v.flag(), _c.IPPROTO_IP, _IP_RAW, doc="sent data includes its own IP header (raw sockets)"
)

# -- IPPROTO_IPV6: AF_INET6 sockets -------------------------------------------------------

_IPV6_LEVEL = (_c.IPPROTO_IPV6, _IPV6)
IPV6_V6ONLY: Option[bool, Inet6Socket] = _rw(
    "IPV6_V6ONLY", _v.flag(), *_IPV6_LEVEL, doc="IPv6 only: no IPv4-mapped traffic"
)
IPV6_UNICAST_HOPS: Option[int, Inet6Socket] = _rw(
    "IPV6_UNICAST_HOPS", _v.number(-1, 255), *_IPV6_LEVEL,
    doc="the hop limit of sent unicast packets (-1: the route's)",
)
IPV6_MULTICAST_HOPS: Option[int, Inet6Socket] = _rw(
    "IPV6_MULTICAST_HOPS", _v.number(-1, 255), *_IPV6_LEVEL,
    doc="the hop limit of sent multicast packets (-1: the default, 1)",
)
IPV6_MULTICAST_LOOP: Option[bool, Inet6Socket] = _rw(
    "IPV6_MULTICAST_LOOP", _v.flag(), *_IPV6_LEVEL,
    doc="deliver sent multicast to this host's own members too",
)
IPV6_MULTICAST_IF: InterfaceOption[Inet6Socket] = InterfaceOption[Inet6Socket](
    "IPV6_MULTICAST_IF", _c.IPPROTO_IPV6, _c.IPV6_MULTICAST_IF,
    _v.interface(), _IPV6, "the interface multicast is sent from",  # type: ignore[arg-type]
)
IPV6_MULTICAST_ALL: Option[bool, Inet6Socket] = _rw(
    "IPV6_MULTICAST_ALL", _v.flag(), *_IPV6_LEVEL,
    doc="receive every group any socket of the host joined, not only this socket's",
)
IPV6_TCLASS: Option[int, Inet6Socket] = _rw(
    "IPV6_TCLASS", _v.number(-1, 255), *_IPV6_LEVEL, doc="the traffic class of sent packets (-1: the default)"
)
IPV6_RECVPKTINFO: Option[bool, Inet6Socket] = _rw(
    "IPV6_RECVPKTINFO", _v.flag(), *_IPV6_LEVEL,
    doc="receive each datagram's destination and interface (ancillary.PacketInfo6)",
)
IPV6_RECVHOPLIMIT: Option[bool, Inet6Socket] = _rw(
    "IPV6_RECVHOPLIMIT", _v.flag(), *_IPV6_LEVEL, doc="receive each datagram's hop limit (ancillary.HopLimit)"
)
IPV6_RECVTCLASS: Option[bool, Inet6Socket] = _rw(
    "IPV6_RECVTCLASS", _v.flag(), *_IPV6_LEVEL,
    doc="receive each datagram's traffic class (ancillary.TrafficClass)",
)
IPV6_RECVERR: Option[bool, Inet6Socket] = _rw(
    "IPV6_RECVERR", _v.flag(), *_IPV6_LEVEL,
    doc="queue ICMPv6 and local errors for MSG_ERRQUEUE (ancillary.ExtendedError6)",
)
IPV6_DONTFRAG: Option[bool, Inet6Socket] = _rw(
    "IPV6_DONTFRAG", _v.flag(), *_IPV6_LEVEL, doc="never fragment sent packets: too large is an error"
)
IPV6_MTU_DISCOVER: Option[PmtuDiscovery, Inet6Socket] = _rw(
    "IPV6_MTU_DISCOVER", _v.enumerated(PmtuDiscovery), *_IPV6_LEVEL, doc="path MTU discovery"
)
# Reading IPV6_MTU gives the path MTU of a connected socket; setting it sets a fragment
# size that no read returns, so it is read-only here, as IP_MTU.
IPV6_MTU: ReadOnlyOption[int, Inet6Socket] = _ro(
    "IPV6_MTU", _v.number(), *_IPV6_LEVEL, doc="the path MTU of a connected socket"
)

# -- IPPROTO_UDP: datagram sockets of AF_INET and AF_INET6 --------------------------------

_UDP_LEVEL = (_c.IPPROTO_UDP, _UDP)
UDP_SEGMENT: Option[int, UdpSocket] = _rw(
    "UDP_SEGMENT", _v.number(0, 65535), *_UDP_LEVEL,
    doc="send each buffer as datagrams of this size (GSO; 0: off)",
)
UDP_GRO: Option[bool, UdpSocket] = _rw(
    "UDP_GRO", _v.flag(), *_UDP_LEVEL,
    doc="receive coalesced datagrams, with their size (ancillary.GroSegment)",
)
UDP_CORK: Option[bool, UdpSocket] = _rw(
    "UDP_CORK", _v.flag(), *_UDP_LEVEL, doc="gather sends into one datagram until uncorked"
)

# -- multicast membership (DatagramSocket.join_group and leave_group set these) -----------

_IP_ADD_MEMBERSHIP: WriteOnlyOption[Membership, DatagramSocket[InetAddress]] = _wo(
    "IP_ADD_MEMBERSHIP", _v.membership4(), _c.IPPROTO_IP, _IP_UDP, doc="join an any-source group"
)
_IP_DROP_MEMBERSHIP: WriteOnlyOption[Membership, DatagramSocket[InetAddress]] = _wo(
    "IP_DROP_MEMBERSHIP", _v.membership4(), _c.IPPROTO_IP, _IP_UDP, doc="leave an any-source group"
)
_IP_JOIN_SOURCE_GROUP: WriteOnlyOption[Membership, DatagramSocket[InetAddress]] = _wo(
    "MCAST_JOIN_SOURCE_GROUP", _v.source_membership(_c.AF_INET), _c.IPPROTO_IP, _IP_UDP,
    doc="join a group for one source",
)
_IP_LEAVE_SOURCE_GROUP: WriteOnlyOption[Membership, DatagramSocket[InetAddress]] = _wo(
    "MCAST_LEAVE_SOURCE_GROUP", _v.source_membership(_c.AF_INET), _c.IPPROTO_IP, _IP_UDP,
    doc="leave a group joined for one source",
)
_IPV6_JOIN_GROUP: WriteOnlyOption[Membership, DatagramSocket[Inet6Address]] = _wo(
    "IPV6_JOIN_GROUP", _v.membership6(), _c.IPPROTO_IPV6, _IPV6_UDP, doc="join an any-source group"
)
_IPV6_LEAVE_GROUP: WriteOnlyOption[Membership, DatagramSocket[Inet6Address]] = _wo(
    "IPV6_LEAVE_GROUP", _v.membership6(), _c.IPPROTO_IPV6, _IPV6_UDP, doc="leave an any-source group"
)
_IPV6_JOIN_SOURCE_GROUP: WriteOnlyOption[Membership, DatagramSocket[Inet6Address]] = _wo(
    "MCAST_JOIN_SOURCE_GROUP", _v.source_membership(_c.AF_INET6), _c.IPPROTO_IPV6, _IPV6_UDP,
    doc="join a group for one source",
)
_IPV6_LEAVE_SOURCE_GROUP: WriteOnlyOption[Membership, DatagramSocket[Inet6Address]] = _wo(
    "MCAST_LEAVE_SOURCE_GROUP", _v.source_membership(_c.AF_INET6), _c.IPPROTO_IPV6, _IPV6_UDP,
    doc="leave a group joined for one source",
)

# (join, leave) by (family, source-specific); not exported (the calls are the interface)
_JoinLeave = Tuple[WriteOnlyOption[Membership, Any], WriteOnlyOption[Membership, Any]]
MEMBERSHIP: Dict[Tuple[int, bool], _JoinLeave] = {
    (_c.AF_INET, False): (_IP_ADD_MEMBERSHIP, _IP_DROP_MEMBERSHIP),
    (_c.AF_INET, True): (_IP_JOIN_SOURCE_GROUP, _IP_LEAVE_SOURCE_GROUP),
    (_c.AF_INET6, False): (_IPV6_JOIN_GROUP, _IPV6_LEAVE_GROUP),
    (_c.AF_INET6, True): (_IPV6_JOIN_SOURCE_GROUP, _IPV6_LEAVE_SOURCE_GROUP),
}

__all__ = [
    # the types
    "AnySocket", "Credentials", "Inet6Socket", "InetSocket", "InetTransportSocket", "Interface",
    "InterfaceOption", "Option", "PmtuDiscovery", "ReadOnlyOption", "Scope", "TcpCaState", "TcpInfo",
    "TcpInfoOption", "TcpSocket", "TcpState", "TimestampingFlag", "UdpSocket", "WriteOnlyOption",
    # the options, in the table's order
    "SO_REUSEADDR", "SO_REUSEPORT", "SO_KEEPALIVE", "SO_BROADCAST", "SO_LINGER", "SO_RCVBUF", "SO_SNDBUF",
    "SO_RCVLOWAT", "SO_RCVTIMEO", "SO_SNDTIMEO", "SO_PASSCRED", "SO_BINDTODEVICE", "SO_MARK", "SO_PRIORITY",
    "SO_INCOMING_CPU", "SO_BUSY_POLL", "SO_OOBINLINE", "SO_DONTROUTE", "SO_TIMESTAMP", "SO_TIMESTAMPNS",
    "SO_TIMESTAMPING", "SO_ZEROCOPY", "SO_SNDLOWAT", "SO_ERROR", "SO_TYPE", "SO_DOMAIN", "SO_PROTOCOL",
    "SO_ACCEPTCONN", "SO_PEERCRED", "SO_COOKIE", "TCP_NODELAY", "TCP_KEEPIDLE", "TCP_KEEPINTVL",
    "TCP_KEEPCNT", "TCP_USER_TIMEOUT", "TCP_CONGESTION", "TCP_MAXSEG", "TCP_CORK", "TCP_QUICKACK",
    "TCP_DEFER_ACCEPT", "TCP_FASTOPEN", "TCP_FASTOPEN_CONNECT", "TCP_NOTSENT_LOWAT", "TCP_LINGER2",
    "TCP_SYNCNT", "TCP_WINDOW_CLAMP", "TCP_INFO", "IP_TTL", "IP_TOS", "IP_MULTICAST_TTL", "IP_MULTICAST_LOOP",
    "IP_MULTICAST_IF", "IP_MULTICAST_ALL", "IP_RECVTTL", "IP_RECVTOS", "IP_PKTINFO", "IP_RECVERR",
    "IP_RECVORIGDSTADDR", "IP_MTU_DISCOVER", "IP_MTU", "IP_FREEBIND", "IP_TRANSPARENT",
    "IP_BIND_ADDRESS_NO_PORT", "IP_HDRINCL", "IPV6_V6ONLY", "IPV6_UNICAST_HOPS", "IPV6_MULTICAST_HOPS",
    "IPV6_MULTICAST_LOOP", "IPV6_MULTICAST_IF", "IPV6_MULTICAST_ALL", "IPV6_TCLASS", "IPV6_RECVPKTINFO",
    "IPV6_RECVHOPLIMIT",
    "IPV6_RECVTCLASS", "IPV6_RECVERR", "IPV6_DONTFRAG", "IPV6_MTU_DISCOVER", "IPV6_MTU", "UDP_SEGMENT",
    "UDP_GRO", "UDP_CORK",
]
