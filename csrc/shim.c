/* The C shim of typedsock._sock (built by build_sock.py, which declares every
   function and constant here in its cdef).

   Each ts_* helper does one system call's worth of marshalling (mostly struct
   sockaddr_* packing and unpacking, so Python never builds sockaddr bytes by
   hand) and reports errors exactly as the system call does (-1 and errno).
   Retry loops (EINTR, PEP 475) and timeouts live in Python, where signal
   handlers can run.

   This file is also the preamble of the cffi build, so it includes the header
   of everything the cdef names (the constants, struct ucred, struct timeval,
   the resolver and interface calls), not only what the helpers use.  It also
   compiles on its own, warnings as errors:

       gcc -std=gnu11 -Wall -Wextra -Werror -c csrc/shim.c -o /dev/null

   (python build_sock.py --check-warnings runs exactly that). */

/* accept4, sendmmsg/recvmmsg, MSG_WAITFORONE, MSG_CMSG_CLOEXEC, SO_DOMAIN,
   SO_PROTOCOL, struct ucred and the *_r resolver calls are GNU extensions.  In
   the cffi build Python.h (pyconfig.h) has defined _GNU_SOURCE before this
   file is included; compiled on its own, the file defines it here, before any
   system header. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <netdb.h>
#include <fcntl.h>
#include <poll.h>
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

/* The helpers are not static, so that a standalone compile checks them
   (-Wunused-function would flag every static one: only the cffi wrappers call
   them), and hidden, so that the extension module still exports nothing but
   its init function. */
#pragma GCC visibility push(hidden)

const size_t TS_SUN_PATH_SIZE = sizeof(((struct sockaddr_un *)0)->sun_path);
const size_t TS_SUN_PATH_OFFSET = offsetof(struct sockaddr_un, sun_path);
const size_t TS_SOCKADDR_STORAGE_SIZE = sizeof(struct sockaddr_storage);

/* Most messages one ts_sendmmsg/ts_recvmmsg takes (their arrays are on the
   stack: 80 KiB at most on x86-64). */
#define TS_MMSG_MAX 1024

/* ((host-order address << 16) | port) + 1 for an AF_INET address, else 0:
   one integer that names it. */
int64_t ts_inet_key(const void *sa, socklen_t len)
{
    const struct sockaddr_in *sin = (const struct sockaddr_in *)sa;
    if (len < (socklen_t)sizeof *sin || sin->sin_family != AF_INET)
        return 0;
    return (((int64_t)ntohl(sin->sin_addr.s_addr) << 16) | ntohs(sin->sin_port)) + 1;
}

/* The calls that return an address: *len is set to the storage size first, and
   *key to the address's INET key (see ts_inet_key). */
int ts_accept(int fd, struct sockaddr *sa, socklen_t *len, int64_t *key)
{
    int conn;
    *len = sizeof(struct sockaddr_storage);
    conn = accept4(fd, sa, len, SOCK_CLOEXEC);
    if (conn >= 0)
        *key = ts_inet_key(sa, *len);
    return conn;
}

ssize_t ts_recvfrom(int fd, char *buf, size_t n, int flags, struct sockaddr *sa,
                    socklen_t *len, int64_t *key)
{
    ssize_t got;
    *len = sizeof(struct sockaddr_storage);
    got = recvfrom(fd, buf, n, flags, sa, len);
    if (got >= 0)
        *key = ts_inet_key(sa, *len);
    return got;
}

int ts_getsockname(int fd, struct sockaddr *sa, socklen_t *len, int64_t *key)
{
    int r;
    *len = sizeof(struct sockaddr_storage);
    r = getsockname(fd, sa, len);
    if (r == 0)
        *key = ts_inet_key(sa, *len);
    return r;
}

int ts_getpeername(int fd, struct sockaddr *sa, socklen_t *len, int64_t *key)
{
    int r;
    *len = sizeof(struct sockaddr_storage);
    r = getpeername(fd, sa, len);
    if (r == 0)
        *key = ts_inet_key(sa, *len);
    return r;
}

