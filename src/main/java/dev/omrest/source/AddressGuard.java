package dev.omrest.source;

import dev.omrest.config.Redact;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** Refuses link-local and cloud instance-metadata addresses, where a fetched URL could read credentials. */
final class AddressGuard {
    private AddressGuard() {
    }

    static void check(URI uri, FetchLimits limits) {
        if (limits.allowLinkLocal()) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new SpecFetchException("Failed to fetch the OpenAPI schema from " + Redact.url(uri)
                    + ": unknown host " + uri.getHost());
        }
        for (InetAddress address : addresses) {
            if (isMetadataOrLinkLocal(address)) {
                throw new SpecFetchException("Refusing to fetch " + Redact.url(uri) + ": " + address.getHostAddress()
                        + " is a link-local or cloud metadata address");
            }
        }
    }

    static boolean isMetadataOrLinkLocal(InetAddress address) {
        if (address.isLinkLocalAddress()) {
            return true;
        }
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            // fd00:ec2::254, the EC2 instance metadata service over IPv6
            return (b[0] & 0xff) == 0xfd && b[1] == 0 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2
                    && allZero(b, 4, 14) && b[14] == 0x02 && (b[15] & 0xff) == 0x54;
        }
        return false;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
