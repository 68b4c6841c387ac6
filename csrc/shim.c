/* The C shim of typedsock._sock (built by build_sock.py, which declares every
   function and constant here in its cdef).

   Each ts_* helper does one system call's worth of marshalling (mostly struct
   sockaddr_* packing and unpacking, so Python never builds sockaddr bytes by
   hand) and reports errors exactly as the system call does (-1 and errno).
   Retry loops (EINTR, PEP 475) and timeouts live in Python, where signal
   handlers can run.

   This file is also the preamble of the cffi build, so it includes the header
   of everything the cdef names (the constants, struct ucred, struct timeval,
   the control messages' structs, the resolver and interface calls), not only what the helpers use.  It also
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
#include <netinet/udp.h>
#include <linux/errqueue.h>
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

#include "tcp_info.h"

/* The helpers are not static, so that a standalone compile checks them
   (-Wunused-function would flag every static one: only the cffi wrappers call
   them), and hidden, so that the extension module still exports nothing but
   its init function. */
#pragma GCC visibility push(hidden)

const size_t TS_SUN_PATH_SIZE = sizeof(((struct sockaddr_un *)0)->sun_path);
const size_t TS_SUN_PATH_OFFSET = offsetof(struct sockaddr_un, sun_path);
const size_t TS_SOCKADDR_STORAGE_SIZE = sizeof(struct sockaddr_storage);

/* Most messages one ts_sendmmsg/ts_recvmmsg takes (their arrays are on the
   stack: about 104 KiB at most on x86-64). */
#define TS_MMSG_MAX 1024

/* The kernel's TCP_CA_NAME_MAX (include/net/tcp.h, not exported to user space): a
   congestion control's name, NUL included.  TCP_CONGESTION cuts a longer name
   short without an error, so typedsock checks the length against this first. */
#define TS_TCP_CA_NAME_MAX 16

/* The kernel's TCP_FIN_TIMEOUT_MAX in seconds (include/net/tcp.h, not exported either):
   TCP_LINGER2 keeps no more than this, and says nothing of a larger value. */
#define TS_TCP_FIN_TIMEOUT_MAX 120

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

/* Size of the facade's reusable receive buffer (its Scratch.data). */
#define TS_SCRATCH_SIZE 65536

/* recv(2) of n bytes into buf, a scratch buffer of TS_SCRATCH_SIZE bytes, with n and
   flags as the caller got them: n outside 1..TS_SCRATCH_SIZE, or MSG_TRUNC (which
   reports more than it writes, or writes nothing), is -1 with errno EINVAL and no
   system call.  The check is here, not in Python, because recv's fast path cannot
   afford it there (about 270 instructions a call). */
