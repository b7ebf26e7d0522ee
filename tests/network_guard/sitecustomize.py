"""Block outbound network connections in this process (the tests and the notebook kernels they start).

Only loopback addresses and Unix sockets are allowed: a notebook or helper that tries to fetch anything from outside
this machine fails with a clear error instead of quietly depending on the network.
"""

import ipaddress
import socket

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


class NetworkBlocked(OSError):
    pass


def _allowed(address) -> bool:
    if isinstance(address, (str, bytes)):  # a Unix socket path
        return True
    host = address[0]
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name other than localhost would need a DNS look-up


def _guarded_connect(self, address):
    if not _allowed(address):
        raise NetworkBlocked(f"network access blocked during tests: tried to connect to {address!r}")
    return _real_connect(self, address)


def _guarded_connect_ex(self, address):
    if not _allowed(address):
        raise NetworkBlocked(f"network access blocked during tests: tried to connect to {address!r}")
    return _real_connect_ex(self, address)


def install_network_guard():
    socket.socket.connect = _guarded_connect
    socket.socket.connect_ex = _guarded_connect_ex


install_network_guard()
