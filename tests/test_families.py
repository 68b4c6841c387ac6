"""The families beyond INET/INET6/UNIX: each with its address type, on real sockets where
this kernel has the family (NETLINK, PACKET, VSOCK), through the codec where it lacks it
(CAN, ALG, TIPC: the socket tests skip with the kernel's errno), and RawAddress for the rest."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import pathlib
import runpy
import shutil
import socket as stdlib
import struct
import subprocess
import sys
import textwrap
from typing import Any, Callable, Generator, List, Tuple, cast

import pytest

import typedsock
from typedsock import (
    AlgAddress,
    CanAddress,
    CanIsotpAddress,
    CanJ1939Address,
    NetlinkAddress,
    PacketAddress,
    RawAddress,
    TipcAddress,
    VsockAddress,
)
from typedsock._addresses import CODECS, Codec
from typedsock._families import codec_for
from typedsock._scratch import Scratch
from typedsock._sock import lib

EXAMPLES = pathlib.Path(__file__).resolve().parent.parent / "examples"


def _round_trip(codec: Codec[Any], address: object) -> object:
    sa, length = codec.encode(address, "bind")
    assert lib.ts_family(sa) == int(codec.family)
    return codec.decode(sa, length, Scratch())


@contextlib.contextmanager
def _open_or_skip(family: int, kind: int, proto: int = 0) -> Generator[typedsock.Socket[Any], None, None]:
    try:
        sock: typedsock.Socket[Any] = typedsock.socket(family, kind, proto)
    except OSError as exc:
        pytest.skip(f"the kernel refuses {typedsock.AddressFamily(family).name}: {errno.errorcode.get(exc.errno or 0)} "
                    f"({exc.strerror})")
    with sock:
        yield sock


# -- AF_NETLINK ---------------------------------------------------------------------------------

NLMSGHDR = struct.Struct("=IHHII")
IFINFOMSG = struct.Struct("=BxHiII")
RTATTR = struct.Struct("=HH")
RTM_NEWLINK, RTM_GETLINK, NLMSG_DONE, IFLA_IFNAME = 16, 18, 3, 3


def _dump_links(sock: typedsock.DatagramSocket[NetlinkAddress]) -> List[Tuple[int, str]]:
    body = IFINFOMSG.pack(0, 0, 0, 0, 0)
    sock.sendto(NLMSGHDR.pack(NLMSGHDR.size + len(body), RTM_GETLINK, 0x301, 7, 0) + body, (0, 0))
    links: List[Tuple[int, str]] = []
    while True:
        data, sender = sock.recvfrom(65536)
        assert type(sender) is NetlinkAddress and sender == (0, 0)
        offset = 0
        while offset < len(data):
            length, kind, _, seq, _ = NLMSGHDR.unpack_from(data, offset)
            assert seq == 7
            if kind == NLMSG_DONE:
                return links
            if kind == RTM_NEWLINK:
                ifindex = IFINFOMSG.unpack_from(data, offset + NLMSGHDR.size)[2]
                at, end = offset + NLMSGHDR.size + IFINFOMSG.size, offset + length
                while at < end:
                    alen, atype = RTATTR.unpack_from(data, at)
                    if atype == IFLA_IFNAME:
                        links.append((ifindex, data[at + 4 : at + alen].rstrip(b"\0").decode()))
                    at += (alen + 3) & ~3
            offset += (length + 3) & ~3


def test_netlink_dumps_the_links_and_finds_lo() -> None:
    with typedsock.socket(typedsock.AF_NETLINK, typedsock.SOCK_RAW, typedsock.NETLINK_ROUTE) as sock:
        sock.bind(NetlinkAddress(0, 0))
        own = sock.getsockname()
        assert type(own) is NetlinkAddress
        assert own.pid == os.getpid() or own.pid != 0  # the kernel's port id: our pid when free
        assert own.groups == 0
        links = _dump_links(sock)
    assert (typedsock.if_nametoindex("lo"), "lo") in links


def test_netlink_addresses_match_the_standard_module() -> None:
    with stdlib.socket(stdlib.AF_NETLINK, stdlib.SOCK_RAW, stdlib.NETLINK_ROUTE) as std:
        std.bind((0, 0))
        typed = typedsock.fromfd(std.fileno(), typedsock.AF_NETLINK, typedsock.SOCK_RAW)
        with typed:
            assert typed.getsockname() == std.getsockname()
            pid, groups = typed.getsockname()  # unpacks as the standard module's tuple
            assert (pid, groups) == std.getsockname()


def test_netlink_checks() -> None:
    with typedsock.socket(typedsock.AF_NETLINK, typedsock.SOCK_DGRAM, typedsock.NETLINK_ROUTE) as sock:
        with pytest.raises(OverflowError, match="pid must be 0-4294967295"):
            sock.bind((2**32, 0))
        with pytest.raises(OverflowError, match="groups"):
            sock.bind((0, -1))
        with pytest.raises(TypeError):
            sock.bind(VsockAddress(0, 0))  # another family's address (of the same shape: run time only)
        with pytest.raises(TypeError):
            sock.bind(cast(Any, PacketAddress("lo", 0)))
        with pytest.raises(TypeError):
            sock.bind(cast(Any, (0,)))
        with pytest.raises(TypeError):
            sock.bind(cast(Any, "lo"))


# -- AF_PACKET ----------------------------------------------------------------------------------

_CAPTURE = textwrap.dedent(
    """
    import json, subprocess, sys
    import typedsock as t

    def ip(*args):
        subprocess.run(["ip", *args], check=True)

    ip("link", "add", "veth0", "type", "veth", "peer", "name", "veth1")
    ip("addr", "add", "10.99.0.1/24", "dev", "veth0")
    ip("link", "set", "veth0", "up")
    ip("link", "set", "veth1", "up")
    def mac(ifname):  # (/sys shows the parent's namespace: ask the interface's packet address)
        with t.socket(t.AF_PACKET, t.SOCK_RAW, 0) as s:
            s.bind((ifname, 0))
            return s.getsockname().addr.hex(":")
    mac0, mac1 = mac("veth0"), mac("veth1")
    # a peer that is not local, so the datagram leaves through veth0 (and reaches veth1)
    ip("neigh", "add", "10.99.0.2", "lladdr", mac1, "dev", "veth0", "nud", "permanent")
    ETH_P_IP = 0x0800
    with t.socket(t.AF_PACKET, t.SOCK_DGRAM, t.htons(ETH_P_IP)) as cap:
        cap.bind(t.PacketAddress("veth1", ETH_P_IP))
        bound = cap.getsockname()
        cap.settimeout(10)
        with t.socket(t.AF_INET, t.SOCK_DGRAM) as tx:
            tx.sendto(b"typedsock-veth", ("10.99.0.2", 9999))
        while True:
            data, sender = cap.recvfrom(65536)
            if data.endswith(b"typedsock-veth"):
                break
    print(json.dumps({
        "type": type(sender).__name__, "sender": [sender[0], sender[1], sender[2], sender[3], sender[4].hex()],
        "bound": [bound.ifname, bound.proto], "mac0": mac0, "host": t.PACKET_HOST,
    }))
    """
)


def test_packet_captures_a_datagram_across_a_veth_pair() -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root (a network namespace of its own)")
    for tool in ("unshare", "ip"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed")
    done = subprocess.run(
        ["unshare", "-n", sys.executable, "-c", _CAPTURE], capture_output=True, text=True, timeout=60
    )
    if done.returncode != 0 and ("unshare failed" in done.stderr or "Operation not permitted" in done.stderr):
        pytest.skip(f"no network namespace: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["type"] == "PacketAddress"
    ifname, proto, pkttype, hatype, hwaddr = result["sender"]
    assert (ifname, proto, pkttype) == ("veth1", 0x0800, result["host"])
    assert hatype == 1  # ARPHRD_ETHER
    assert hwaddr == result["mac0"].replace(":", "")  # the sender's hardware address
    assert result["bound"] == ["veth1", 0x0800]


def test_packet_addresses_match_the_standard_module() -> None:
    with stdlib.socket(stdlib.AF_PACKET, stdlib.SOCK_RAW, stdlib.htons(0x0800)) as std:
        std.bind(("lo", 0x0800))
        with typedsock.fromfd(std.fileno(), typedsock.AF_PACKET, typedsock.SOCK_RAW) as typed:
            own = typed.getsockname()
            assert type(own) is PacketAddress
            assert own == std.getsockname()
            ifname, proto, pkttype, hatype, addr = own  # unpacks as the standard module's tuple
            assert (ifname, proto, pkttype, hatype, addr) == std.getsockname()
            assert (ifname, proto) == ("lo", 0x0800)


def test_packet_checks() -> None:
    with typedsock.socket(typedsock.AF_PACKET, typedsock.SOCK_DGRAM, 0) as sock:
        with pytest.raises(TypeError):
            sock.bind(cast(Any, NetlinkAddress(0, 0)))  # another family's address (a checker rejects it)
        with pytest.raises(ValueError, match="too long"):
            sock.bind(("x" * lib.IF_NAMESIZE, 0))  # never truncated to IFNAMSIZ - 1
        with pytest.raises(ValueError, match="null"):
            sock.bind(("lo\0x", 0))
        with pytest.raises(OverflowError, match="proto"):
            sock.bind(("lo", 0x10000))
        with pytest.raises(OverflowError, match="pkttype"):
            sock.bind(("lo", 0, 256))
        with pytest.raises(ValueError, match="8 bytes or less"):
            sock.bind(("lo", 0, 0, 0, b"x" * 9))
        with pytest.raises(OSError) as info:
            sock.bind(("no-such-if0", 0))
        assert info.value.errno == errno.ENODEV
        sock.bind(("", 0))  # "" is every interface (ifindex 0)
        assert sock.getsockname().ifname == ""


# -- AF_VSOCK -----------------------------------------------------------------------------------


def test_vsock_listener_reads_back_its_address() -> None:
    with typedsock.socket(typedsock.AF_VSOCK, typedsock.SOCK_STREAM) as sock:
        port = 0x7ABC
        try:
            sock.bind(VsockAddress(typedsock.VMADDR_CID_ANY, port))
        except OSError as exc:
            pytest.skip(f"vsock bind: {errno.errorcode.get(exc.errno or 0)} ({exc.strerror})")
        sock.listen()
        own = sock.getsockname()
        assert type(own) is VsockAddress
        assert own == (typedsock.VMADDR_CID_ANY, port)
        cid, bound_port = own
        assert (cid, bound_port) == (typedsock.VMADDR_CID_ANY, port)


def test_vsock_buffer_sizes_are_64_bit_as_in_the_standard_module() -> None:
    # CPython's BasicVSOCKTest.testSocketBufferSize, side by side with the standard module.
    level = typedsock.AF_VSOCK
    names = (typedsock.SO_VM_SOCKETS_BUFFER_MAX_SIZE, typedsock.SO_VM_SOCKETS_BUFFER_SIZE,
             typedsock.SO_VM_SOCKETS_BUFFER_MIN_SIZE)
    with typedsock.socket(typedsock.AF_VSOCK, typedsock.SOCK_STREAM) as ours, \
            stdlib.socket(stdlib.AF_VSOCK, stdlib.SOCK_STREAM) as theirs:
        assert [ours.getsockopt(level, name) for name in names] == [theirs.getsockopt(level, name) for name in names]
        for name in names:
            doubled = ours.getsockopt(level, name) * 2
            ours.setsockopt(level, name, doubled)
            theirs.setsockopt(level, name, doubled)
            assert ours.getsockopt(level, name) == theirs.getsockopt(level, name) == doubled
        # Past 32 bits: a C int would truncate it.
        big = 2**33 + 5
        ours.setsockopt(level, typedsock.SO_VM_SOCKETS_BUFFER_MAX_SIZE, big)
        assert ours.getsockopt(level, typedsock.SO_VM_SOCKETS_BUFFER_MAX_SIZE) == big
        raw = ours.getsockopt(level, typedsock.SO_VM_SOCKETS_BUFFER_MAX_SIZE, 8)
        assert struct.unpack("=Q", raw) == (big,)
        # Out of uint64_t: an error (the standard module wraps -1 to 2**64 - 1).
        for bad in (-1, 2**64):
            with pytest.raises(OverflowError):
                ours.setsockopt(level, typedsock.SO_VM_SOCKETS_BUFFER_MAX_SIZE, bad)
        assert ours.getsockopt(level, typedsock.SO_VM_SOCKETS_BUFFER_MAX_SIZE) == big
        # Other levels of the same socket stay C ints.
        assert ours.getsockopt(typedsock.SOL_SOCKET, typedsock.SO_TYPE) == typedsock.SOCK_STREAM
        with pytest.raises(OverflowError):
            ours.setsockopt(typedsock.SOL_SOCKET, typedsock.SO_RCVBUF, 2**33)


def test_vsock_level_is_64_bit_only_on_a_vsock_socket(stack: contextlib.ExitStack) -> None:
    tcp = stack.enter_context(typedsock.socket(typedsock.AF_INET, typedsock.SOCK_STREAM))
    with pytest.raises(OverflowError):  # a C int: checked before the kernel's ENOPROTOOPT
        tcp.setsockopt(typedsock.AF_VSOCK, typedsock.SO_VM_SOCKETS_BUFFER_SIZE, 2**33)
    with pytest.raises(OSError) as info:
        tcp.setsockopt(typedsock.AF_VSOCK, typedsock.SO_VM_SOCKETS_BUFFER_SIZE, 1)
    assert info.value.errno == errno.ENOPROTOOPT


def test_vsock_checks() -> None:
    codec = CODECS[typedsock.AF_VSOCK]
    assert _round_trip(codec, (3, 1234)) == VsockAddress(3, 1234)
    with pytest.raises(OverflowError, match="cid"):
        codec.encode((2**32, 1))
    with pytest.raises(TypeError):
        codec.encode(NetlinkAddress(1, 2))


# -- AF_CAN, AF_ALG, AF_TIPC: the codecs alone, then the socket where the kernel has it -----------


def test_can_codecs_round_trip_by_protocol() -> None:
    raw = codec_for(typedsock.AF_CAN, typedsock.CAN_RAW)
    assert raw is codec_for(typedsock.AF_CAN, typedsock.CAN_BCM)
    assert _round_trip(raw, ("lo",)) == CanAddress("lo")
    assert _round_trip(raw, CanAddress("")) == CanAddress("")
    isotp = codec_for(typedsock.AF_CAN, typedsock.CAN_ISOTP)
    assert _round_trip(isotp, ("lo", 0x123, 0x7FF)) == CanIsotpAddress("lo", 0x123, 0x7FF)
    j1939 = codec_for(typedsock.AF_CAN, typedsock.CAN_J1939)
    address = CanJ1939Address("lo", 2**64 - 1, 0x3FFFF, 0xFE)
    assert _round_trip(j1939, address) == address
    interface, name, pgn, addr = address
    assert (interface, name, pgn, addr) == ("lo", 2**64 - 1, 0x3FFFF, 0xFE)
    with pytest.raises(TypeError):
        isotp.encode(("lo",))  # the ISO-TP shape is (interface, rx_addr, tx_addr)
    with pytest.raises(TypeError):
        raw.encode(CanIsotpAddress("lo", 1, 2))
    with pytest.raises(OverflowError):
        j1939.encode(("lo", 2**64, 0, 0))
    with pytest.raises(OverflowError):
        j1939.encode(("lo", 0, 0, 256))
    with pytest.raises(ValueError, match="too long"):
        raw.encode(("c" * 16,))


def test_can_socket_or_the_kernels_errno() -> None:
    with _open_or_skip(typedsock.AF_CAN, typedsock.SOCK_RAW, typedsock.CAN_RAW) as sock:
        sock.bind(("",))
        assert type(sock.getsockname()) is CanAddress


def test_alg_codec_round_trips() -> None:
    codec = CODECS[typedsock.AF_ALG]
    assert _round_trip(codec, ("hash", "sha256")) == AlgAddress("hash", "sha256", 0, 0)
    address = AlgAddress("skcipher", "cbc(aes)", 1, 2**32 - 1)
    assert _round_trip(codec, address) == address
    kind, name, feat, mask = address
    assert (kind, name, feat, mask) == ("skcipher", "cbc(aes)", 1, 2**32 - 1)
    with pytest.raises(ValueError, match="type too long"):
        codec.encode(("t" * lib.TS_ALG_TYPE_SIZE, "x"))
    with pytest.raises(ValueError, match="name too long"):
        codec.encode(("hash", "n" * lib.TS_ALG_NAME_SIZE))
    codec.encode(("t" * (lib.TS_ALG_TYPE_SIZE - 1), "n" * (lib.TS_ALG_NAME_SIZE - 1)))
    with pytest.raises(ValueError, match="null"):
        codec.encode(("hash", "sha\x00x"))
    with pytest.raises(OverflowError):
        codec.encode(("hash", "sha256", 2**32))


def test_alg_socket_or_the_kernels_errno() -> None:
    with _open_or_skip(typedsock.AF_ALG, typedsock.SOCK_SEQPACKET) as sock:
        sock.bind(AlgAddress("hash", "sha256"))
        assert sock.getsockname() == ("hash", "sha256", 0, 0)


def test_tipc_codec_round_trips_each_address_type() -> None:
    codec = CODECS[typedsock.AF_TIPC]
    nameseq = TipcAddress(typedsock.TIPC_ADDR_NAMESEQ, 18888, 10, 20, typedsock.TIPC_CLUSTER_SCOPE)
    assert _round_trip(codec, nameseq) == nameseq
    name = (typedsock.TIPC_ADDR_NAME, 18888, 17, 0)
    assert _round_trip(codec, name) == TipcAddress(typedsock.TIPC_ADDR_NAME, 18888, 17, 17, 0)
    ident = (typedsock.TIPC_ADDR_ID, 0x1001, 42, 0, 0)
    assert _round_trip(codec, ident) == TipcAddress(typedsock.TIPC_ADDR_ID, 0x1001, 42, 0, 0)
    addr_type, v1, v2, v3, scope = nameseq
    assert (addr_type, v1, v2, v3, scope) == tuple(nameseq)
    with pytest.raises(ValueError, match="address type"):
        codec.encode((99, 1, 2, 3))
    with pytest.raises(OverflowError):
        codec.encode((typedsock.TIPC_ADDR_NAME, 2**32, 0, 0))
    with pytest.raises(OverflowError, match="scope"):
        codec.encode((typedsock.TIPC_ADDR_NAME, 1, 0, 0, 256))


def test_tipc_socket_or_the_kernels_errno() -> None:
    with _open_or_skip(typedsock.AF_TIPC, typedsock.SOCK_DGRAM) as sock:
        sock.bind((typedsock.TIPC_ADDR_NAMESEQ, 18888, 1, 1))
        assert type(sock.getsockname()) is TipcAddress


# -- every other family: RawAddress ------------------------------------------------------------


def test_raw_codec_round_trips() -> None:
    codec = codec_for(typedsock.AF_KEY, 2)
    assert codec is codec_for(typedsock.AF_KEY, 0)
    assert codec.family == typedsock.AF_KEY
    address = RawAddress(int(typedsock.AF_KEY), b"\x01\x02\x03")
    assert _round_trip(codec, address) == address
    assert _round_trip(codec, (int(typedsock.AF_KEY), b"")) == RawAddress(int(typedsock.AF_KEY), b"")
    with pytest.raises(TypeError):
        codec.encode(RawAddress(int(typedsock.AF_PACKET), b""))  # another family
    with pytest.raises(TypeError):
        codec.encode(NetlinkAddress(0, 0))
    with pytest.raises(ValueError, match="too long"):
        codec.encode((int(typedsock.AF_KEY), b"x" * 200))


def test_a_family_without_a_type_gives_raw_addresses() -> None:
    # AF_KEY (PF_KEY_V2) has no address type of its own: typedsock opens it as the kernel does.
    with _open_or_skip(typedsock.AF_KEY, typedsock.SOCK_RAW, 2) as sock:
        try:
            own = sock.getsockname()
        except OSError as exc:
            pytest.skip(f"AF_KEY getsockname: {exc.strerror}")
        assert type(own) is RawAddress and own.family == typedsock.AF_KEY


def test_an_unknown_family_number_is_the_kernels_error() -> None:
    with pytest.raises(OSError) as info:
        typedsock.socket(12345, typedsock.SOCK_DGRAM)
    assert info.value.errno == errno.EAFNOSUPPORT


# -- the example ---------------------------------------------------------------------------------


def test_netlink_links_example_finds_lo(capsys: pytest.CaptureFixture[str]) -> None:
    namespace = runpy.run_path(str(EXAMPLES / "netlink_links.py"), run_name="_typedsock_example_netlink_links")
    assert cast(Callable[[], int], namespace["main"])() == 0
    lines = capsys.readouterr().out.splitlines()
    assert f"{typedsock.if_nametoindex('lo')}: lo" in lines
