/* Fault injection: the test build's hook, never in a release.

   build_sock.py includes this file before shim.c only when TYPEDSOCK_FAULTS=1 is set
   at build time (nox -s faults); tests/test_faults.py proves a release has none of it.

   Each system call below gets a wrapper defined over the real call, then its name is
   #defined to the wrapper, so that the shim and cffi's generated code both call the
   wrapper.  A rule (ts_fault_add) makes a later call of one function fail with an
   errno, or go through with a smaller count: a short write or read, fewer messages
   for sendmmsg/recvmmsg, a smaller control buffer for recvmsg (the kernel then sets
   MSG_CTRUNC and keeps the descriptors that did not fit).  A rule may raise a signal
   first, as the signal behind a real EINTR would have arrived.  The rules of one
   function apply in the order they were added, each to `times` calls after letting
   `skip` calls through.  Not thread-safe: the fault tests run one thread. */

#ifndef _GNU_SOURCE  /* sendmmsg, recvmmsg, accept4 (as in shim.c) */
#define _GNU_SOURCE
#endif
#include <sys/types.h>
#include <sys/socket.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>

#define TS_FAULT_RULES 32
#define TS_FAULT_NAME 16
#define TS_FAULT_IOV 64

struct ts_fault_rule {
    char call[TS_FAULT_NAME];
    long skip;   /* calls to let through before this rule applies */
    int err;     /* errno to fail with; 0: the call goes through, limited */
    long limit;  /* with err 0: the largest count the call may move (-1: no limit) */
    long times;  /* calls it applies to */
    int sig;     /* signal to raise first (0: none) */
};

static struct ts_fault_rule ts_fault_rules[TS_FAULT_RULES];
static int ts_fault_count;
static long ts_fault_injected_count;

int ts_fault_add(const char *call, long skip, int err, long limit, long times, int sig)
{
    struct ts_fault_rule *rule;
    if (ts_fault_count == TS_FAULT_RULES || strlen(call) >= TS_FAULT_NAME || skip < 0 || times <= 0
        || err < 0 || (err == 0 && limit < 0)) {
        errno = EINVAL;
        return -1;
    }
    rule = &ts_fault_rules[ts_fault_count++];
    strcpy(rule->call, call);
    rule->skip = skip;
    rule->err = err;
    rule->limit = limit;
    rule->times = times;
    rule->sig = sig;
    return 0;
}

void ts_fault_clear(void)
{
    ts_fault_count = 0;
    ts_fault_injected_count = 0;
}

/* How many calls the rules changed since the last ts_fault_clear. */
long ts_fault_injected(void)
{
    return ts_fault_injected_count;
}

/* How many rules have calls left to change. */
int ts_fault_pending(void)
{
    return ts_fault_count;
}

/* 1 and the rule in *out when this call of `call` is to be changed (the rule's count
   goes down, and it goes once used up); 0 to leave the call alone. */
static int ts_fault_take(const char *call, struct ts_fault_rule *out)
{
    int i;
    for (i = 0; i < ts_fault_count; i++) {
        struct ts_fault_rule *rule = &ts_fault_rules[i];
        if (strcmp(rule->call, call) != 0)
            continue;
        if (rule->skip > 0) {
            rule->skip--;
            return 0;
        }
        *out = *rule;
        if (--rule->times == 0) {
            memmove(rule, rule + 1, (size_t)(ts_fault_count - i - 1) * sizeof *rule);
            ts_fault_count--;
        }
        ts_fault_injected_count++;
        if (out->sig)
            raise(out->sig);
        return 1;
    }
    return 0;
}

/* The count a limited call may move: min(n, limit). */
static size_t ts_fault_limit(const struct ts_fault_rule *rule, size_t n)
{
    return (size_t)rule->limit < n ? (size_t)rule->limit : n;
}

ssize_t ts_fault_send(int fd, const void *buf, size_t len, int flags)
{
    struct ts_fault_rule rule;
    if (ts_fault_take("send", &rule)) {
        if (rule.err) {
            errno = rule.err;
            return -1;
        }
        len = ts_fault_limit(&rule, len);
    }
    return send(fd, buf, len, flags);
}

ssize_t ts_fault_sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *sa,
                               socklen_t salen)
{
    struct ts_fault_rule rule;
    if (ts_fault_take("sendto", &rule)) {
        if (rule.err) {
            errno = rule.err;
            return -1;
        }
        len = ts_fault_limit(&rule, len);
    }
    return sendto(fd, buf, len, flags, sa, salen);
}

