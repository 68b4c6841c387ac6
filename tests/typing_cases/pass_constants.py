"""The module constants: families, kinds and flags are literal enum members (Final), the rest int."""

# mypy: disallow-any-expr

from typing import Literal

from typing_extensions import assert_type

from typedsock import (
    AF_INET,
    AF_INET6,
    AF_UNIX,
    AF_UNSPEC,
    AI_ADDRCONFIG,
    AI_CANONNAME,
    AI_NUMERICHOST,
    AI_NUMERICSERV,
    AI_PASSIVE,
    AI_V4MAPPED,
    EAI_AGAIN,
    EAI_BADFLAGS,
    EAI_FAIL,
    EAI_FAMILY,
    EAI_MEMORY,
    EAI_NONAME,
    EAI_SERVICE,
    EAI_SOCKTYPE,
    EAI_SYSTEM,
    INADDR_ANY,
    INADDR_BROADCAST,
    INADDR_LOOPBACK,
    INADDR_NONE,
    IPPROTO_IP,
    IPPROTO_IPV6,
    IPPROTO_TCP,
    IPPROTO_UDP,
    IPV6_V6ONLY,
    MSG_CTRUNC,
    MSG_DONTWAIT,
    MSG_NOSIGNAL,
    MSG_OOB,
    MSG_PEEK,
    MSG_TRUNC,
    MSG_WAITALL,
    NI_DGRAM,
    NI_MAXHOST,
    NI_MAXSERV,
    NI_NAMEREQD,
    NI_NUMERICHOST,
    NI_NUMERICSERV,
    SCM_RIGHTS,
    SHUT_RD,
    SHUT_RDWR,
    SHUT_WR,
    SOCK_CLOEXEC,
    SOCK_DGRAM,
    SOCK_NONBLOCK,
    SOCK_RAW,
    SOCK_SEQPACKET,
    SOCK_STREAM,
    SOL_SOCKET,
    SOMAXCONN,
    SO_ACCEPTCONN,
    SO_BROADCAST,
    SO_DOMAIN,
    SO_ERROR,
    SO_KEEPALIVE,
    SO_LINGER,
    SO_PEERCRED,
    SO_PROTOCOL,
    SO_RCVBUF,
    SO_RCVTIMEO,
    SO_REUSEADDR,
    SO_REUSEPORT,
    SO_SNDBUF,
    SO_SNDTIMEO,
    SO_TYPE,
    TCP_NODELAY,
    AddressFamily,
    MsgFlag,
    SocketKind,
)


def literals() -> None:
    assert_type(AF_INET, Literal[AddressFamily.AF_INET])
    assert_type(AF_INET6, Literal[AddressFamily.AF_INET6])
    assert_type(AF_UNIX, Literal[AddressFamily.AF_UNIX])
    assert_type(AF_UNSPEC, Literal[AddressFamily.AF_UNSPEC])
    assert_type(SOCK_STREAM, Literal[SocketKind.SOCK_STREAM])
    assert_type(SOCK_DGRAM, Literal[SocketKind.SOCK_DGRAM])
    assert_type(SOCK_RAW, Literal[SocketKind.SOCK_RAW])
    assert_type(SOCK_SEQPACKET, Literal[SocketKind.SOCK_SEQPACKET])
    assert_type(MSG_PEEK, Literal[MsgFlag.MSG_PEEK])
    assert_type(MSG_OOB, Literal[MsgFlag.MSG_OOB])
    assert_type(MSG_WAITALL, Literal[MsgFlag.MSG_WAITALL])
    assert_type(MSG_DONTWAIT, Literal[MsgFlag.MSG_DONTWAIT])
    assert_type(MSG_TRUNC, Literal[MsgFlag.MSG_TRUNC])
    assert_type(MSG_CTRUNC, Literal[MsgFlag.MSG_CTRUNC])
    assert_type(MSG_NOSIGNAL, Literal[MsgFlag.MSG_NOSIGNAL])


def numbers() -> None:
    assert_type(SOCK_NONBLOCK, int)
    assert_type(SOCK_CLOEXEC, int)
    assert_type(SOL_SOCKET, int)
    assert_type(SO_REUSEADDR, int)
    assert_type(SO_REUSEPORT, int)
    assert_type(SO_KEEPALIVE, int)
    assert_type(SO_BROADCAST, int)
    assert_type(SO_LINGER, int)
    assert_type(SO_RCVBUF, int)
    assert_type(SO_SNDBUF, int)
    assert_type(SO_RCVTIMEO, int)
    assert_type(SO_SNDTIMEO, int)
    assert_type(SO_ERROR, int)
    assert_type(SO_TYPE, int)
    assert_type(SO_ACCEPTCONN, int)
    assert_type(SO_PEERCRED, int)
    assert_type(SO_DOMAIN, int)
    assert_type(SO_PROTOCOL, int)
    assert_type(IPPROTO_IP, int)
    assert_type(IPPROTO_TCP, int)
    assert_type(IPPROTO_UDP, int)
    assert_type(IPPROTO_IPV6, int)
    assert_type(TCP_NODELAY, int)
    assert_type(IPV6_V6ONLY, int)
    assert_type(SHUT_RD, int)
    assert_type(SHUT_WR, int)
    assert_type(SHUT_RDWR, int)
    assert_type(INADDR_ANY, int)
    assert_type(INADDR_LOOPBACK, int)
    assert_type(INADDR_BROADCAST, int)
    assert_type(INADDR_NONE, int)
    assert_type(SOMAXCONN, int)
    assert_type(SCM_RIGHTS, int)
    assert_type(AI_PASSIVE, int)
    assert_type(AI_CANONNAME, int)
    assert_type(AI_NUMERICHOST, int)
    assert_type(AI_NUMERICSERV, int)
    assert_type(AI_ADDRCONFIG, int)
    assert_type(AI_V4MAPPED, int)
    assert_type(NI_NUMERICHOST, int)
    assert_type(NI_NUMERICSERV, int)
    assert_type(NI_NAMEREQD, int)
    assert_type(NI_DGRAM, int)
    assert_type(NI_MAXHOST, int)
    assert_type(NI_MAXSERV, int)
    assert_type(EAI_AGAIN, int)
    assert_type(EAI_BADFLAGS, int)
    assert_type(EAI_FAIL, int)
    assert_type(EAI_FAMILY, int)
    assert_type(EAI_MEMORY, int)
    assert_type(EAI_NONAME, int)
    assert_type(EAI_SERVICE, int)
    assert_type(EAI_SOCKTYPE, int)
    assert_type(EAI_SYSTEM, int)


def flags_combine() -> None:
    assert_type(MSG_PEEK | MSG_DONTWAIT, MsgFlag)
    assert_type(SOCK_STREAM.name, Literal["SOCK_STREAM"])
