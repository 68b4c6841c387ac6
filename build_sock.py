"""cffi build script for ``typedsock._sock`` (out-of-line API mode).

The cdef below is what Python sees: system calls, constants, structs and the
``ts_*`` helpers of the C shim, ``csrc/shim.c`` (one system call's worth of
marshalling per helper; see its opening comment).  The shim is a plain C file
that also compiles on its own, and this script little more than cdef and
set_source.

Every constant is declared with ``...`` so its value comes from the system
headers at build time; nothing numeric is typed into Python, and a constant the
headers lack fails the build.

    python build_sock.py                   build typedsock/_sock*.so here (ffibuilder.compile)
    python build_sock.py --check-warnings  compile csrc/shim.c alone, gcc -Wall -Wextra -Werror
"""

from __future__ import annotations

import os
import subprocess
import sys

import cffi

HERE = os.path.dirname(os.path.abspath(__file__))
CSRC = os.path.join(HERE, "csrc")
SHIM = os.path.join(CSRC, "shim.c")

# Integer constants read from the headers.  Grouped only for the reader; the
# facade looks them up by name.
CONSTANTS = """
    AF_UNIX AF_INET AF_INET6 AF_UNSPEC
    SOCK_STREAM SOCK_DGRAM SOCK_RAW SOCK_SEQPACKET SOCK_NONBLOCK SOCK_CLOEXEC
    SOL_SOCKET SO_REUSEADDR SO_REUSEPORT SO_KEEPALIVE SO_BROADCAST SO_LINGER
    SO_RCVBUF SO_SNDBUF SO_RCVTIMEO SO_SNDTIMEO SO_ERROR SO_TYPE SO_ACCEPTCONN
    SO_PEERCRED SO_DOMAIN SO_PROTOCOL
    IPPROTO_IP IPPROTO_TCP IPPROTO_UDP IPPROTO_IPV6 TCP_NODELAY IPV6_V6ONLY
    MSG_PEEK MSG_OOB MSG_WAITALL MSG_DONTWAIT MSG_TRUNC MSG_NOSIGNAL MSG_CTRUNC
    MSG_WAITFORONE MSG_CMSG_CLOEXEC
    SHUT_RD SHUT_WR SHUT_RDWR SOMAXCONN SCM_RIGHTS
    POLLIN POLLOUT
    AI_PASSIVE AI_CANONNAME AI_NUMERICHOST AI_NUMERICSERV AI_ADDRCONFIG AI_V4MAPPED
    NI_NUMERICHOST NI_NUMERICSERV NI_NAMEREQD NI_DGRAM NI_MAXHOST NI_MAXSERV
    EAI_AGAIN EAI_BADFLAGS EAI_FAIL EAI_FAMILY EAI_MEMORY EAI_NONAME EAI_SERVICE
    EAI_SOCKTYPE EAI_SYSTEM
    EINTR EAGAIN EINPROGRESS EALREADY EISCONN EBADF EINVAL EAFNOSUPPORT ECONNRESET
    ESOCKTNOSUPPORT
    INET6_ADDRSTRLEN
""".split()

# Unsigned 32-bit constants (INADDR_BROADCAST does not fit a C int).
UNSIGNED_CONSTANTS = "INADDR_ANY INADDR_LOOPBACK INADDR_BROADCAST INADDR_NONE".split()

