"""The one table of the standard module's constants: each name once, with its group.

Read by two programs: the build (``build_sock.py`` runs this file on its own, before
the package exists, to generate the C that reports which names the system headers
have and their values) and the package (``_constants.py`` builds the enums and the
module names from it and from those values).  It holds names, never values.

The names are the integer constants of ``dir(socket)`` on Linux, CPython 3.9-3.13
(their union), in TABLE, and the Linux names typedsock adds beyond them (those its
typed calls need, such as the control messages'), in BEYOND.  Each line is::

    NAME  GROUP  [C_EXPRESSION  HEADER]

GROUP is the standard module's enum the name is a member of (``AddressFamily``,
``SocketKind``, ``MsgFlag``, ``AddressInfo``) or ``int``; ``ENUM/int`` is a member
at run time that the module-level name declares as a plain ``Final[int]`` (the
flags: ``SOCK_NONBLOCK``, ``SOCK_CLOEXEC``, ``AI_*``).  A name is present when the
headers ``#define`` it.  The two optional columns are for the names that are only
enum values in their header (no ``#define`` to test) or whose C name differs
(``CAN_BCM_TX_SETUP`` is ``TX_SETUP``): the name is present when HEADER exists,
with the value of C_EXPRESSION.
"""

from __future__ import annotations

from typing import List, NamedTuple, Optional

__all__ = ["BEYOND", "ENUMS", "HEADERS", "TABLE", "Entry", "entries"]

# The standard module's enums, and their kind (IntEnum or IntFlag).
ENUMS = {"AddressFamily": "IntEnum", "SocketKind": "IntEnum", "MsgFlag": "IntFlag", "AddressInfo": "IntFlag"}

# The headers the names come from, each included when the system has it (as the
# standard module, which includes what configure found).
HEADERS = """
    sys/types.h sys/socket.h sys/un.h sys/ioctl.h netinet/in.h netinet/tcp.h netinet/udp.h
    arpa/inet.h netdb.h net/if.h net/ethernet.h errno.h netpacket/packet.h
    linux/netlink.h linux/tipc.h linux/can.h linux/can/raw.h linux/can/bcm.h linux/can/isotp.h
    linux/can/j1939.h linux/vm_sockets.h linux/if_alg.h linux/qrtr.h linux/if_ether.h
    linux/errqueue.h linux/net_tstamp.h
""".split()

