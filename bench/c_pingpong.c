/* C baseline for bench/bench.py: the same workloads, same protocols, in plain C.
 *
 *   c_pingpong WORKLOAD N WARMUP      prints the seconds the N timed operations took
 *
 * WORKLOAD is one of pp_unix, pp_tcp, bulk_tcp, udp_send, udp_sendto, udp_mmsg,
 * conn_tcp, conn_unix (see bench/workloads.py for what each does).  The peer runs
 * in a forked process; CPU affinity is inherited from the caller (bench.py pins
 * itself before starting us).  Compiled at run time by bench.py; Linux only.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CHUNK 65536
#define DGRAM 32
#define WINDOW 64
#define BATCH 64

static void die(const char *what) {
    perror(what);
    exit(2);
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void send_all(int fd, const void *buf, size_t len) {
    const char *p = buf;
    while (len > 0) {
        ssize_t n = send(fd, p, len, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("send");
        }
        p += n;
        len -= (size_t)n;
    }
}

static void recv_exact(int fd, void *buf, size_t len) {
    char *p = buf;
    while (len > 0) {
        ssize_t n = recv(fd, p, len, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("recv");
        }
        if (n == 0) {
            fprintf(stderr, "unexpected EOF\n");
            exit(2);
        }
        p += n;
        len -= (size_t)n;
    }
}

static void wait_child(pid_t pid) {
    int status;
    if (waitpid(pid, &status, 0) < 0) die("waitpid");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "peer failed (status %d)\n", status);
        exit(2);
    }
}

/* A connected TCP pair over loopback, TCP_NODELAY on both ends. */
static void tcp_pair(int fds[2]) {
    struct sockaddr_in sa;
    socklen_t len = sizeof sa;
    int one = 1;
    int l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (l < 0) die("socket");
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(l, (struct sockaddr *)&sa, sizeof sa) < 0) die("bind");
    if (listen(l, 1) < 0) die("listen");
    if (getsockname(l, (struct sockaddr *)&sa, &len) < 0) die("getsockname");
    fds[0] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fds[0] < 0) die("socket");
    if (connect(fds[0], (struct sockaddr *)&sa, sizeof sa) < 0) die("connect");
    fds[1] = accept4(l, NULL, NULL, SOCK_CLOEXEC);
    if (fds[1] < 0) die("accept");
    close(l);
    setsockopt(fds[0], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    setsockopt(fds[1], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

/* Two UDP sockets on loopback; if connect_them, each is connected to the other. */
static void udp_pair(int fds[2], struct sockaddr_in addrs[2], int connect_them) {
    for (int i = 0; i < 2; i++) {
        socklen_t len = sizeof addrs[i];
        fds[i] = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fds[i] < 0) die("socket");
        memset(&addrs[i], 0, sizeof addrs[i]);
        addrs[i].sin_family = AF_INET;
        addrs[i].sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (bind(fds[i], (struct sockaddr *)&addrs[i], sizeof addrs[i]) < 0) die("bind");
        if (getsockname(fds[i], (struct sockaddr *)&addrs[i], &len) < 0) die("getsockname");
    }
    if (connect_them) {
        if (connect(fds[0], (struct sockaddr *)&addrs[1], sizeof addrs[1]) < 0) die("connect");
        if (connect(fds[1], (struct sockaddr *)&addrs[0], sizeof addrs[0]) < 0) die("connect");
    }
}

/* 1-byte ping-pong: the parent sends, the peer echoes until EOF. */
static double pingpong(int fds[2], long n, long warmup) {
    char c = 'x';
    pid_t pid = fork();
    if (pid < 0) die("fork");
    if (pid == 0) {
        close(fds[0]);
        for (;;) {
            ssize_t r = recv(fds[1], &c, 1, 0);
            if (r < 0 && errno == EINTR) continue;
            if (r <= 0) break;
            send_all(fds[1], &c, 1);
        }
        _exit(0);
    }
    close(fds[1]);
    for (long i = 0; i < warmup; i++) {
        send_all(fds[0], &c, 1);
        recv_exact(fds[0], &c, 1);
    }
    double t0 = now();
    for (long i = 0; i < n; i++) {
        send_all(fds[0], &c, 1);
        recv_exact(fds[0], &c, 1);
    }
    double t = now() - t0;
    close(fds[0]);
    wait_child(pid);
    return t;
}

/* Bulk: the parent sends 64 KiB chunks; the peer reads into one buffer until EOF
 * and answers with the byte count. A warm-up burst is acknowledged first. */
static double bulk(long n, long warmup) {
    int fds[2];
    static char buf[CHUNK];
    uint64_t total;
    char ack;
    tcp_pair(fds);
    pid_t pid = fork();
    if (pid < 0) die("fork");
    if (pid == 0) {
        close(fds[0]);
        uint64_t want = (uint64_t)warmup * CHUNK, got = 0;
        while (got < want) {
            ssize_t r = recv(fds[1], buf, want - got < CHUNK ? want - got : CHUNK, 0);
            if (r < 0 && errno == EINTR) continue;
            if (r <= 0) die("recv");
            got += (uint64_t)r;
        }
        send_all(fds[1], "k", 1);
        got = 0;
        for (;;) {
            ssize_t r = recv(fds[1], buf, CHUNK, 0);
            if (r < 0 && errno == EINTR) continue;
            if (r < 0) die("recv");
            if (r == 0) break;
            got += (uint64_t)r;
        }
        send_all(fds[1], &got, sizeof got);
        _exit(0);
    }
    close(fds[1]);
    memset(buf, 'b', sizeof buf);
    for (long i = 0; i < warmup; i++) send_all(fds[0], buf, CHUNK);
    recv_exact(fds[0], &ack, 1);
    double t0 = now();
    for (long i = 0; i < n; i++) send_all(fds[0], buf, CHUNK);
    shutdown(fds[0], SHUT_WR);
    recv_exact(fds[0], &total, sizeof total);
    double t = now() - t0;
    if (total != (uint64_t)n * CHUNK) {
        fprintf(stderr, "bulk: peer got %llu bytes\n", (unsigned long long)total);
        exit(2);
    }
    close(fds[0]);
    wait_child(pid);
    return t;
}

/* UDP, flow-controlled: the parent sends WINDOW datagrams, the peer receives them
 * all and answers with one ack; repeat. mode 0: send/recv on connected sockets,
 * 1: sendto/recvfrom, 2: sendmmsg/recvmmsg (connected). */
static double udp(long n, long warmup, int mode) {
    int fds[2];
    struct sockaddr_in addrs[2];
    char msg[DGRAM], ack[8];
    long windows = n / WINDOW, warm_windows = warmup / WINDOW + 1;
    memset(msg, 'u', sizeof msg);
    udp_pair(fds, addrs, mode != 1);
    pid_t pid = fork();
    if (pid < 0) die("fork");
    if (pid == 0) {
        int r = fds[1];
        char in[64];
        struct sockaddr_in from;
        socklen_t fromlen;
        struct mmsghdr hdrs[BATCH];
        struct iovec iovs[BATCH];
        static char bufs[BATCH][64];
        for (int i = 0; i < BATCH; i++) {
            iovs[i].iov_base = bufs[i];
            iovs[i].iov_len = 64;
            memset(&hdrs[i], 0, sizeof hdrs[i]);
            hdrs[i].msg_hdr.msg_iov = &iovs[i];
            hdrs[i].msg_hdr.msg_iovlen = 1;
        }
        close(fds[0]);
        for (long w = 0; w < warm_windows + windows; w++) {
            if (mode == 2) {
                int got = 0;
                while (got < WINDOW) {
                    int k = recvmmsg(r, hdrs, WINDOW - got, MSG_WAITFORONE, NULL);
                    if (k < 0 && errno == EINTR) continue;
                    if (k < 0) die("recvmmsg");
                    got += k;
                }
                if (send(r, "a", 1, 0) < 0) die("send ack");
            } else if (mode == 0) {
                for (int i = 0; i < WINDOW; i++)
                    if (recv(r, in, sizeof in, 0) < 0) die("recv");
                if (send(r, "a", 1, 0) < 0) die("send ack");
            } else {
                for (int i = 0; i < WINDOW; i++) {
                    fromlen = sizeof from;
                    if (recvfrom(r, in, sizeof in, 0, (struct sockaddr *)&from, &fromlen) < 0)
                        die("recvfrom");
                }
                if (sendto(r, "a", 1, 0, (struct sockaddr *)&from, fromlen) < 0) die("sendto ack");
            }
        }
        _exit(0);
    }
    int s = fds[0];
    close(fds[1]);
    struct mmsghdr hdrs[BATCH];
    struct iovec iov = {msg, DGRAM};
    for (int i = 0; i < BATCH; i++) {
        memset(&hdrs[i], 0, sizeof hdrs[i]);
        hdrs[i].msg_hdr.msg_iov = &iov;
        hdrs[i].msg_hdr.msg_iovlen = 1;
    }
    double t0 = 0;
    for (long w = 0; w < warm_windows + windows; w++) {
        if (w == warm_windows) t0 = now();
        if (mode == 2) {
            int sent = 0;
            while (sent < WINDOW) {
                int k = sendmmsg(s, hdrs + sent, WINDOW - sent, 0);
                if (k < 0) die("sendmmsg");
                sent += k;
            }
            if (recv(s, ack, sizeof ack, 0) < 0) die("recv ack");
        } else if (mode == 0) {
            for (int i = 0; i < WINDOW; i++)
                if (send(s, msg, DGRAM, 0) < 0) die("send");
            if (recv(s, ack, sizeof ack, 0) < 0) die("recv ack");
        } else {
            struct sockaddr_in from;
            socklen_t fromlen = sizeof from;
            for (int i = 0; i < WINDOW; i++)
                if (sendto(s, msg, DGRAM, 0, (struct sockaddr *)&addrs[1], sizeof addrs[1]) < 0)
                    die("sendto");
            if (recvfrom(s, ack, sizeof ack, 0, (struct sockaddr *)&from, &fromlen) < 0) die("recvfrom ack");
        }
    }
    double t = now() - t0;
    close(s);
    wait_child(pid);
    return t * (double)n / (double)(windows * WINDOW);
}

/* connect + accept + close, one process; the server end closes first. */
static double conn(long n, long warmup, int family) {
    struct sockaddr_storage ss;
    socklen_t len;
    char dir[] = "/tmp/c_pingpongXXXXXX";
    memset(&ss, 0, sizeof ss);
    if (family == AF_UNIX) {
        struct sockaddr_un *su = (struct sockaddr_un *)&ss;
        if (!mkdtemp(dir)) die("mkdtemp");
        su->sun_family = AF_UNIX;
        snprintf(su->sun_path, sizeof su->sun_path, "%s/s", dir);
        len = sizeof *su;
    } else {
        struct sockaddr_in *si = (struct sockaddr_in *)&ss;
        si->sin_family = AF_INET;
        si->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        len = sizeof *si;
    }
    int l = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (l < 0) die("socket");
    if (bind(l, (struct sockaddr *)&ss, len) < 0) die("bind");
    if (listen(l, 128) < 0) die("listen");
    if (getsockname(l, (struct sockaddr *)&ss, &len) < 0) die("getsockname");
    double t0 = 0;
    for (long i = 0; i < warmup + n; i++) {
        struct sockaddr_storage peer;
        socklen_t plen = sizeof peer;
        if (i == warmup) t0 = now();
        int c = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (c < 0) die("socket");
        if (connect(c, (struct sockaddr *)&ss, len) < 0) die("connect");
        int a = accept4(l, (struct sockaddr *)&peer, &plen, SOCK_CLOEXEC);
        if (a < 0) die("accept");
        close(a);
        close(c);
    }
    double t = now() - t0;
    close(l);
    if (family == AF_UNIX) {
        unlink(((struct sockaddr_un *)&ss)->sun_path);
        rmdir(dir);
    }
    return t;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s WORKLOAD N WARMUP\n", argv[0]);
        return 2;
    }
    const char *w = argv[1];
    long n = atol(argv[2]), warmup = atol(argv[3]);
    double t;
    int fds[2];
    signal(SIGPIPE, SIG_IGN);
    if (!strcmp(w, "pp_unix")) {
        if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) < 0) die("socketpair");
        t = pingpong(fds, n, warmup);
    } else if (!strcmp(w, "pp_tcp")) {
        tcp_pair(fds);
        t = pingpong(fds, n, warmup);
    } else if (!strcmp(w, "bulk_tcp")) {
        t = bulk(n, warmup);
    } else if (!strcmp(w, "udp_send")) {
        t = udp(n, warmup, 0);
    } else if (!strcmp(w, "udp_sendto")) {
        t = udp(n, warmup, 1);
    } else if (!strcmp(w, "udp_mmsg")) {
        t = udp(n, warmup, 2);
    } else if (!strcmp(w, "conn_tcp")) {
        t = conn(n, warmup, AF_INET);
    } else if (!strcmp(w, "conn_unix")) {
        t = conn(n, warmup, AF_UNIX);
    } else {
        fprintf(stderr, "unknown workload %s\n", w);
        return 2;
    }
    printf("%.9f\n", t);
    return 0;
}
