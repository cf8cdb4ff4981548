"""The address a request comes from, as login throttling counts it.

Behind a reverse proxy every request arrives from the proxy's address; the client's own is
in the X-Forwarded-For header, to which each proxy appends the address it was reached from.
Anyone can write that header, so it is read only when the request comes from a trusted
proxy (settings.TRUSTED_PROXIES, from ALLIANCES_TRUSTED_PROXIES), and then from the right,
past every trusted proxy, to the first address none of them is: what lies further left was
written by the client and proves nothing.
"""

import ipaddress

from django.conf import settings


def parse_networks(text):
    """Addresses or networks ("10.0.0.2, 192.168.0.0/24"); ValueError names a bad one."""
    networks = []
    for item in text.split(","):
        if item.strip():
            try:
                networks.append(ipaddress.ip_network(item.strip(), strict=False))
            except ValueError:
                raise ValueError(item.strip()) from None
    return networks


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address):
    return address is not None and any(address in network for network in settings.TRUSTED_PROXIES)


def client_address(request):
    remote = request.META.get("REMOTE_ADDR", "")
    nearest = _address(remote)
    if not _trusted(nearest):
        return remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(hop)
        if address is None:
            break  # not an address: the trusted proxy that passed it on is all that is known
        nearest = address
        if not _trusted(address):
            break
    return str(nearest)
