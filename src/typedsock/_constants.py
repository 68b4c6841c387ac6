"""Constants, with the values the system headers give (through the build)."""

from __future__ import annotations

import enum
from typing import Final

from typedsock._sock import lib

__all__ = [
    "AddressFamily",
    "SocketKind",
    "MsgFlag",
    "AF_UNSPEC",
    "AF_UNIX",
    "AF_INET",
    "AF_INET6",
    "SOCK_STREAM",
    "SOCK_DGRAM",
    "SOCK_RAW",
    "SOCK_SEQPACKET",
    "SOCK_NONBLOCK",
    "SOCK_CLOEXEC",
    "MSG_PEEK",
    "MSG_OOB",
    "MSG_WAITALL",
    "MSG_DONTWAIT",
    "MSG_TRUNC",
    "MSG_CTRUNC",
    "MSG_NOSIGNAL",
    "SOL_SOCKET",
    "SO_REUSEADDR",
    "SO_REUSEPORT",
    "SO_KEEPALIVE",
    "SO_BROADCAST",
    "SO_LINGER",
    "SO_RCVBUF",
    "SO_SNDBUF",
    "SO_RCVTIMEO",
    "SO_SNDTIMEO",
    "SO_ERROR",
    "SO_TYPE",
    "SO_ACCEPTCONN",
    "SO_PEERCRED",
    "SO_DOMAIN",
    "SO_PROTOCOL",
    "IPPROTO_IP",
    "IPPROTO_TCP",
    "IPPROTO_UDP",
    "IPPROTO_IPV6",
    "TCP_NODELAY",
    "IPV6_V6ONLY",
    "SHUT_RD",
    "SHUT_WR",
    "SHUT_RDWR",
    "INADDR_ANY",
    "INADDR_LOOPBACK",
    "INADDR_BROADCAST",
    "INADDR_NONE",
    "SOMAXCONN",
    "SCM_RIGHTS",
    "AI_PASSIVE",
    "AI_CANONNAME",
    "AI_NUMERICHOST",
    "AI_NUMERICSERV",
    "AI_ADDRCONFIG",
    "AI_V4MAPPED",
    "NI_NUMERICHOST",
    "NI_NUMERICSERV",
    "NI_NAMEREQD",
    "NI_DGRAM",
    "NI_MAXHOST",
    "NI_MAXSERV",
    "EAI_AGAIN",
    "EAI_BADFLAGS",
    "EAI_FAIL",
    "EAI_FAMILY",
    "EAI_MEMORY",
    "EAI_NONAME",
    "EAI_SERVICE",
    "EAI_SOCKTYPE",
    "EAI_SYSTEM",
]


class AddressFamily(enum.IntEnum):
    """The address families typedsock knows; each has its own address type."""

    AF_UNSPEC = lib.AF_UNSPEC
    AF_UNIX = lib.AF_UNIX
    AF_INET = lib.AF_INET
    AF_INET6 = lib.AF_INET6


class SocketKind(enum.IntEnum):
    """Socket types (the second argument of ``socket()``)."""

    SOCK_STREAM = lib.SOCK_STREAM
    SOCK_DGRAM = lib.SOCK_DGRAM
    SOCK_RAW = lib.SOCK_RAW
    SOCK_SEQPACKET = lib.SOCK_SEQPACKET


class MsgFlag(enum.IntFlag):
    """Flags for send/recv calls."""

    MSG_PEEK = lib.MSG_PEEK
    MSG_OOB = lib.MSG_OOB
    MSG_WAITALL = lib.MSG_WAITALL
    MSG_DONTWAIT = lib.MSG_DONTWAIT
    MSG_TRUNC = lib.MSG_TRUNC
    MSG_CTRUNC = lib.MSG_CTRUNC
    MSG_NOSIGNAL = lib.MSG_NOSIGNAL


AF_UNSPEC: Final = AddressFamily.AF_UNSPEC
AF_UNIX: Final = AddressFamily.AF_UNIX
AF_INET: Final = AddressFamily.AF_INET
AF_INET6: Final = AddressFamily.AF_INET6

SOCK_STREAM: Final = SocketKind.SOCK_STREAM
SOCK_DGRAM: Final = SocketKind.SOCK_DGRAM
SOCK_RAW: Final = SocketKind.SOCK_RAW
SOCK_SEQPACKET: Final = SocketKind.SOCK_SEQPACKET
SOCK_NONBLOCK: Final[int] = lib.SOCK_NONBLOCK
SOCK_CLOEXEC: Final[int] = lib.SOCK_CLOEXEC