ssize_t ts_fault_recv(int fd, void *buf, size_t len, int flags)
{
    struct ts_fault_rule rule;
    if (ts_fault_take("recv", &rule)) {
        if (rule.err) {
            errno = rule.err;
            return -1;
        }
        len = ts_fault_limit(&rule, len);
    }
    return recv(fd, buf, len, flags);
}

ssize_t ts_fault_recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *sa, socklen_t *salen)
{
    struct ts_fault_rule rule;
    if (ts_fault_take("recvfrom", &rule)) {
        if (rule.err) {
            errno = rule.err;
            return -1;
        }
        len = ts_fault_limit(&rule, len);
    }
    return recvfrom(fd, buf, len, flags, sa, salen);
}

/* A limited sendmsg sends the first `limit` bytes of the iovec. */
ssize_t ts_fault_sendmsg(int fd, const struct msghdr *msg, int flags)
{
    struct ts_fault_rule rule;
    struct msghdr limited;
    struct iovec iov[TS_FAULT_IOV];
    size_t i, left;
    if (!ts_fault_take("sendmsg", &rule))
        return sendmsg(fd, msg, flags);
    if (rule.err) {
        errno = rule.err;
        return -1;
    }
    if (msg->msg_iovlen > TS_FAULT_IOV) {
        errno = EINVAL;
        return -1;
    }
    limited = *msg;
    left = (size_t)rule.limit;
    for (i = 0; i < msg->msg_iovlen; i++) {
        iov[i] = msg->msg_iov[i];
        if (iov[i].iov_len > left)
            iov[i].iov_len = left;
        left -= iov[i].iov_len;
    }
    limited.msg_iov = iov;
    return sendmsg(fd, &limited, flags);
}

/* A limited recvmsg has a control buffer of `limit` bytes. */
ssize_t ts_fault_recvmsg(int fd, struct msghdr *msg, int flags)
{
    struct ts_fault_rule rule;
    if (ts_fault_take("recvmsg", &rule)) {
        if (rule.err) {
            errno = rule.err;
            return -1;
        }
        msg->msg_controllen = ts_fault_limit(&rule, msg->msg_controllen);
        if (msg->msg_controllen == 0)
            msg->msg_control = NULL;
    }
    return recvmsg(fd, msg, flags);
}

int ts_fault_sendmmsg(int fd, struct mmsghdr *msgs, unsigned int count, int flags)
{
    struct ts_fault_rule rule;
    if (ts_fault_take("sendmmsg", &rule)) {
        if (rule.err) {
            errno = rule.err;
            return -1;
        }
        count = (unsigned int)ts_fault_limit(&rule, count);
    }
    return sendmmsg(fd, msgs, count, flags);
}

int ts_fault_recvmmsg(int fd, struct mmsghdr *msgs, unsigned int count, int flags, struct timespec *timeout)
{
    struct ts_fault_rule rule;
    if (ts_fault_take("recvmmsg", &rule)) {
        if (rule.err) {
            errno = rule.err;
            return -1;
        }
        count = (unsigned int)ts_fault_limit(&rule, count);
    }
    return recvmmsg(fd, msgs, count, flags, timeout);
}

int ts_fault_accept4(int fd, struct sockaddr *sa, socklen_t *salen, int flags)
{
    struct ts_fault_rule rule;
    if (ts_fault_take("accept4", &rule) && rule.err) {
        errno = rule.err;
        return -1;
    }
    return accept4(fd, sa, salen, flags);
}

int ts_fault_connect(int fd, const struct sockaddr *sa, socklen_t salen)
{
    struct ts_fault_rule rule;
    if (ts_fault_take("connect", &rule) && rule.err) {
        errno = rule.err;
        return -1;
    }
    return connect(fd, sa, salen);
}

/* A limited poll returns at once with `limit` (0: as if it timed out). */
int ts_fault_poll(struct pollfd *fds, nfds_t nfds, int timeout_ms)
{
    struct ts_fault_rule rule;
    if (ts_fault_take("poll", &rule)) {
        if (rule.err) {
            errno = rule.err;
            return -1;
        }
        return (int)rule.limit;
    }
    return poll(fds, nfds, timeout_ms);
}

#define send ts_fault_send
#define sendto ts_fault_sendto
#define recv ts_fault_recv
#define recvfrom ts_fault_recvfrom
#define sendmsg ts_fault_sendmsg
#define recvmsg ts_fault_recvmsg
#define sendmmsg ts_fault_sendmmsg
#define recvmmsg ts_fault_recvmmsg
#define accept4 ts_fault_accept4
#define connect ts_fault_connect
#define poll ts_fault_poll
