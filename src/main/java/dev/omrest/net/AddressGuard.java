package dev.omrest.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Refuses addresses a payload's URL could read the function's credentials or invocations from: link-local and cloud
 * instance-metadata addresses (also written as IPv4-compatible, NAT64, 6to4 or Teredo IPv6), the unspecified address
 * (which reaches this machine), and the Lambda Runtime API. {@link #check} returns the address it checked, for a client
 * that can connect to it rather than resolve the name again.
 */
public final class AddressGuard {
    /** Host names to addresses; a test may answer differently on each call, as a rebinding DNS server would. */
    public static volatile Function<String, InetAddress[]> resolver = AddressGuard::lookup;

    private AddressGuard() {
    }

    /**
     * The address to connect to: the first the host resolves to, after every one has been checked.
     *
     * @throws Refused naming the address and why, or that the host is unknown
     */
    public static InetAddress check(URI uri, Reach reach) {
        if (uri.getHost() == null) {
            throw new Refused("the URL names no host", false);
        }
        InetAddress[] addresses = resolver.apply(uri.getHost());
        if (addresses == null || addresses.length == 0) {
            throw new Refused("unknown host " + uri.getHost(), true);
        }
        int port = port(uri);
        for (InetAddress address : addresses) {
            String refused = refusal(address, port, reach);
            if (refused != null) {
                throw new Refused(address.getHostAddress() + " is " + refused, false);
            }
        }
        return addresses[0];
    }

    /** The port a URL connects to, its scheme's default when it names none. */
    public static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String refusal(InetAddress address, int port, Reach reach) {
        InetAddress embedded = embeddedIpv4(address);
        InetAddress[] forms = embedded == null ? new InetAddress[]{address} : new InetAddress[]{address, embedded};
        for (InetAddress form : forms) {
            if (isRuntimeApi(form, port, reach.runtimeApi())) {
                return "the Lambda Runtime API";
            }
            if (form.isAnyLocalAddress() || form instanceof Inet4Address && form.getAddress()[0] == 0) {
                return "an unspecified address (it reaches this machine)";
            }
            if (!reach.allowLinkLocal() && isMetadataOrLinkLocal(form)) {
                return "a link-local or cloud metadata address" + (form == address ? "" : " (" + form.getHostAddress() + ")");
            }
        }
        return null;
    }

    static boolean isMetadataOrLinkLocal(InetAddress address) {
        if (address.isLinkLocalAddress()) {
            return true;
        }
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            // fd00:ec2::254 (the EC2 instance metadata service over IPv6) and fd00:ec2::23 (EKS Pod Identity credentials)
            return (b[0] & 0xff) == 0xfd && b[1] == 0 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2
                    && allZero(b, 4, 14) && (b[14] == 0x02 && (b[15] & 0xff) == 0x54 || b[14] == 0 && b[15] == 0x23);
        }
        return false;
    }

    /**
     * The IPv4 address an IPv6 address carries and may be routed to: IPv4-compatible ({@code ::a.b.c.d}), NAT64
     * ({@code 64:ff9b::/96}, {@code 64:ff9b:1::/48}), 6to4 ({@code 2002::/16}) and Teredo ({@code 2001::/32}, the client
     * address). IPv4-mapped addresses Java already reads as IPv4.
     */
    static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return null;
        }
        byte[] b = address.getAddress();
        int first = (b[0] & 0xff) << 8 | b[1] & 0xff;
        int second = (b[2] & 0xff) << 8 | b[3] & 0xff;
        byte[] v4 = null;
        if (allZero(b, 0, 12) && !allZero(b, 12, 15)) {
            v4 = Arrays.copyOfRange(b, 12, 16); // IPv4-compatible (:: and ::1 excluded)
        } else if (first == 0x64 && second == 0xff9b && allZero(b, 4, 12)) {
            v4 = Arrays.copyOfRange(b, 12, 16); // the well-known prefix, /96
        } else if (first == 0x64 && second == 0xff9b && b[4] == 0 && b[5] == 1) {
            // the local-use prefix 64:ff9b:1::/48, in the /96 layout or RFC 6052's /48 one (bits 64-71 are zero)
            v4 = allZero(b, 6, 12) ? Arrays.copyOfRange(b, 12, 16) : new byte[]{b[6], b[7], b[9], b[10]};
        } else if (first == 0x2002) {
            v4 = Arrays.copyOfRange(b, 2, 6);
        } else if (first == 0x2001 && second == 0) {
            v4 = Arrays.copyOfRange(b, 12, 16);
            for (int i = 0; i < 4; i++) {
                v4[i] = (byte) ~v4[i];
            }
        }
        try {
            return v4 == null ? null : InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    private static boolean isRuntimeApi(InetAddress address, int port, String runtimeApi) {
        if (runtimeApi == null || runtimeApi.isBlank()) {
            return false;
        }
        URI api = URI.create("http://" + runtimeApi.strip());
        if (api.getHost() == null || port(api) != port) {
            return false;
        }
        InetAddress[] addresses = lookup(api.getHost());
        if (addresses == null) {
            return false;
        }
        // every loopback address at that port: 127.0.0.2 or ::1 may reach a listener on 127.0.0.1 or on all addresses
        return Arrays.stream(addresses).anyMatch(a -> a.equals(address) || a.isLoopbackAddress() && address.isLoopbackAddress());
    }

    private static InetAddress[] lookup(String host) {
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** A refused or unknown address; the message says which and why (never a credential: only host and address). */
    public static final class Refused extends RuntimeException {
        private final boolean unknownHost;

        Refused(String message, boolean unknownHost) {
            super(message);
            this.unknownHost = unknownHost;
        }

        public boolean unknownHost() {
            return unknownHost;
        }
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