int ts_dup(int fd)
{
    return fcntl(fd, F_DUPFD_CLOEXEC, 0);
}

int ts_set_nonblocking(int fd, int on)
{
    return ioctl(fd, FIONBIO, &on);
}

/* Wait for `events` on fd: >0 ready, 0 timed out, -1 error (errno).  A negative
   fd (a socket closed meanwhile by another thread) is EBADF: poll() would skip it
   and wait for nothing. */
int ts_wait(int fd, int events, int timeout_ms)
{
    struct pollfd p;
    if (fd < 0) {
        errno = EBADF;
        return -1;
    }
    p.fd = fd;
    p.events = (short)events;
    p.revents = 0;
    return poll(&p, 1, timeout_ms);
}

/* Port in host order, or -1 when the service is unknown. */
int ts_getservbyname(const char *name, const char *proto)
{
    struct servent ent, *res = NULL;
    char buf[2048];
    if (getservbyname_r(name, proto, &ent, buf, sizeof buf, &res) != 0 || res == NULL)
        return -1;
    return ntohs((uint16_t)res->s_port);
}

/* Copies the service name into out; returns its length, or -1 when unknown. */
int ts_getservbyport(int port, const char *proto, char *out, size_t outlen)
{
    struct servent ent, *res = NULL;
    char buf[2048];
    size_t n;
    if (getservbyport_r(htons((uint16_t)port), proto, &ent, buf, sizeof buf, &res) != 0
        || res == NULL)
        return -1;
    n = strlen(res->s_name);
    if (n >= outlen)
        return -1;
    memcpy(out, res->s_name, n + 1);
    return (int)n;
}

/* The IPv4 and IPv6 host rules (typedsock/_resolve.py's setipaddr) fill in the
   address with these, port 0; ts_set_port then sets the port and the IPv6 fields. */

/* Numeric IPv4 text -> sockaddr_in; returns its length, 0 if not numeric. */
socklen_t ts_put_inet(struct sockaddr *ss, const char *host)
{
    struct sockaddr_in *sin = (struct sockaddr_in *)ss;
    memset(sin, 0, sizeof *sin);
    if (inet_pton(AF_INET, host, &sin->sin_addr) != 1)
        return 0;
    sin->sin_family = AF_INET;
    return sizeof *sin;
}

socklen_t ts_put_inet_u32(struct sockaddr *ss, uint32_t host_order)
{
    struct sockaddr_in *sin = (struct sockaddr_in *)ss;
    memset(sin, 0, sizeof *sin);
    sin->sin_family = AF_INET;
    sin->sin_addr.s_addr = htonl(host_order);
    return sizeof *sin;
}

/* Numeric IPv6 text (no "%zone") -> sockaddr_in6; returns its length, 0 if not numeric. */
socklen_t ts_put_inet6(struct sockaddr *ss, const char *host)
{
    struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
    memset(sin6, 0, sizeof *sin6);
    if (inet_pton(AF_INET6, host, &sin6->sin6_addr) != 1)
        return 0;
    sin6->sin6_family = AF_INET6;
    return sizeof *sin6;
}

/* The port of a sockaddr_in or sockaddr_in6 and, for the latter, its flowinfo and
   scope id; a negative scope_id keeps the scope id the address has (the "%zone"
   getaddrinfo resolved).  Any other family is left alone. */
void ts_set_port(struct sockaddr *ss, int port, uint32_t flowinfo, int64_t scope_id)
{
    if (ss->sa_family == AF_INET) {
        ((struct sockaddr_in *)ss)->sin_port = htons((uint16_t)port);
    } else if (ss->sa_family == AF_INET6) {
        struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
        sin6->sin6_port = htons((uint16_t)port);
        sin6->sin6_flowinfo = htonl(flowinfo);
        if (scope_id >= 0)
            sin6->sin6_scope_id = (uint32_t)scope_id;
    }
}

