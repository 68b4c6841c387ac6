/* The kernel's struct tcp_info, field by field (see tcp_info.h). */
#include <string.h>
#include <linux/tcp.h>

#include "tcp_info.h"

#pragma GCC visibility push(hidden)

#define FIELD(name) {#name, offsetof(struct tcp_info, tcpi_##name), sizeof(((struct tcp_info *)0)->tcpi_##name)}

static const struct ts_field fields[] = {
    FIELD(state), FIELD(ca_state), FIELD(retransmits), FIELD(probes), FIELD(backoff),
    FIELD(options), FIELD(rto), FIELD(ato), FIELD(snd_mss), FIELD(rcv_mss),
    FIELD(unacked), FIELD(sacked), FIELD(lost), FIELD(retrans), FIELD(fackets),
    FIELD(last_data_sent), FIELD(last_ack_sent), FIELD(last_data_recv), FIELD(last_ack_recv),
    FIELD(pmtu), FIELD(rcv_ssthresh), FIELD(rtt), FIELD(rttvar), FIELD(snd_ssthresh),
    FIELD(snd_cwnd), FIELD(advmss), FIELD(reordering), FIELD(rcv_rtt), FIELD(rcv_space),
    FIELD(total_retrans), FIELD(pacing_rate), FIELD(max_pacing_rate), FIELD(bytes_acked),
    FIELD(bytes_received), FIELD(segs_out), FIELD(segs_in), FIELD(notsent_bytes),
    FIELD(min_rtt), FIELD(data_segs_in), FIELD(data_segs_out), FIELD(delivery_rate),
    FIELD(busy_time), FIELD(rwnd_limited), FIELD(sndbuf_limited), FIELD(delivered),
    FIELD(delivered_ce), FIELD(bytes_sent), FIELD(bytes_retrans), FIELD(dsack_dups),
    FIELD(reord_seen), FIELD(rcv_ooopack), FIELD(snd_wnd),
};

size_t ts_tcp_info_size(void)
{
    return sizeof(struct tcp_info);
}

const struct ts_field *ts_tcp_info_fields(size_t *count)
{
    *count = sizeof fields / sizeof fields[0];
    return fields;
}

void ts_tcp_info_bits(const void *info, size_t len, unsigned int bits[4])
{
    struct tcp_info copy;
    memset(&copy, 0, sizeof copy);
    memcpy(&copy, info, len < sizeof copy ? len : sizeof copy);
    bits[0] = copy.tcpi_snd_wscale;
    bits[1] = copy.tcpi_rcv_wscale;
    bits[2] = copy.tcpi_delivery_rate_app_limited;
    bits[3] = copy.tcpi_fastopen_client_fail;
}

#pragma GCC visibility pop