ssize_t ts_recv_scratch(int fd, char *buf, long n, int flags)
{
    if (n <= 0 || n > TS_SCRATCH_SIZE || (flags & MSG_TRUNC)) {
        errno = EINVAL;
        return -1;
    }
    return recv(fd, buf, (size_t)n, flags);
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

/* ts_recvfrom into buf, a scratch buffer of TS_SCRATCH_SIZE bytes, checked as
   ts_recv_scratch checks (but n may be 0: recvfrom(0) still takes a datagram). */
ssize_t ts_recvfrom_scratch(int fd, char *buf, long n, int flags, struct sockaddr *sa,
                            socklen_t *len, int64_t *key)
{
    if (n < 0 || n > TS_SCRATCH_SIZE || (flags & MSG_TRUNC)) {
        errno = EINVAL;
        return -1;
    }
    return ts_recvfrom(fd, buf, (size_t)n, flags, sa, len, key);
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

/* The kernel's UDP_MAX_SEGMENTS (include/linux/udp.h, not exported to user space):
   the most datagrams one UDP_SEGMENT send may carry. */
#define TS_UDP_MAX_SEGMENTS 64

/* Room for one control message of one int (UDP_GRO) or one uint16_t (UDP_SEGMENT). */
#define TS_SEG_CONTROL CMSG_SPACE(sizeof(int))

/* One sendmmsg of count messages over nbufs buffers (both at most TS_MMSG_MAX).
   Message i is the next groups[i] buffers, bufs[j][0..lens[j]), back to back (groups
   NULL: one buffer each), with a UDP_SEGMENT control message of segs[i] when segs
   is not NULL and segs[i] > 0 (the kernel splits it into datagrams of that size);
   it goes to addrs[i] (addrlens[i] bytes), or to the connected peer when addrs is
   NULL.  Returns how many messages were sent, or -1. */
int ts_sendmmsg(int fd, char **bufs, const size_t *lens, unsigned int nbufs,
                const unsigned int *groups, const uint16_t *segs, unsigned int count,
                struct sockaddr **addrs, const socklen_t *addrlens, int flags)
{
    struct mmsghdr msgs[TS_MMSG_MAX];
    struct iovec iov[TS_MMSG_MAX];
    union { struct cmsghdr align; char buf[TS_SEG_CONTROL]; } control[TS_MMSG_MAX];
    unsigned int i, j = 0, take;
    if (count > TS_MMSG_MAX || nbufs > TS_MMSG_MAX) {
        errno = EINVAL;
        return -1;
    }
    for (j = 0; j < nbufs; j++) {
        iov[j].iov_base = bufs[j];
        iov[j].iov_len = lens[j];
    }
    memset(msgs, 0, sizeof(struct mmsghdr) * count);
    for (i = 0, j = 0; i < count; i++) {
        take = groups ? groups[i] : 1;
        if (take > nbufs - j) {
            errno = EINVAL;
            return -1;
        }
        msgs[i].msg_hdr.msg_iov = &iov[j];
        msgs[i].msg_hdr.msg_iovlen = take;
        j += take;
        if (addrs) {
            msgs[i].msg_hdr.msg_name = addrs[i];
            msgs[i].msg_hdr.msg_namelen = addrlens[i];
        }
        if (segs && segs[i]) {
            struct cmsghdr *cmsg = &control[i].align;
            memset(control[i].buf, 0, CMSG_SPACE(sizeof(uint16_t)));
            cmsg->cmsg_level = SOL_UDP;
            cmsg->cmsg_type = UDP_SEGMENT;
            cmsg->cmsg_len = CMSG_LEN(sizeof(uint16_t));
            memcpy(CMSG_DATA(cmsg), &segs[i], sizeof(uint16_t));
            msgs[i].msg_hdr.msg_control = control[i].buf;
            msgs[i].msg_hdr.msg_controllen = CMSG_SPACE(sizeof(uint16_t));
        }
    }
    return sendmmsg(fd, msgs, count, flags);
}

/* One recvmmsg (MSG_WAITFORONE: waits for the first message only) of up to
   count messages: message i lands in bufs[i] (buflens[i] bytes), its length in
   lens[i], its sender in addrs + i * TS_SOCKADDR_STORAGE_SIZE (addrlens[i]).
   When segs is not NULL, segs[i] is the size of the datagrams that UDP_GRO
   coalesced into message i (0: one datagram), and *coalesced how many messages
   hold more than one datagram. */
int ts_recvmmsg(int fd, char **bufs, const size_t *buflens, unsigned int count,
                char *addrs, socklen_t *addrlens, size_t *lens, int *segs,
                unsigned int *coalesced, int flags)
{
    struct mmsghdr msgs[TS_MMSG_MAX];
    struct iovec iov[TS_MMSG_MAX];
    union { struct cmsghdr align; char buf[TS_SEG_CONTROL]; } control[TS_MMSG_MAX];
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
        if (segs) {
            msgs[i].msg_hdr.msg_control = control[i].buf;
            msgs[i].msg_hdr.msg_controllen = sizeof control[i].buf;
        }
    }
    n = recvmmsg(fd, msgs, count, flags | MSG_WAITFORONE, NULL);
    if (segs)
        *coalesced = 0;
    for (i = 0; n > 0 && i < (unsigned int)n; i++) {
        lens[i] = msgs[i].msg_len;
        addrlens[i] = msgs[i].msg_hdr.msg_namelen;
        if (segs) {
            struct cmsghdr *cmsg;
            segs[i] = 0;
            for (cmsg = CMSG_FIRSTHDR(&msgs[i].msg_hdr); cmsg; cmsg = CMSG_NXTHDR(&msgs[i].msg_hdr, cmsg)) {
                if (cmsg->cmsg_level == SOL_UDP && cmsg->cmsg_type == UDP_GRO
                    && cmsg->cmsg_len >= CMSG_LEN(sizeof(int)))
                    memcpy(&segs[i], CMSG_DATA(cmsg), sizeof(int));
            }
            if (segs[i] > 0 && (size_t)segs[i] < lens[i])
                (*coalesced)++;
        }
    }
    return n;
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

/* sendmsg(2) of iov[0..niov) with the control messages control[0..controllen)
   (written by ts_cmsg_put), to addr (NULL: the connected peer). */
ssize_t ts_sendmsg(int fd, const struct iovec *iov, size_t niov, void *control, size_t controllen,
                   int flags, const struct sockaddr *addr, socklen_t addrlen)
{
    struct msghdr msg;
    memset(&msg, 0, sizeof msg);
    msg.msg_name = (void *)addr;
    msg.msg_namelen = addr ? addrlen : 0;
    msg.msg_iov = (struct iovec *)iov;
    msg.msg_iovlen = niov;
    msg.msg_control = controllen ? control : NULL;
    msg.msg_controllen = controllen;
    return sendmsg(fd, &msg, flags);
}

/* recvmsg(2) into iov[0..niov), the control messages into control[0..*controllen)
   and the sender into addr[0..*addrlen), always with MSG_CMSG_CLOEXEC: received
   descriptors are close-on-exec from the start.  On success *controllen and
   *addrlen are what the kernel wrote, *msg_flags its flags (less
   MSG_CMSG_CLOEXEC, which is ours, not the message's). */
ssize_t ts_recvmsg(int fd, const struct iovec *iov, size_t niov, void *control, size_t *controllen,
                   int flags, struct sockaddr *addr, socklen_t *addrlen, int *msg_flags)
{
    struct msghdr msg;
    ssize_t n;
    memset(&msg, 0, sizeof msg);
    msg.msg_name = addr;
    msg.msg_namelen = *addrlen;
    msg.msg_iov = (struct iovec *)iov;
    msg.msg_iovlen = niov;
    msg.msg_control = *controllen ? control : NULL;
    msg.msg_controllen = *controllen;
    n = recvmsg(fd, &msg, flags | MSG_CMSG_CLOEXEC);
    if (n < 0)
        return n;
    *addrlen = msg.msg_namelen;
    *controllen = msg.msg_controllen;
    *msg_flags = msg.msg_flags & ~MSG_CMSG_CLOEXEC;
    return n;
}

/* Write one control message, (level, type, data[0..len)), at control + offset:
   offset 0 for the first, then what the previous call returned (the CMSG_SPACE
   of the messages before).  Returns the offset after it, or 0 when its header
   and data do not fit in control[0..controllen) (nothing written then).  The
   padding after the data is zeroed. */
size_t ts_cmsg_put(void *control, size_t controllen, size_t offset, int level, int type,
                   const void *data, size_t len)
{
    struct cmsghdr *cmsg;
    size_t space;
    if (offset > controllen || len > controllen || CMSG_LEN(len) > controllen - offset)
        return 0;
    space = CMSG_SPACE(len) <= controllen - offset ? CMSG_SPACE(len) : CMSG_LEN(len);
    memset((char *)control + offset, 0, space);
    cmsg = (struct cmsghdr *)((char *)control + offset);
    cmsg->cmsg_level = level;
    cmsg->cmsg_type = type;
    cmsg->cmsg_len = CMSG_LEN(len);
    if (len)
        memcpy(CMSG_DATA(cmsg), data, len);
    return offset + CMSG_SPACE(len);
}

/* The control message at control + offset in the kernel's control[0..controllen)
   (offset 0 for the first, then what *next was left at), checked as the kernel
   and the standard module check them.  Returns -1 when there is none there: the
   buffer ends before a whole header, or the header's cmsg_len is shorter than a
   header.  Else *level, *type and *data_offset are set, and it returns 0 when the
   data is wholly in the buffer (*data_len: its length) or 1 when the buffer ends
   first, the kernel having truncated it (*data_len: the bytes that are there).
   *next is the offset of the message after it, or 0 when no whole header fits
   after it.  Only size arithmetic: a cmsg_len of any value reads nothing outside
   the buffer. */
int ts_cmsg_item(const void *control, size_t controllen, size_t offset, int *level, int *type,
                 size_t *data_offset, size_t *data_len, size_t *next)
{
    struct cmsghdr header;
    size_t room, wanted, after;
    if (offset > controllen || controllen - offset < CMSG_LEN(0))
        return -1;
    memcpy(&header, (const char *)control + offset, sizeof header);
    if (header.cmsg_len < CMSG_LEN(0))
        return -1;
    *level = header.cmsg_level;
    *type = header.cmsg_type;
    *data_offset = offset + CMSG_LEN(0);
    room = controllen - *data_offset;
    wanted = header.cmsg_len - CMSG_LEN(0);
    *data_len = wanted <= room ? wanted : room;
    *next = 0;
    if (header.cmsg_len <= controllen - offset) {
        after = offset + CMSG_ALIGN(header.cmsg_len);
        if (after <= controllen && controllen - after >= CMSG_LEN(0))
            *next = after;
    }
    return wanted > room;
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


/* -- A socket's descriptor, shared by the threads that call on it ------------------

   Each socket object holds one ts_fd, and every call on the socket goes through it:
   ts_hold counts the call in (or fails with EBADF once the socket is closing), the
   call runs on h->fd, ts_unhold counts it out.  ts_close marks the handle closing
   and closes the descriptor at once when no call is in flight; otherwise the last
   call to finish closes it.  So a descriptor number is never freed while a call that
   read it may still use it: a closed socket cannot reach a number that was reused by
   another thread since (the race CPython's socket module has: read fd, another thread
   closes it, a third opens a new one under the same number, the first then calls).
   This is Go's fdMutex reduced to a reference count.  A call in flight when close()
   comes may be waiting in the kernel (recv on a blocking socket with no data): close
   then shuts the socket down (SHUT_RDWR), which wakes every such call, and the last
   one out closes the descriptor.  A call that fails on a socket closed meanwhile (a
   receive or a wait: that gets nothing) fails with EBADF, as every call on a closed
   socket does, whatever the shutdown made it return.

   state: bit 0 closing, bit 1 closed (or detached: never to be closed here), the
   count of calls in flight above them, in steps of TS_FD_REF. */
#define TS_FD_CLOSING 1u
#define TS_FD_CLOSED 2u
#define TS_FD_REF 4u

typedef struct ts_fd {
    int fd;
    unsigned int state;
} ts_fd;

/* Count a call out; 0, or close()'s result when this was the last call of a closing
   socket (the caller keeps its own errno if it needs it). */
int ts_unhold(ts_fd *h)
{
    unsigned int s = __atomic_sub_fetch(&h->state, TS_FD_REF, __ATOMIC_ACQ_REL);
    if (s == TS_FD_CLOSING) {
        unsigned int expected = TS_FD_CLOSING;
        if (__atomic_compare_exchange_n(&h->state, &expected, TS_FD_CLOSING | TS_FD_CLOSED, 0,
                                        __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
            return close(h->fd);
    }
    return 0;
}

/* Count a call in: the descriptor, or -1 and EBADF once the socket is closing. */
int ts_hold(ts_fd *h)
{
    unsigned int s = __atomic_add_fetch(&h->state, TS_FD_REF, __ATOMIC_ACQUIRE);
    if (s & TS_FD_CLOSING) {
        ts_unhold(h);
        errno = EBADF;
        return -1;
    }
    return h->fd;
}

/* Close (idempotent): 0, or close()'s -1 and errno when it closed the descriptor now. */
int ts_close(ts_fd *h)
{
    unsigned int s = __atomic_load_n(&h->state, __ATOMIC_RELAXED);
    do {
        if (s & TS_FD_CLOSING)
            return 0;
    } while (!__atomic_compare_exchange_n(&h->state, &s, s + TS_FD_CLOSING + TS_FD_REF, 1, __ATOMIC_ACQ_REL,
                                          __ATOMIC_RELAXED));
    if (s >= TS_FD_REF)  /* calls in flight (this one's count keeps the number ours): wake them */
        shutdown(h->fd, SHUT_RDWR);
    return ts_unhold(h);
}

/* Give the descriptor up without closing it: the descriptor, or -1 when closed already. */
int ts_detach(ts_fd *h)
{
    unsigned int s = __atomic_load_n(&h->state, __ATOMIC_RELAXED);
    do {
        if (s & TS_FD_CLOSING)
            return -1;
    } while (!__atomic_compare_exchange_n(&h->state, &s, s | TS_FD_CLOSING | TS_FD_CLOSED, 1, __ATOMIC_ACQ_REL,
                                          __ATOMIC_RELAXED));
    return h->fd;
}

/* The body of each call through a handle: `call` on the held descriptor `fd`.  A
   result below `least` (a failure: 0 for most calls; 1 for the receives and the wait,
   whose 0, end of stream or nothing ready, is what close()'s shutdown gives them) on
   a socket closed meanwhile is -1 and EBADF; errno survives the count-out (which may
   close the descriptor). */
#define TS_HELD(type, least, call)                                                       \
    int fd = ts_hold(h);                                                                 \
    type result;                                                                         \
    if (fd < 0)                                                                          \
        return -1;                                                                       \
    result = (call);                                                                     \
    if (result < (least)) {                                                              \
        int err = errno;                                                                 \
        if (__atomic_load_n(&h->state, __ATOMIC_RELAXED) & TS_FD_CLOSING) {              \
            result = -1;                                                                 \
            err = EBADF;                                                                 \
        }                                                                                \
        ts_unhold(h);                                                                    \
        errno = err;                                                                     \
    } else {                                                                             \
        ts_unhold(h);                                                                    \
    }                                                                                    \
    return result

ssize_t ts_h_send(ts_fd *h, const char *buf, size_t n, int flags)
{
    TS_HELD(ssize_t, 0, send(fd, buf, n, flags));
}

ssize_t ts_h_recv(ts_fd *h, char *buf, size_t n, int flags)
{
    TS_HELD(ssize_t, 1, recv(fd, buf, n, flags));
}

ssize_t ts_h_sendto(ts_fd *h, const char *buf, size_t n, int flags, const struct sockaddr *sa, socklen_t len)
{
    TS_HELD(ssize_t, 0, sendto(fd, buf, n, flags, sa, len));
}

ssize_t ts_h_recv_scratch(ts_fd *h, char *buf, long n, int flags)
{
    TS_HELD(ssize_t, 1, ts_recv_scratch(fd, buf, n, flags));
}

ssize_t ts_h_recvfrom(ts_fd *h, char *buf, size_t n, int flags, struct sockaddr *sa, socklen_t *len,
                      int64_t *key)
{
    TS_HELD(ssize_t, 1, ts_recvfrom(fd, buf, n, flags, sa, len, key));
}

ssize_t ts_h_recvfrom_scratch(ts_fd *h, char *buf, long n, int flags, struct sockaddr *sa, socklen_t *len,
                              int64_t *key)
{
    TS_HELD(ssize_t, 1, ts_recvfrom_scratch(fd, buf, n, flags, sa, len, key));
}

int ts_h_accept(ts_fd *h, struct sockaddr *sa, socklen_t *len, int64_t *key)
{
    TS_HELD(int, 0, ts_accept(fd, sa, len, key));
}

int ts_h_getsockname(ts_fd *h, struct sockaddr *sa, socklen_t *len, int64_t *key)
{
    TS_HELD(int, 0, ts_getsockname(fd, sa, len, key));
}

int ts_h_getpeername(ts_fd *h, struct sockaddr *sa, socklen_t *len, int64_t *key)
{
    TS_HELD(int, 0, ts_getpeername(fd, sa, len, key));
}

int ts_h_bind(ts_fd *h, const struct sockaddr *sa, socklen_t len)
{
    TS_HELD(int, 0, bind(fd, sa, len));
}

int ts_h_connect(ts_fd *h, const struct sockaddr *sa, socklen_t len)
{
    TS_HELD(int, 0, connect(fd, sa, len));
}

int ts_h_listen(ts_fd *h, int backlog)
{
    TS_HELD(int, 0, listen(fd, backlog));
}

int ts_h_shutdown(ts_fd *h, int how)
{
    TS_HELD(int, 0, shutdown(fd, how));
}

int ts_h_dup(ts_fd *h)
{
    TS_HELD(int, 0, ts_dup(fd));
}

int ts_h_set_nonblocking(ts_fd *h, int on)
{
    TS_HELD(int, 0, ts_set_nonblocking(fd, on));
}

int ts_h_wait(ts_fd *h, int events, int timeout_ms)
{
    TS_HELD(int, 1, ts_wait(fd, events, timeout_ms));
}

int ts_h_sendmmsg(ts_fd *h, char **bufs, const size_t *lens, unsigned int nbufs, const unsigned int *groups,
                  const uint16_t *segs, unsigned int count, struct sockaddr **addrs, const socklen_t *addrlens,
                  int flags)
{
    TS_HELD(int, 0, ts_sendmmsg(fd, bufs, lens, nbufs, groups, segs, count, addrs, addrlens, flags));
}

int ts_h_recvmmsg(ts_fd *h, char **bufs, const size_t *buflens, unsigned int count, char *addrs,
                  socklen_t *addrlens, size_t *lens, int *segs, unsigned int *coalesced, int flags)
{
    TS_HELD(int, 1, ts_recvmmsg(fd, bufs, buflens, count, addrs, addrlens, lens, segs, coalesced, flags));
}

ssize_t ts_h_sendmsg(ts_fd *h, const struct iovec *iov, size_t niov, void *control, size_t controllen,
                     int flags, const struct sockaddr *addr, socklen_t addrlen)
{
    TS_HELD(ssize_t, 0, ts_sendmsg(fd, iov, niov, control, controllen, flags, addr, addrlen));
}

ssize_t ts_h_recvmsg(ts_fd *h, const struct iovec *iov, size_t niov, void *control, size_t *controllen,
                     int flags, struct sockaddr *addr, socklen_t *addrlen, int *msg_flags)
{
    TS_HELD(ssize_t, 1, ts_recvmsg(fd, iov, niov, control, controllen, flags, addr, addrlen, msg_flags));
}

#pragma GCC visibility pop


/* ---- The other families' addresses: one put/get pair each ----------------------

   Each family's header is guarded: where the system lacks it, TS_HAVE_<FAMILY> is 0
   and the helpers report EAFNOSUPPORT (put: 0, get: -1), so Python raises a clear
   error instead of the build failing.  A put returns the address length, or 0 when
   a value does not fit (never truncates); a get returns 0, or -1 for an address too
   short to hold the family's struct. */

#if __has_include(<netpacket/packet.h>)   /* (the table's header: not linux/if_packet.h too) */
#include <netpacket/packet.h>
#define TS_PACKET 1
#elif __has_include(<linux/if_packet.h>)
#include <linux/if_packet.h>
#define TS_PACKET 1
#endif
#if __has_include(<linux/netlink.h>)
#include <linux/netlink.h>
#define TS_NETLINK 1
#endif
#if __has_include(<linux/vm_sockets.h>)
#include <linux/vm_sockets.h>
#define TS_VSOCK 1
#endif
#if __has_include(<linux/can.h>)
#include <linux/can.h>
#define TS_CAN 1
#endif
#if __has_include(<linux/if_alg.h>)
#include <linux/if_alg.h>
#define TS_ALG 1
#endif
#if __has_include(<linux/tipc.h>)
#include <linux/tipc.h>
#define TS_TIPC 1
#endif

#ifdef TS_PACKET
const int TS_HAVE_PACKET = 1;
const size_t TS_PACKET_ADDR_SIZE = sizeof(((struct sockaddr_ll *)0)->sll_addr);
#else
const int TS_HAVE_PACKET = 0;
const size_t TS_PACKET_ADDR_SIZE = 0;
#endif
#ifdef TS_NETLINK
const int TS_HAVE_NETLINK = 1;
#else
const int TS_HAVE_NETLINK = 0;
#endif
#ifdef TS_VSOCK
const int TS_HAVE_VSOCK = 1;
#else
const int TS_HAVE_VSOCK = 0;
#endif
#ifdef TS_CAN
const int TS_HAVE_CAN = 1;
#ifdef CAN_J1939
const int TS_HAVE_CAN_J1939 = 1;
#else
const int TS_HAVE_CAN_J1939 = 0;
#endif
#else
const int TS_HAVE_CAN = 0;
const int TS_HAVE_CAN_J1939 = 0;
#endif
#ifdef TS_ALG
const int TS_HAVE_ALG = 1;
const size_t TS_ALG_TYPE_SIZE = sizeof(((struct sockaddr_alg *)0)->salg_type);
const size_t TS_ALG_NAME_SIZE = sizeof(((struct sockaddr_alg *)0)->salg_name);
#else
const int TS_HAVE_ALG = 0;
const size_t TS_ALG_TYPE_SIZE = 0;
const size_t TS_ALG_NAME_SIZE = 0;
#endif
#ifdef TS_TIPC
const int TS_HAVE_TIPC = 1;
#else
const int TS_HAVE_TIPC = 0;
#endif
const size_t TS_SA_DATA_OFFSET = offsetof(struct sockaddr, sa_data);

/* sockaddr_ll.  addr[0..addrlen) is the hardware address (at most
   TS_PACKET_ADDR_SIZE bytes); proto in host order. */
socklen_t ts_put_packet(struct sockaddr *ss, int ifindex, uint16_t proto, uint8_t pkttype,
                        uint16_t hatype, const char *addr, size_t addrlen)
{
#ifdef TS_PACKET
    struct sockaddr_ll *sll = (struct sockaddr_ll *)ss;
    if (addrlen > sizeof sll->sll_addr)
        return 0;
    memset(sll, 0, sizeof *sll);
    sll->sll_family = AF_PACKET;
    sll->sll_protocol = htons(proto);
    sll->sll_ifindex = ifindex;
    sll->sll_pkttype = pkttype;
    sll->sll_hatype = hatype;
    sll->sll_halen = (unsigned char)addrlen;
    memcpy(sll->sll_addr, addr, addrlen);
    return sizeof *sll;
#else
    (void)ss; (void)ifindex; (void)proto; (void)pkttype; (void)hatype; (void)addr; (void)addrlen;
    errno = EAFNOSUPPORT;
    return 0;
#endif
}

/* The hardware address goes to addr (room for addrsize bytes); *addrlen is its
   length: sll_halen, bounded by what the kernel wrote (len) and by addrsize. */
int ts_get_packet(const void *ss, socklen_t len, int *ifindex, uint16_t *proto, uint8_t *pkttype,
                  uint16_t *hatype, char *addr, size_t addrsize, size_t *addrlen)
{
#ifdef TS_PACKET
    const struct sockaddr_ll *sll = (const struct sockaddr_ll *)ss;
    size_t room, n;
    if (len < offsetof(struct sockaddr_ll, sll_addr))
        return -1;
    room = len - offsetof(struct sockaddr_ll, sll_addr);
    n = sll->sll_halen;
    if (n > room)
        n = room;
    if (n > addrsize)
        n = addrsize;
    *ifindex = sll->sll_ifindex;
    *proto = ntohs(sll->sll_protocol);
    *pkttype = sll->sll_pkttype;
    *hatype = sll->sll_hatype;
    memcpy(addr, sll->sll_addr, n);
    *addrlen = n;
    return 0;
#else
    (void)ss; (void)len; (void)ifindex; (void)proto; (void)pkttype; (void)hatype; (void)addr;
    (void)addrsize; (void)addrlen;
    errno = EAFNOSUPPORT;
    return -1;
#endif
}

/* sockaddr_nl. */
socklen_t ts_put_netlink(struct sockaddr *ss, uint32_t pid, uint32_t groups)
{
#ifdef TS_NETLINK
    struct sockaddr_nl *nl = (struct sockaddr_nl *)ss;
    memset(nl, 0, sizeof *nl);
    nl->nl_family = AF_NETLINK;
    nl->nl_pid = pid;
    nl->nl_groups = groups;
    return sizeof *nl;
#else
    (void)ss; (void)pid; (void)groups;
    errno = EAFNOSUPPORT;
    return 0;
#endif
}

int ts_get_netlink(const void *ss, socklen_t len, uint32_t *pid, uint32_t *groups)
{
#ifdef TS_NETLINK
    const struct sockaddr_nl *nl = (const struct sockaddr_nl *)ss;
    if (len < sizeof *nl)
        return -1;
    *pid = nl->nl_pid;
    *groups = nl->nl_groups;
    return 0;
#else
    (void)ss; (void)len; (void)pid; (void)groups;
    errno = EAFNOSUPPORT;
    return -1;
#endif
}

/* sockaddr_vm. */
socklen_t ts_put_vsock(struct sockaddr *ss, uint32_t cid, uint32_t port)
{
#ifdef TS_VSOCK
    struct sockaddr_vm *vm = (struct sockaddr_vm *)ss;
    memset(vm, 0, sizeof *vm);
    vm->svm_family = AF_VSOCK;
    vm->svm_cid = cid;
    vm->svm_port = port;
    return sizeof *vm;
#else
    (void)ss; (void)cid; (void)port;
    errno = EAFNOSUPPORT;
    return 0;
#endif
}

int ts_get_vsock(const void *ss, socklen_t len, uint32_t *cid, uint32_t *port)
{
#ifdef TS_VSOCK
    const struct sockaddr_vm *vm = (const struct sockaddr_vm *)ss;
    if (len < sizeof *vm)
        return -1;
    *cid = vm->svm_cid;
    *port = vm->svm_port;
    return 0;
#else
    (void)ss; (void)len; (void)cid; (void)port;
    errno = EAFNOSUPPORT;
    return -1;
#endif
}

/* sockaddr_can: the interface, and (by the socket's protocol) ISO-TP's rx/tx ids
   or J1939's name, pgn and addr.  j1939 is 0 for CAN_RAW/CAN_BCM/CAN_ISOTP;
   a J1939 address where the headers lack it reports EAFNOSUPPORT. */
socklen_t ts_put_can(struct sockaddr *ss, int ifindex, uint32_t rx_id, uint32_t tx_id, int j1939,
                     uint64_t name, uint32_t pgn, uint8_t addr)
{
#ifdef TS_CAN
    struct sockaddr_can *can = (struct sockaddr_can *)ss;
    memset(can, 0, sizeof *can);
    can->can_family = AF_CAN;
    can->can_ifindex = ifindex;
    if (j1939) {
#ifdef CAN_J1939
        can->can_addr.j1939.name = name;
        can->can_addr.j1939.pgn = pgn;
        can->can_addr.j1939.addr = addr;
#else
        (void)name; (void)pgn; (void)addr;
        errno = EAFNOSUPPORT;
        return 0;
#endif
    } else {
        can->can_addr.tp.rx_id = rx_id;
        can->can_addr.tp.tx_id = tx_id;
    }
    return sizeof *can;
#else
    (void)ss; (void)ifindex; (void)rx_id; (void)tx_id; (void)j1939; (void)name; (void)pgn; (void)addr;
    errno = EAFNOSUPPORT;
    return 0;
#endif
}

int ts_get_can(const void *ss, socklen_t len, int *ifindex, uint32_t *rx_id, uint32_t *tx_id,
               uint64_t *name, uint32_t *pgn, uint8_t *addr)
{
#ifdef TS_CAN
    const struct sockaddr_can *can = (const struct sockaddr_can *)ss;
    if (len < offsetof(struct sockaddr_can, can_addr))
        return -1;
    *ifindex = can->can_ifindex;
    *rx_id = can->can_addr.tp.rx_id;
    *tx_id = can->can_addr.tp.tx_id;
#ifdef CAN_J1939
    *name = can->can_addr.j1939.name;
    *pgn = can->can_addr.j1939.pgn;
    *addr = can->can_addr.j1939.addr;
#else
    *name = 0; *pgn = 0; *addr = 0;
#endif
    return 0;
#else
    (void)ss; (void)len; (void)ifindex; (void)rx_id; (void)tx_id; (void)name; (void)pgn; (void)addr;
    errno = EAFNOSUPPORT;
    return -1;
#endif
}

/* sockaddr_alg: type and name without their NUL (each must leave room for one). */
socklen_t ts_put_alg(struct sockaddr *ss, const char *type, size_t typelen, const char *name,
                     size_t namelen, uint32_t feat, uint32_t mask)
{
#ifdef TS_ALG
    struct sockaddr_alg *alg = (struct sockaddr_alg *)ss;
    if (typelen >= sizeof alg->salg_type || namelen >= sizeof alg->salg_name)
        return 0;
    memset(alg, 0, sizeof *alg);
    alg->salg_family = AF_ALG;
    memcpy(alg->salg_type, type, typelen);
    memcpy(alg->salg_name, name, namelen);
    alg->salg_feat = feat;
    alg->salg_mask = mask;
    return sizeof *alg;
#else
    (void)ss; (void)type; (void)typelen; (void)name; (void)namelen; (void)feat; (void)mask;
    errno = EAFNOSUPPORT;
    return 0;
#endif
}

/* type gets TS_ALG_TYPE_SIZE + 1 bytes, name TS_ALG_NAME_SIZE + 1, each NUL-terminated. */
int ts_get_alg(const void *ss, socklen_t len, char *type, char *name, uint32_t *feat, uint32_t *mask)
{
#ifdef TS_ALG
    const struct sockaddr_alg *alg = (const struct sockaddr_alg *)ss;
    if (len < sizeof *alg)
        return -1;
    memcpy(type, alg->salg_type, sizeof alg->salg_type);
    type[sizeof alg->salg_type] = '\0';
    memcpy(name, alg->salg_name, sizeof alg->salg_name);
    name[sizeof alg->salg_name] = '\0';
    *feat = alg->salg_feat;
    *mask = alg->salg_mask;
    return 0;
#else
    (void)ss; (void)len; (void)type; (void)name; (void)feat; (void)mask;
    errno = EAFNOSUPPORT;
    return -1;
#endif
}

/* sockaddr_tipc, as the standard module's (addr_type, v1, v2, v3, scope):
   NAMESEQ (type, lower, upper), NAME (type, instance, -; domain 0), ID (node, ref, -).
   An unknown addr_type: put 0 with EINVAL, get -1 with EINVAL. */
socklen_t ts_put_tipc(struct sockaddr *ss, uint32_t addr_type, uint32_t v1, uint32_t v2, uint32_t v3,
                      uint8_t scope)
{
#ifdef TS_TIPC
    struct sockaddr_tipc *tipc = (struct sockaddr_tipc *)ss;
    memset(tipc, 0, sizeof *tipc);
    tipc->family = AF_TIPC;
    tipc->scope = (signed char)scope;
    switch (addr_type) {
    case TIPC_ADDR_NAMESEQ:
        tipc->addr.nameseq.type = v1;
        tipc->addr.nameseq.lower = v2;
        tipc->addr.nameseq.upper = v3;
        break;
    case TIPC_ADDR_NAME:
        tipc->addr.name.name.type = v1;
        tipc->addr.name.name.instance = v2;
        tipc->addr.name.domain = 0;
        break;
    case TIPC_ADDR_ID:
        tipc->addr.id.node = v1;
        tipc->addr.id.ref = v2;
        break;
    default:
        errno = EINVAL;
        return 0;
    }
    tipc->addrtype = (unsigned char)addr_type;
    return sizeof *tipc;
#else
    (void)ss; (void)addr_type; (void)v1; (void)v2; (void)v3; (void)scope;
    errno = EAFNOSUPPORT;
    return 0;
#endif
}

int ts_get_tipc(const void *ss, socklen_t len, uint32_t *addr_type, uint32_t *v1, uint32_t *v2,
                uint32_t *v3, uint8_t *scope)
{
#ifdef TS_TIPC
    const struct sockaddr_tipc *tipc = (const struct sockaddr_tipc *)ss;
    if (len < sizeof *tipc)
        return -1;
    *addr_type = tipc->addrtype;
    *scope = (uint8_t)tipc->scope;
    switch (tipc->addrtype) {
    case TIPC_ADDR_NAMESEQ:
        *v1 = tipc->addr.nameseq.type;
        *v2 = tipc->addr.nameseq.lower;
        *v3 = tipc->addr.nameseq.upper;
        return 0;
    case TIPC_ADDR_NAME:
        *v1 = tipc->addr.name.name.type;
        *v2 = tipc->addr.name.name.instance;
        *v3 = tipc->addr.name.name.instance;
        return 0;
    case TIPC_ADDR_ID:
        *v1 = tipc->addr.id.node;
        *v2 = tipc->addr.id.ref;
        *v3 = 0;
        return 0;
    default:
        errno = EINVAL;
        return -1;
    }
#else
    (void)ss; (void)len; (void)addr_type; (void)v1; (void)v2; (void)v3; (void)scope;
    errno = EAFNOSUPPORT;
    return -1;
#endif
}

/* Any other family: the family, then data[0..len) (the bytes after the family field). */
socklen_t ts_put_raw(struct sockaddr *ss, int family, const char *data, size_t len)
{
    if (len > sizeof(struct sockaddr_storage) - offsetof(struct sockaddr, sa_data))
        return 0;
    memset(ss, 0, sizeof(struct sockaddr_storage));
    ss->sa_family = (sa_family_t)family;
    memcpy((char *)ss + offsetof(struct sockaddr, sa_data), data, len);
    return (socklen_t)(offsetof(struct sockaddr, sa_data) + len);
}