/* path[0..len) -> sockaddr_un.  A pathname (path[0] != 0) gets a NUL after it
   and may hold at most sizeof(sun_path) - 1 bytes; an abstract name (path[0]
   == 0) is taken as is, up to sizeof(sun_path) bytes; an empty one is just the
   family (Linux autobind).  Returns the address length, or 0 when it does not
   fit (never truncates). */
socklen_t ts_put_unix(struct sockaddr *ss, const char *path, size_t len)
{
    struct sockaddr_un *sun = (struct sockaddr_un *)ss;
    size_t nul = len > 0 && path[0] != '\0';   /* a pathname gets its NUL */
    if (len > sizeof sun->sun_path - nul)
        return 0;
    memset(sun, 0, sizeof *sun);
    sun->sun_family = AF_UNIX;
    memcpy(sun->sun_path, path, len);
    return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len + nul);
}

int ts_family(const void *ss)
{
    return ((const struct sockaddr *)ss)->sa_family;
}

/* sockaddr_in -> dotted quad in host (INET_ADDRSTRLEN bytes) and port. */
int ts_get_inet(const void *ss, char *host, int *port)
{
    const struct sockaddr_in *sin = (const struct sockaddr_in *)ss;
    if (inet_ntop(AF_INET, &sin->sin_addr, host, INET_ADDRSTRLEN) == NULL)
        return -1;
    *port = ntohs(sin->sin_port);
    return 0;
}

/* sockaddr_in6 -> text in host (INET6_ADDRSTRLEN bytes), port, flow info and
   scope id. */
int ts_get_inet6(const void *ss, char *host, int *port,
                 uint32_t *flowinfo, uint32_t *scope_id)
{
    const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)ss;
    if (inet_ntop(AF_INET6, &sin6->sin6_addr, host, INET6_ADDRSTRLEN) == NULL)
        return -1;
    *port = ntohs(sin6->sin6_port);
    *flowinfo = ntohl(sin6->sin6_flowinfo);
    *scope_id = sin6->sin6_scope_id;
    return 0;
}

/* The name held in a sockaddr_un of length len: *path points at it, the
   result is its length.  An abstract name (leading NUL) is kept whole; a
   pathname stops at its first NUL (the kernel may count a trailing one).
   Never reads past sun_path, whatever len says. */
size_t ts_get_unix(const void *ss, socklen_t len, char **path)
{
    struct sockaddr_un *sun = (struct sockaddr_un *)ss;
    size_t off = offsetof(struct sockaddr_un, sun_path), n;
    *path = sun->sun_path;
    if (len <= off)
        return 0;
    n = len - off;
    if (n > sizeof sun->sun_path)
        n = sizeof sun->sun_path;
    if (sun->sun_path[0] == '\0')
        return n;
    return strnlen(sun->sun_path, n);
}

/* One sendmmsg: message i is bufs[i][0..lens[i]), sent to addrs[i] (addrlens[i]
   bytes), or to the connected peer when addrs is NULL.  count is at most
   TS_MMSG_MAX.  Returns how many messages were sent, or -1. */