TABLE = """
AF_ALG                               AddressFamily
AF_APPLETALK                         AddressFamily
AF_ASH                               AddressFamily
AF_ATMPVC                            AddressFamily
AF_ATMSVC                            AddressFamily
AF_AX25                              AddressFamily
AF_BRIDGE                            AddressFamily
AF_CAN                               AddressFamily
AF_DECnet                            int
AF_ECONET                            AddressFamily
AF_INET                              AddressFamily
AF_INET6                             AddressFamily
AF_IPX                               AddressFamily
AF_IRDA                              AddressFamily
AF_KEY                               AddressFamily
AF_LLC                               AddressFamily
AF_NETBEUI                           AddressFamily
AF_NETLINK                           AddressFamily
AF_NETROM                            AddressFamily
AF_PACKET                            AddressFamily
AF_PPPOX                             AddressFamily
AF_QIPCRTR                           AddressFamily
AF_RDS                               AddressFamily
AF_ROSE                              AddressFamily
AF_ROUTE                             AddressFamily
AF_SECURITY                          AddressFamily
AF_SNA                               AddressFamily
AF_TIPC                              AddressFamily
AF_UNIX                              AddressFamily
AF_UNSPEC                            AddressFamily
AF_VSOCK                             AddressFamily
AF_WANPIPE                           AddressFamily
AF_X25                               AddressFamily
AI_ADDRCONFIG                        AddressInfo/int
AI_ALL                               AddressInfo/int
AI_CANONNAME                         AddressInfo/int
AI_NUMERICHOST                       AddressInfo/int
AI_NUMERICSERV                       AddressInfo/int
AI_PASSIVE                           AddressInfo/int
AI_V4MAPPED                          AddressInfo/int
ALG_OP_DECRYPT                       int
ALG_OP_ENCRYPT                       int
ALG_OP_SIGN                          int
ALG_OP_VERIFY                        int
ALG_SET_AEAD_ASSOCLEN                int
ALG_SET_AEAD_AUTHSIZE                int
ALG_SET_IV                           int
ALG_SET_KEY                          int
ALG_SET_OP                           int
ALG_SET_PUBKEY                       int
CAN_BCM                              int
CAN_BCM_CAN_FD_FRAME                 int                CAN_FD_FRAME             linux/can/bcm.h
CAN_BCM_RX_ANNOUNCE_RESUME           int                RX_ANNOUNCE_RESUME       linux/can/bcm.h
CAN_BCM_RX_CHANGED                   int                RX_CHANGED               linux/can/bcm.h
CAN_BCM_RX_CHECK_DLC                 int                RX_CHECK_DLC             linux/can/bcm.h
CAN_BCM_RX_DELETE                    int                RX_DELETE                linux/can/bcm.h
CAN_BCM_RX_FILTER_ID                 int                RX_FILTER_ID             linux/can/bcm.h
CAN_BCM_RX_NO_AUTOTIMER              int                RX_NO_AUTOTIMER          linux/can/bcm.h
CAN_BCM_RX_READ                      int                RX_READ                  linux/can/bcm.h
CAN_BCM_RX_RTR_FRAME                 int                RX_RTR_FRAME             linux/can/bcm.h
CAN_BCM_RX_SETUP                     int                RX_SETUP                 linux/can/bcm.h
CAN_BCM_RX_STATUS                    int                RX_STATUS                linux/can/bcm.h
CAN_BCM_RX_TIMEOUT                   int                RX_TIMEOUT               linux/can/bcm.h
CAN_BCM_SETTIMER                     int                SETTIMER                 linux/can/bcm.h
CAN_BCM_STARTTIMER                   int                STARTTIMER               linux/can/bcm.h
CAN_BCM_TX_ANNOUNCE                  int                TX_ANNOUNCE              linux/can/bcm.h
CAN_BCM_TX_COUNTEVT                  int                TX_COUNTEVT              linux/can/bcm.h
CAN_BCM_TX_CP_CAN_ID                 int                TX_CP_CAN_ID             linux/can/bcm.h
CAN_BCM_TX_DELETE                    int                TX_DELETE                linux/can/bcm.h
CAN_BCM_TX_EXPIRED                   int                TX_EXPIRED               linux/can/bcm.h
CAN_BCM_TX_READ                      int                TX_READ                  linux/can/bcm.h
CAN_BCM_TX_RESET_MULTI_IDX           int                TX_RESET_MULTI_IDX       linux/can/bcm.h
CAN_BCM_TX_SEND                      int                TX_SEND                  linux/can/bcm.h
CAN_BCM_TX_SETUP                     int                TX_SETUP                 linux/can/bcm.h
CAN_BCM_TX_STATUS                    int                TX_STATUS                linux/can/bcm.h
CAN_EFF_FLAG                         int
CAN_EFF_MASK                         int
CAN_ERR_FLAG                         int
CAN_ERR_MASK                         int
CAN_ISOTP                            int
CAN_J1939                            int
CAN_RAW                              int
CAN_RAW_ERR_FILTER                   int                CAN_RAW_ERR_FILTER       linux/can/raw.h
CAN_RAW_FD_FRAMES                    int                CAN_RAW_FD_FRAMES        linux/can/raw.h
CAN_RAW_FILTER                       int                CAN_RAW_FILTER           linux/can/raw.h
CAN_RAW_JOIN_FILTERS                 int                CAN_RAW_JOIN_FILTERS     linux/can/raw.h
CAN_RAW_LOOPBACK                     int                CAN_RAW_LOOPBACK         linux/can/raw.h
CAN_RAW_RECV_OWN_MSGS                int                CAN_RAW_RECV_OWN_MSGS    linux/can/raw.h
CAN_RTR_FLAG                         int
CAN_SFF_MASK                         int
EAGAIN                               int
EAI_ADDRFAMILY                       int
EAI_AGAIN                            int
EAI_BADFLAGS                         int
EAI_FAIL                             int
EAI_FAMILY                           int
EAI_MEMORY                           int
EAI_NODATA                           int
EAI_NONAME                           int
EAI_OVERFLOW                         int
EAI_SERVICE                          int
EAI_SOCKTYPE                         int
EAI_SYSTEM                           int
EBADF                                int
ETH_P_ALL                            int
ETHERTYPE_ARP                        int
ETHERTYPE_IP                         int
ETHERTYPE_IPV6                       int
ETHERTYPE_VLAN                       int
EWOULDBLOCK                          int
INADDR_ALLHOSTS_GROUP                int
INADDR_ANY                           int
INADDR_BROADCAST                     int
INADDR_LOOPBACK                      int
INADDR_MAX_LOCAL_GROUP               int
INADDR_NONE                          int
INADDR_UNSPEC_GROUP                  int
IOCTL_VM_SOCKETS_GET_LOCAL_CID       int
IP_ADD_MEMBERSHIP                    int
IP_ADD_SOURCE_MEMBERSHIP             int
IP_BIND_ADDRESS_NO_PORT              int
IP_BLOCK_SOURCE                      int
IP_DEFAULT_MULTICAST_LOOP            int
IP_DEFAULT_MULTICAST_TTL             int
IP_DROP_MEMBERSHIP                   int
IP_DROP_SOURCE_MEMBERSHIP            int
IP_HDRINCL                           int
IP_MAX_MEMBERSHIPS                   int
IP_MULTICAST_IF                      int
IP_MULTICAST_LOOP                    int
IP_MULTICAST_TTL                     int
IP_OPTIONS                           int
IP_PKTINFO                           int
IP_RECVOPTS                          int
IP_RECVRETOPTS                       int
IP_RECVTOS                           int
IP_RETOPTS                           int
IP_TOS                               int
IP_TRANSPARENT                       int
IP_TTL                               int
IP_UNBLOCK_SOURCE                    int
IPPORT_RESERVED                      int
IPPORT_USERRESERVED                  int                IPPORT_USERRESERVED      netinet/in.h
IPPROTO_AH                           int
IPPROTO_DSTOPTS                      int
IPPROTO_EGP                          int
IPPROTO_ESP                          int
IPPROTO_FRAGMENT                     int
IPPROTO_GRE                          int
IPPROTO_HOPOPTS                      int
IPPROTO_ICMP                         int
IPPROTO_ICMPV6                       int
IPPROTO_IDP                          int
IPPROTO_IGMP                         int
IPPROTO_IP                           int
IPPROTO_IPIP                         int
IPPROTO_IPV6                         int
IPPROTO_MPTCP                        int
IPPROTO_NONE                         int
IPPROTO_PIM                          int
IPPROTO_PUP                          int
IPPROTO_RAW                          int
IPPROTO_ROUTING                      int
IPPROTO_RSVP                         int
IPPROTO_SCTP                         int
IPPROTO_TCP                          int
IPPROTO_TP                           int
IPPROTO_UDP                          int
IPPROTO_UDPLITE                      int
IPV6_CHECKSUM                        int
IPV6_DONTFRAG                        int
IPV6_DSTOPTS                         int
IPV6_HOPLIMIT                        int
IPV6_HOPOPTS                         int
IPV6_JOIN_GROUP                      int
IPV6_LEAVE_GROUP                     int
IPV6_MULTICAST_HOPS                  int
IPV6_MULTICAST_IF                    int
IPV6_MULTICAST_LOOP                  int
IPV6_NEXTHOP                         int
IPV6_PATHMTU                         int
IPV6_PKTINFO                         int
IPV6_RECVDSTOPTS                     int
IPV6_RECVHOPLIMIT                    int
IPV6_RECVHOPOPTS                     int
IPV6_RECVPATHMTU                     int
IPV6_RECVPKTINFO                     int
IPV6_RECVRTHDR                       int
IPV6_RECVTCLASS                      int
IPV6_RTHDR                           int
IPV6_RTHDRDSTOPTS                    int
IPV6_RTHDR_TYPE_0                    int
IPV6_TCLASS                          int
IPV6_UNICAST_HOPS                    int
IPV6_V6ONLY                          int
J1939_EE_INFO_NONE                   int                J1939_EE_INFO_NONE       linux/can/j1939.h
J1939_EE_INFO_TX_ABORT               int                J1939_EE_INFO_TX_ABORT   linux/can/j1939.h
J1939_FILTER_MAX                     int
J1939_IDLE_ADDR                      int
J1939_MAX_UNICAST_ADDR               int
J1939_NLA_BYTES_ACKED                int                J1939_NLA_BYTES_ACKED    linux/can/j1939.h
J1939_NLA_PAD                        int                J1939_NLA_PAD            linux/can/j1939.h
J1939_NO_ADDR                        int
J1939_NO_NAME                        int
J1939_NO_PGN                         int
J1939_PGN_ADDRESS_CLAIMED            int
J1939_PGN_ADDRESS_COMMANDED          int
J1939_PGN_MAX                        int
J1939_PGN_PDU1_MAX                   int
J1939_PGN_REQUEST                    int
MSG_CMSG_CLOEXEC                     MsgFlag
MSG_CONFIRM                          MsgFlag
MSG_CTRUNC                           MsgFlag
MSG_DONTROUTE                        MsgFlag
MSG_DONTWAIT                         MsgFlag
MSG_EOR                              MsgFlag
MSG_ERRQUEUE                         MsgFlag
MSG_FASTOPEN                         MsgFlag
MSG_MORE                             MsgFlag
MSG_NOSIGNAL                         MsgFlag
MSG_OOB                              MsgFlag
MSG_PEEK                             MsgFlag
MSG_TRUNC                            MsgFlag
MSG_WAITALL                          MsgFlag
NETLINK_CRYPTO                       int
NETLINK_DNRTMSG                      int
NETLINK_FIREWALL                     int
NETLINK_IP6_FW                       int
NETLINK_NFLOG                        int
NETLINK_ROUTE                        int
NETLINK_USERSOCK                     int
NETLINK_XFRM                         int
NI_DGRAM                             int
NI_IDN                               int
NI_MAXHOST                           int
NI_MAXSERV                           int
NI_NAMEREQD                          int
NI_NOFQDN                            int
NI_NUMERICHOST                       int
NI_NUMERICSERV                       int
PACKET_BROADCAST                     int
PACKET_FASTROUTE                     int
PACKET_HOST                          int
PACKET_LOOPBACK                      int
PACKET_MULTICAST                     int
PACKET_OTHERHOST                     int
PACKET_OUTGOING                      int
PF_CAN                               int
PF_PACKET                            int
PF_RDS                               int
SCM_CREDENTIALS                      int
SCM_J1939_DEST_ADDR                  int                SCM_J1939_DEST_ADDR      linux/can/j1939.h
SCM_J1939_DEST_NAME                  int                SCM_J1939_DEST_NAME      linux/can/j1939.h
SCM_J1939_ERRQUEUE                   int                SCM_J1939_ERRQUEUE       linux/can/j1939.h
SCM_J1939_PRIO                       int                SCM_J1939_PRIO           linux/can/j1939.h
SCM_RIGHTS                           int
SHUT_RD                              int
SHUT_RDWR                            int
SHUT_WR                              int
SO_ACCEPTCONN                        int
SO_BINDTODEVICE                      int
SO_BINDTOIFINDEX                     int
SO_BROADCAST                         int
SO_DEBUG                             int
SO_DOMAIN                            int
SO_DONTROUTE                         int
SO_ERROR                             int
SO_INCOMING_CPU                      int
SO_J1939_ERRQUEUE                    int                SO_J1939_ERRQUEUE        linux/can/j1939.h
SO_J1939_FILTER                      int                SO_J1939_FILTER          linux/can/j1939.h
SO_J1939_PROMISC                     int                SO_J1939_PROMISC         linux/can/j1939.h
SO_J1939_SEND_PRIO                   int                SO_J1939_SEND_PRIO       linux/can/j1939.h
SO_KEEPALIVE                         int
SO_LINGER                            int
SO_MARK                              int
SO_OOBINLINE                         int
SO_PASSCRED                          int
SO_PASSSEC                           int
SO_PEERCRED                          int
SO_PEERSEC                           int
SO_PRIORITY                          int
SO_PROTOCOL                          int
SO_RCVBUF                            int
SO_RCVLOWAT                          int
SO_RCVTIMEO                          int
SO_REUSEADDR                         int
SO_REUSEPORT                         int
SO_SNDBUF                            int
SO_SNDLOWAT                          int
SO_SNDTIMEO                          int
SO_TYPE                              int
SO_VM_SOCKETS_BUFFER_MAX_SIZE        int
SO_VM_SOCKETS_BUFFER_MIN_SIZE        int
SO_VM_SOCKETS_BUFFER_SIZE            int
SOCK_CLOEXEC                         SocketKind/int
SOCK_DGRAM                           SocketKind
SOCK_NONBLOCK                        SocketKind/int
SOCK_RAW                             SocketKind
SOCK_RDM                             SocketKind
SOCK_SEQPACKET                       SocketKind
SOCK_STREAM                          SocketKind
SOL_ALG                              int
SOL_CAN_BASE                         int
SOL_CAN_RAW                          int
SOL_IP                               int
SOL_RDS                              int
SOL_SOCKET                           int
SOL_TCP                              int
SOL_TIPC                             int
SOL_UDP                              int
SOMAXCONN                            int
TCP_CC_INFO                          int
TCP_CONGESTION                       int
TCP_CORK                             int
TCP_DEFER_ACCEPT                     int
TCP_FASTOPEN                         int
TCP_FASTOPEN_CONNECT                 int
TCP_FASTOPEN_KEY                     int
TCP_FASTOPEN_NO_COOKIE               int
TCP_INFO                             int
TCP_INQ                              int
TCP_KEEPCNT                          int
TCP_KEEPIDLE                         int
TCP_KEEPINTVL                        int
TCP_LINGER2                          int
TCP_MAXSEG                           int
TCP_MD5SIG                           int
TCP_MD5SIG_EXT                       int
TCP_NODELAY                          int
TCP_NOTSENT_LOWAT                    int
TCP_QUEUE_SEQ                        int
TCP_QUICKACK                         int
TCP_REPAIR                           int
TCP_REPAIR_OPTIONS                   int
TCP_REPAIR_QUEUE                     int
TCP_REPAIR_WINDOW                    int
TCP_SAVED_SYN                        int
TCP_SAVE_SYN                         int
TCP_SYNCNT                           int
TCP_THIN_DUPACK                      int
TCP_THIN_LINEAR_TIMEOUTS             int
TCP_TIMESTAMP                        int
TCP_TX_DELAY                         int
TCP_ULP                              int
TCP_USER_TIMEOUT                     int
TCP_WINDOW_CLAMP                     int
TCP_ZEROCOPY_RECEIVE                 int
TIPC_ADDR_ID                         int
TIPC_ADDR_NAME                       int
TIPC_ADDR_NAMESEQ                    int
TIPC_CFG_SRV                         int
TIPC_CLUSTER_SCOPE                   int                TIPC_CLUSTER_SCOPE       linux/tipc.h
TIPC_CONN_TIMEOUT                    int
TIPC_CRITICAL_IMPORTANCE             int
TIPC_DEST_DROPPABLE                  int
TIPC_HIGH_IMPORTANCE                 int
TIPC_IMPORTANCE                      int
TIPC_LOW_IMPORTANCE                  int
TIPC_MEDIUM_IMPORTANCE               int
TIPC_NODE_SCOPE                      int                TIPC_NODE_SCOPE          linux/tipc.h
TIPC_PUBLISHED                       int
TIPC_SRC_DROPPABLE                   int
TIPC_SUBSCR_TIMEOUT                  int
TIPC_SUB_CANCEL                      int
TIPC_SUB_PORTS                       int
TIPC_SUB_SERVICE                     int
TIPC_TOP_SRV                         int
TIPC_WAIT_FOREVER                    int
TIPC_WITHDRAWN                       int
TIPC_ZONE_SCOPE                      int
UDPLITE_RECV_CSCOV                   int
UDPLITE_SEND_CSCOV                   int
VM_SOCKETS_INVALID_VERSION           int
VMADDR_CID_ANY                       int
VMADDR_CID_HOST                      int
VMADDR_PORT_ANY                      int
"""

