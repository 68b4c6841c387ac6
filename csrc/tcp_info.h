/* The layout of the kernel's struct tcp_info, from its own header (csrc/tcp_info.c).

   glibc's <netinet/tcp.h>, which shim.c includes for the TCP_* names and the TCP
   states, has an older struct tcp_info that stops at tcpi_total_retrans, and it
   cannot share a file with <linux/tcp.h> (both define struct tcphdr and the rest).
   So the kernel's struct is read in a file of its own, which reports each field's
   offset and size; typedsock/_tcpinfo.py decodes the bytes TCP_INFO returns with
   them. */
#ifndef TS_TCP_INFO_H
#define TS_TCP_INFO_H

#include <stddef.h>

struct ts_field { const char *name; size_t offset; size_t size; };

/* sizeof(struct tcp_info) */
size_t ts_tcp_info_size(void);
/* The fields that are not bit-fields, in order, with the tcpi_ prefix dropped. */
const struct ts_field *ts_tcp_info_fields(size_t *count);
/* The four bit-fields of the first len bytes of a struct tcp_info, in order:
   snd_wscale, rcv_wscale, delivery_rate_app_limited, fastopen_client_fail
   (0 for a field beyond len). */
void ts_tcp_info_bits(const void *info, size_t len, unsigned int bits[4]);

#endif