int ts_sendmmsg(int fd, char **bufs, const size_t *lens, unsigned int count,
                struct sockaddr **addrs, const socklen_t *addrlens, int flags)
{
    struct mmsghdr msgs[TS_MMSG_MAX];
    struct iovec iov[TS_MMSG_MAX];
    unsigned int i;
    if (count > TS_MMSG_MAX) {
        errno = EINVAL;
        return -1;
    }
    memset(msgs, 0, sizeof(struct mmsghdr) * count);
    for (i = 0; i < count; i++) {
        iov[i].iov_base = bufs[i];
        iov[i].iov_len = lens[i];
        msgs[i].msg_hdr.msg_iov = &iov[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
        if (addrs) {
            msgs[i].msg_hdr.msg_name = addrs[i];
            msgs[i].msg_hdr.msg_namelen = addrlens[i];
        }
    }
    return sendmmsg(fd, msgs, count, flags);
}

/* One recvmmsg (MSG_WAITFORONE: waits for the first message only) of up to
   count messages: message i lands in bufs[i] (buflens[i] bytes), its length in
   lens[i], its sender in addrs + i * TS_SOCKADDR_STORAGE_SIZE (addrlens[i]). */
int ts_recvmmsg(int fd, char **bufs, const size_t *buflens, unsigned int count,
                char *addrs, socklen_t *addrlens, size_t *lens, int flags)
{
    struct mmsghdr msgs[TS_MMSG_MAX];
    struct iovec iov[TS_MMSG_MAX];
    unsigned int i;
    int n;
    if (count > TS_MMSG_MAX) {
        errno = EINVAL;
        return -1;
    }
    memset(msgs, 0, sizeof(struct mmsghdr) * count);
    for (i = 0; i < count; i++) {
        iov[i].iov_base = bufs[i];
        iov[i].iov_len = buflens[i];
        msgs[i].msg_hdr.msg_iov = &iov[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
        msgs[i].msg_hdr.msg_name = addrs + i * sizeof(struct sockaddr_storage);
        msgs[i].msg_hdr.msg_namelen = sizeof(struct sockaddr_storage);
    }
    n = recvmmsg(fd, msgs, count, flags | MSG_WAITFORONE, NULL);
    for (i = 0; n > 0 && i < (unsigned int)n; i++) {
        lens[i] = msgs[i].msg_len;
        addrlens[i] = msgs[i].msg_hdr.msg_namelen;
    }
    return n;
}

/* Bytes of control buffer that SCM_RIGHTS with nfds descriptors needs. */
size_t ts_cmsg_space(size_t nfds)
{
    return CMSG_SPACE(nfds * sizeof(int));
}

/* CMSG_LEN(length) and CMSG_SPACE(length) with the standard module's range checks
   (its get_CMSG_LEN/get_CMSG_SPACE): 1 and *result set, or 0 when the result would
   not fit a socklen_t's positive range (INT_MAX, CPython's SOCKLEN_T_LIMIT). */
int ts_cmsg_len_checked(size_t length, size_t *result)
{
    size_t tmp;
    if (length > (size_t)INT_MAX - CMSG_LEN(0))
        return 0;
    tmp = CMSG_LEN(length);
    if (tmp > (size_t)INT_MAX || tmp < length)
        return 0;
    *result = tmp;
    return 1;
}

int ts_cmsg_space_checked(size_t length, size_t *result)
{
    size_t tmp;
    /* CMSG_SPACE(1): the padding before *and* after the data. */
    if (length > (size_t)INT_MAX - CMSG_SPACE(1))
        return 0;
    tmp = CMSG_SPACE(length);
    if (tmp > (size_t)INT_MAX || tmp < length)
        return 0;
    *result = tmp;
    return 1;
}

/* sendmsg of iov[0..niov) with fds[0..nfds) as SCM_RIGHTS; control must hold
   ts_cmsg_space(nfds) bytes.  addr may be NULL (connected socket). */
ssize_t ts_send_fds(int fd, const struct iovec *iov, size_t niov, const int *fds, size_t nfds,
                    char *control, int flags, const struct sockaddr *addr, socklen_t addrlen)
{
    struct msghdr msg;
    memset(&msg, 0, sizeof msg);
    msg.msg_name = (void *)addr;
    msg.msg_namelen = addr ? addrlen : 0;
    msg.msg_iov = (struct iovec *)iov;
    msg.msg_iovlen = niov;
    if (nfds > 0) {
        struct cmsghdr *cmsg;
        memset(control, 0, CMSG_SPACE(nfds * sizeof(int)));
        msg.msg_control = control;
        msg.msg_controllen = CMSG_SPACE(nfds * sizeof(int));
        cmsg = CMSG_FIRSTHDR(&msg);
        cmsg->cmsg_level = SOL_SOCKET;
        cmsg->cmsg_type = SCM_RIGHTS;
        cmsg->cmsg_len = CMSG_LEN(nfds * sizeof(int));
        memcpy(CMSG_DATA(cmsg), fds, nfds * sizeof(int));
    }
    return sendmsg(fd, &msg, flags);
}

/* recvmsg into buf, collecting SCM_RIGHTS descriptors (received close-on-exec)
   into fds[0..maxfds); *nfds is how many.  Any beyond maxfds are closed and
   MSG_CTRUNC is set in *msg_flags. */
ssize_t ts_recv_fds(int fd, char *buf, size_t len, char *control, size_t controllen,
                    int *fds, size_t maxfds, size_t *nfds, int *msg_flags, int flags,
                    struct sockaddr *addr, socklen_t *addrlen)
{
    struct msghdr msg;
    struct iovec iov;
    struct cmsghdr *cmsg;
    ssize_t n;
    iov.iov_base = buf;
    iov.iov_len = len;
    memset(&msg, 0, sizeof msg);
    msg.msg_name = addr;
    msg.msg_namelen = *addrlen;
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = controllen ? control : NULL;
    msg.msg_controllen = controllen;
    *nfds = 0;
    n = recvmsg(fd, &msg, flags | MSG_CMSG_CLOEXEC);
    if (n < 0)
        return n;
    *addrlen = msg.msg_namelen;
    *msg_flags = msg.msg_flags & ~MSG_CMSG_CLOEXEC;  /* our flag, not the message's */
    for (cmsg = CMSG_FIRSTHDR(&msg); cmsg != NULL; cmsg = CMSG_NXTHDR(&msg, cmsg)) {
        if (cmsg->cmsg_level == SOL_SOCKET && cmsg->cmsg_type == SCM_RIGHTS) {
            /* The descriptors are the whole ints after the header, up to the
               end of this message (cmsg_len) and of what the kernel wrote
               (msg_controllen): a cmsg_len shorter than the header, or longer
               than the buffer, reads nothing outside it. */
            const unsigned char *data = CMSG_DATA(cmsg);
            size_t head = (size_t)(data - (const unsigned char *)cmsg);
            const unsigned char *limit = (const unsigned char *)control + msg.msg_controllen;
            size_t room = data < limit ? (size_t)(limit - data) : 0;
            size_t bytes = cmsg->cmsg_len > head ? (size_t)cmsg->cmsg_len - head : 0;
            size_t count, i;
            if (bytes > room)
                bytes = room;
            count = bytes / sizeof(int);
            for (i = 0; i < count; i++) {
                int received;
                memcpy(&received, data + i * sizeof(int), sizeof(int));
                if (*nfds < maxfds) {
                    fds[(*nfds)++] = received;
                } else {            /* no room: close it, and say so as the kernel would */
                    close(received);
                    *msg_flags |= MSG_CTRUNC;
                }
            }
        }
    }
    return n;
}

/* gethostbyaddr_r for the address a sockaddr_in or sockaddr_in6 holds: the
   _r call's result (ERANGE: buf too small); *h_err is its h_errno-style code. */
int ts_gethostbyaddr(const struct sockaddr *ss, struct hostent *ent, char *buf, size_t buflen,
                     struct hostent **res, int *h_err)
{
    const void *addr;
    socklen_t len;
    if (ss->sa_family == AF_INET6) {
        addr = &((const struct sockaddr_in6 *)ss)->sin6_addr;
        len = sizeof(struct in6_addr);
    } else {
        addr = &((const struct sockaddr_in *)ss)->sin_addr;
        len = sizeof(struct in_addr);
    }
    *res = NULL;
    return gethostbyaddr_r(addr, len, ss->sa_family, ent, buf, buflen, res, h_err);
}

/* Protocol number, or -1 when the protocol is unknown. */
int ts_getprotobyname(const char *name)
{
    struct protoent ent, *res = NULL;
    char buf[1024];
    if (getprotobyname_r(name, &ent, buf, sizeof buf, &res) != 0 || res == NULL)
        return -1;
    return res->p_proto;
}

#pragma GCC visibility pop