MSG_PEEK: Final = MsgFlag.MSG_PEEK
MSG_OOB: Final = MsgFlag.MSG_OOB
MSG_WAITALL: Final = MsgFlag.MSG_WAITALL
MSG_DONTWAIT: Final = MsgFlag.MSG_DONTWAIT
MSG_TRUNC: Final = MsgFlag.MSG_TRUNC
MSG_CTRUNC: Final = MsgFlag.MSG_CTRUNC
MSG_NOSIGNAL: Final = MsgFlag.MSG_NOSIGNAL

SOL_SOCKET: Final[int] = lib.SOL_SOCKET
SO_REUSEADDR: Final[int] = lib.SO_REUSEADDR
SO_REUSEPORT: Final[int] = lib.SO_REUSEPORT
SO_KEEPALIVE: Final[int] = lib.SO_KEEPALIVE
SO_BROADCAST: Final[int] = lib.SO_BROADCAST
SO_LINGER: Final[int] = lib.SO_LINGER
SO_RCVBUF: Final[int] = lib.SO_RCVBUF
SO_SNDBUF: Final[int] = lib.SO_SNDBUF
SO_RCVTIMEO: Final[int] = lib.SO_RCVTIMEO
SO_SNDTIMEO: Final[int] = lib.SO_SNDTIMEO
SO_ERROR: Final[int] = lib.SO_ERROR
SO_TYPE: Final[int] = lib.SO_TYPE
SO_ACCEPTCONN: Final[int] = lib.SO_ACCEPTCONN
SO_PEERCRED: Final[int] = lib.SO_PEERCRED
SO_DOMAIN: Final[int] = lib.SO_DOMAIN
SO_PROTOCOL: Final[int] = lib.SO_PROTOCOL

IPPROTO_IP: Final[int] = lib.IPPROTO_IP
IPPROTO_TCP: Final[int] = lib.IPPROTO_TCP
IPPROTO_UDP: Final[int] = lib.IPPROTO_UDP
IPPROTO_IPV6: Final[int] = lib.IPPROTO_IPV6
TCP_NODELAY: Final[int] = lib.TCP_NODELAY
IPV6_V6ONLY: Final[int] = lib.IPV6_V6ONLY

SHUT_RD: Final[int] = lib.SHUT_RD
SHUT_WR: Final[int] = lib.SHUT_WR
SHUT_RDWR: Final[int] = lib.SHUT_RDWR

INADDR_ANY: Final[int] = lib.INADDR_ANY
INADDR_LOOPBACK: Final[int] = lib.INADDR_LOOPBACK
INADDR_BROADCAST: Final[int] = lib.INADDR_BROADCAST
INADDR_NONE: Final[int] = lib.INADDR_NONE

SOMAXCONN: Final[int] = lib.SOMAXCONN
SCM_RIGHTS: Final[int] = lib.SCM_RIGHTS

AI_PASSIVE: Final[int] = lib.AI_PASSIVE
AI_CANONNAME: Final[int] = lib.AI_CANONNAME
AI_NUMERICHOST: Final[int] = lib.AI_NUMERICHOST
AI_NUMERICSERV: Final[int] = lib.AI_NUMERICSERV
AI_ADDRCONFIG: Final[int] = lib.AI_ADDRCONFIG
AI_V4MAPPED: Final[int] = lib.AI_V4MAPPED
NI_NUMERICHOST: Final[int] = lib.NI_NUMERICHOST
NI_NUMERICSERV: Final[int] = lib.NI_NUMERICSERV
NI_NAMEREQD: Final[int] = lib.NI_NAMEREQD
NI_DGRAM: Final[int] = lib.NI_DGRAM
NI_MAXHOST: Final[int] = lib.NI_MAXHOST
NI_MAXSERV: Final[int] = lib.NI_MAXSERV

EAI_AGAIN: Final[int] = lib.EAI_AGAIN
EAI_BADFLAGS: Final[int] = lib.EAI_BADFLAGS
EAI_FAIL: Final[int] = lib.EAI_FAIL
EAI_FAMILY: Final[int] = lib.EAI_FAMILY
EAI_MEMORY: Final[int] = lib.EAI_MEMORY
EAI_NONAME: Final[int] = lib.EAI_NONAME
EAI_SERVICE: Final[int] = lib.EAI_SERVICE
EAI_SOCKTYPE: Final[int] = lib.EAI_SOCKTYPE
EAI_SYSTEM: Final[int] = lib.EAI_SYSTEM