# Beyond the standard module: the Linux names of typedsock's typed control messages
# (``ancillary``) and of the options that turn them on.
BEYOND = """
IPV6_MTU                             int
IPV6_MTU_DISCOVER                    int
IPV6_MULTICAST_ALL                   int
IPV6_ORIGDSTADDR                     int
IPV6_PMTUDISC_DO                     int
IPV6_PMTUDISC_DONT                   int
IPV6_PMTUDISC_INTERFACE              int
IPV6_PMTUDISC_OMIT                   int
IPV6_PMTUDISC_PROBE                  int
IPV6_PMTUDISC_WANT                   int
IPV6_RECVERR                         int
IPV6_RECVORIGDSTADDR                 int
IP_FREEBIND                          int
IP_MTU                               int
IP_MTU_DISCOVER                      int
IP_MULTICAST_ALL                     int
IP_ORIGDSTADDR                       int
IP_PMTUDISC_DO                       int
IP_PMTUDISC_DONT                     int
IP_PMTUDISC_INTERFACE                int
IP_PMTUDISC_OMIT                     int
IP_PMTUDISC_PROBE                    int
IP_PMTUDISC_WANT                     int
IP_RECVERR                           int
IP_RECVORIGDSTADDR                   int
IP_RECVTTL                           int
MCAST_JOIN_SOURCE_GROUP              int
MCAST_LEAVE_SOURCE_GROUP             int
SCM_TIMESTAMP                        int
SCM_TIMESTAMPING                     int
SCM_TIMESTAMPNS                      int
SOF_TIMESTAMPING_BIND_PHC            int                SOF_TIMESTAMPING_BIND_PHC linux/net_tstamp.h
SOF_TIMESTAMPING_OPT_CMSG            int                SOF_TIMESTAMPING_OPT_CMSG linux/net_tstamp.h
SOF_TIMESTAMPING_OPT_ID              int                SOF_TIMESTAMPING_OPT_ID  linux/net_tstamp.h
SOF_TIMESTAMPING_OPT_PKTINFO         int                SOF_TIMESTAMPING_OPT_PKTINFO linux/net_tstamp.h
SOF_TIMESTAMPING_OPT_STATS           int                SOF_TIMESTAMPING_OPT_STATS linux/net_tstamp.h
SOF_TIMESTAMPING_OPT_TSONLY          int                SOF_TIMESTAMPING_OPT_TSONLY linux/net_tstamp.h
SOF_TIMESTAMPING_OPT_TX_SWHW         int                SOF_TIMESTAMPING_OPT_TX_SWHW linux/net_tstamp.h
SOF_TIMESTAMPING_RAW_HARDWARE        int                SOF_TIMESTAMPING_RAW_HARDWARE linux/net_tstamp.h
SOF_TIMESTAMPING_RX_HARDWARE         int                SOF_TIMESTAMPING_RX_HARDWARE linux/net_tstamp.h
SOF_TIMESTAMPING_RX_SOFTWARE         int                SOF_TIMESTAMPING_RX_SOFTWARE linux/net_tstamp.h
SOF_TIMESTAMPING_SOFTWARE            int                SOF_TIMESTAMPING_SOFTWARE linux/net_tstamp.h
SOF_TIMESTAMPING_SYS_HARDWARE        int                SOF_TIMESTAMPING_SYS_HARDWARE linux/net_tstamp.h
SOF_TIMESTAMPING_TX_ACK              int                SOF_TIMESTAMPING_TX_ACK  linux/net_tstamp.h
SOF_TIMESTAMPING_TX_HARDWARE         int                SOF_TIMESTAMPING_TX_HARDWARE linux/net_tstamp.h
SOF_TIMESTAMPING_TX_SCHED            int                SOF_TIMESTAMPING_TX_SCHED linux/net_tstamp.h
SOF_TIMESTAMPING_TX_SOFTWARE         int                SOF_TIMESTAMPING_TX_SOFTWARE linux/net_tstamp.h
SO_BUSY_POLL                         int
SO_COOKIE                            int
SO_EE_ORIGIN_ICMP                    int
SO_EE_ORIGIN_ICMP6                   int
SO_EE_ORIGIN_LOCAL                   int
SO_EE_ORIGIN_NONE                    int
SO_EE_ORIGIN_TIMESTAMPING            int
SO_EE_ORIGIN_TXSTATUS                int
SO_EE_ORIGIN_TXTIME                  int
SO_EE_ORIGIN_ZEROCOPY                int
SO_TIMESTAMP                         int
SO_TIMESTAMPING                      int
SO_TIMESTAMPNS                       int
SO_ZEROCOPY                          int
TCPI_OPT_ECN                         int
TCPI_OPT_ECN_SEEN                    int
TCPI_OPT_SACK                        int
TCPI_OPT_SYN_DATA                    int
TCPI_OPT_TIMESTAMPS                  int
TCPI_OPT_WSCALE                      int
TCP_CA_CWR                           int                TCP_CA_CWR netinet/tcp.h
TCP_CA_Disorder                      int                TCP_CA_Disorder netinet/tcp.h
TCP_CA_Loss                          int                TCP_CA_Loss netinet/tcp.h
TCP_CA_Open                          int                TCP_CA_Open netinet/tcp.h
TCP_CA_Recovery                      int                TCP_CA_Recovery netinet/tcp.h
TCP_CLOSE                            int                TCP_CLOSE netinet/tcp.h
TCP_CLOSE_WAIT                       int                TCP_CLOSE_WAIT netinet/tcp.h
TCP_CLOSING                          int                TCP_CLOSING netinet/tcp.h
TCP_ESTABLISHED                      int                TCP_ESTABLISHED netinet/tcp.h
TCP_FIN_WAIT1                        int                TCP_FIN_WAIT1 netinet/tcp.h
TCP_FIN_WAIT2                        int                TCP_FIN_WAIT2 netinet/tcp.h
TCP_LAST_ACK                         int                TCP_LAST_ACK netinet/tcp.h
TCP_LISTEN                           int                TCP_LISTEN netinet/tcp.h
TCP_SYN_RECV                         int                TCP_SYN_RECV netinet/tcp.h
TCP_SYN_SENT                         int                TCP_SYN_SENT netinet/tcp.h
TCP_TIME_WAIT                        int                TCP_TIME_WAIT netinet/tcp.h
UDP_CORK                             int
UDP_GRO                              int
UDP_SEGMENT                          int
"""


class Entry(NamedTuple):
    """One line of TABLE."""

    name: str
    group: str  # "int" or one of ENUMS
    typed_int: bool  # the module-level name is declared Final[int], not the literal member
    expression: str  # the C expression of its value
    header: Optional[str]  # present when this header exists (None: when NAME is #defined)
    standard: bool  # a name of the standard module (TABLE), or one typedsock adds (BEYOND)


def entries() -> List[Entry]:
    """TABLE, then BEYOND, parsed."""
    result: List[Entry] = []
    lines = [(line, True) for line in TABLE.splitlines()] + [(line, False) for line in BEYOND.splitlines()]
    for line, standard in lines:
        fields = line.split()
        if not fields:
            continue
        name, group = fields[0], fields[1]
        typed_int = group.endswith("/int")
        group = group.split("/")[0]
        if group != "int" and group not in ENUMS:
            raise ValueError(f"{name}: unknown group {group}")
        expression, header = (fields[2], fields[3]) if len(fields) == 4 else (name, None)
        result.append(Entry(name, group, typed_int, expression, header, standard))
    return result