CDEF = (
    "\n".join(f"#define {name} ..." for name in CONSTANTS + UNSIGNED_CONSTANTS)
    + """
typedef int... socklen_t;
typedef int... ssize_t;
typedef int... pid_t;
typedef int... uid_t;
typedef int... gid_t;

struct sockaddr { ...; };
struct sockaddr_storage { ...; };  /* allocated, then used as struct sockaddr * */
struct addrinfo {
    int ai_flags;
    int ai_family;
    int ai_socktype;
    int ai_protocol;
    socklen_t ai_addrlen;
    struct sockaddr *ai_addr;
    char *ai_canonname;
    struct addrinfo *ai_next;
    ...;
};
struct ucred { pid_t pid; uid_t uid; gid_t gid; };
struct linger { int l_onoff; int l_linger; };
struct timeval { long tv_sec; long tv_usec; ...; };
struct iovec { void *iov_base; size_t iov_len; };
struct msghdr {
    void *msg_name;
    socklen_t msg_namelen;
    struct iovec *msg_iov;
    size_t msg_iovlen;
    void *msg_control;
    size_t msg_controllen;
    int msg_flags;
    ...;
};

static const size_t TS_SUN_PATH_SIZE;     /* sizeof(((struct sockaddr_un *)0)->sun_path) */
static const size_t TS_SUN_PATH_OFFSET;   /* offsetof(struct sockaddr_un, sun_path) */
static const size_t TS_SOCKADDR_STORAGE_SIZE;
#define TS_MMSG_MAX ...   /* most messages one ts_sendmmsg/ts_recvmmsg takes */

/* The system calls, called directly. */
int socket(int, int, int);
int socketpair(int, int, int, int[2]);
int bind(int, const struct sockaddr *, socklen_t);
int connect(int, const struct sockaddr *, socklen_t);
int listen(int, int);
ssize_t send(int, const char *, size_t, int);
ssize_t recv(int, char *, size_t, int);
ssize_t sendto(int, const char *, size_t, int, const struct sockaddr *, socklen_t);
ssize_t sendmsg(int, const struct msghdr *, int);
ssize_t recvmsg(int, struct msghdr *, int);
int shutdown(int, int);
int close(int);
int getsockopt(int, int, int, char *, socklen_t *);
int setsockopt(int, int, int, const char *, socklen_t);
int getaddrinfo(const char *, const char *, const struct addrinfo *, struct addrinfo **);
void freeaddrinfo(struct addrinfo *);
const char *gai_strerror(int);
int getnameinfo(const struct sockaddr *, socklen_t, char *, socklen_t,
                char *, socklen_t, int);
int gethostname(char *, size_t);

/* The shim (csrc/shim.c): one call's worth of marshalling each. */
/* The calls that return an address: *len is set to the storage size first, and
   *key to the address's INET key + 1 (0 for other families), so the facade reads
   one number instead of decoding the sockaddr again. */
int ts_accept(int fd, struct sockaddr *sa, socklen_t *len, int64_t *key);
ssize_t ts_recvfrom(int fd, char *buf, size_t n, int flags, struct sockaddr *sa, socklen_t *len,
                    int64_t *key);
int ts_getsockname(int fd, struct sockaddr *sa, socklen_t *len, int64_t *key);
int ts_getpeername(int fd, struct sockaddr *sa, socklen_t *len, int64_t *key);
int ts_dup(int fd);
int ts_set_nonblocking(int fd, int on);
int ts_wait(int fd, int events, int timeout_ms);
int ts_getservbyname(const char *name, const char *proto);
int ts_getservbyport(int port, const char *proto, char *out, size_t outlen);

socklen_t ts_put_inet(struct sockaddr *ss, const char *host);
socklen_t ts_put_inet_u32(struct sockaddr *ss, uint32_t host_order);
socklen_t ts_put_inet6(struct sockaddr *ss, const char *host);
void ts_set_port(struct sockaddr *ss, int port, uint32_t flowinfo, int64_t scope_id);
socklen_t ts_put_unix(struct sockaddr *ss, const char *path, size_t len);

int ts_family(const void *ss);
int64_t ts_inet_key(const void *sa, socklen_t len);
int ts_get_inet(const void *ss, char *host, int *port);
int ts_get_inet6(const void *ss, char *host, int *port,
                 uint32_t *flowinfo, uint32_t *scope_id);
size_t ts_get_unix(const void *ss, socklen_t len, char **path);

int ts_sendmmsg(int fd, char **bufs, const size_t *lens, unsigned int count,
                struct sockaddr **addrs, const socklen_t *addrlens, int flags);
int ts_recvmmsg(int fd, char **bufs, const size_t *buflens, unsigned int count,
                char *addrs, socklen_t *addrlens, size_t *lens, int flags);

size_t ts_cmsg_space(size_t nfds);
ssize_t ts_send_fds(int fd, const struct iovec *iov, size_t niov, const int *fds, size_t nfds,
                    char *control, int flags, const struct sockaddr *addr, socklen_t addrlen);
ssize_t ts_recv_fds(int fd, char *buf, size_t len, char *control, size_t controllen,
                    int *fds, size_t maxfds, size_t *nfds, int *msg_flags, int flags,
                    struct sockaddr *addr, socklen_t *addrlen);

/* Address conversions and name lookups (typedsock/_convert.py, _names.py). */
#define IF_NAMESIZE ...
#define ERANGE ...
struct in_addr { ...; };
struct in6_addr { ...; };
struct hostent { char *h_name; char **h_aliases; int h_addrtype; int h_length;
                 char **h_addr_list; ...; };
struct if_nameindex { unsigned int if_index; char *if_name; };
int inet_aton(const char *, struct in_addr *);
int inet_pton(int, const char *, void *);
const char *inet_ntop(int, const void *, char *, socklen_t);
uint16_t htons(uint16_t);
uint16_t ntohs(uint16_t);
uint32_t htonl(uint32_t);
uint32_t ntohl(uint32_t);
unsigned int if_nametoindex(const char *);
char *if_indextoname(unsigned int, char *);
struct if_nameindex *if_nameindex(void);
void if_freenameindex(struct if_nameindex *);
const char *hstrerror(int);
int gethostbyname_r(const char *, struct hostent *, char *, size_t, struct hostent **, int *);
int ts_gethostbyaddr(const struct sockaddr *ss, struct hostent *ent, char *buf, size_t buflen,
                     struct hostent **res, int *h_err);
int ts_getprotobyname(const char *name);
"""
)

ffibuilder = cffi.FFI()
ffibuilder.cdef(CDEF)
# The shim is #included rather than read into the preamble: the compiler then
# names csrc/shim.c and its own lines in diagnostics (and cffi's generated code
# by its own), and `depends` rebuilds the module when only shim.c changed (the
# generated _sock.c does not change then).  py_limited_api=True (cffi's default
# too, stated so it cannot drift): the module is built against the stable ABI,
# and the wheel is tagged cp39-abi3 to match.
ffibuilder.set_source(
    "typedsock._sock",
    '#include "shim.c"',
    include_dirs=[CSRC],
    depends=[SHIM],
    py_limited_api=True,
)

# The shim compiled on its own, as C, every -Wall -Wextra warning an error
# (run from the project root).
WARNINGS_COMMAND = ["gcc", "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-c", "csrc/shim.c", "-o", "/dev/null"]


def check_warnings() -> int:
    """Run WARNINGS_COMMAND; its exit status (0: the shim compiles warning-free)."""
    print(" ".join(WARNINGS_COMMAND), flush=True)
    return subprocess.call(WARNINGS_COMMAND, cwd=HERE)


if __name__ == "__main__":
    if sys.argv[1:] == ["--check-warnings"]:
        sys.exit(check_warnings())
    if sys.argv[1:]:
        sys.exit(f"usage: {sys.argv[0]} [--check-warnings]")
    ffibuilder.compile(verbose=True)
