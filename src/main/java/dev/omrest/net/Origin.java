package dev.omrest.net;

import java.net.URI;
import java.util.Locale;

/**
 * A URL's origin (RFC 6454): its scheme and host, both case-insensitive, and the port it connects to, the scheme's
 * default when none is written, so {@code https://h/} and {@code https://h:443/} are one origin and
 * {@code http://h:8080/} another. The connection's credentials go only to the spec's own origin, on a redirect
 * and for the files a spec references alike.
 */
public record Origin(String scheme, String host, int port) {

    /** The origin of an absolute URL with a host; null for any other. */
    public static Origin of(URI uri) {
        if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
            return null;
        }
        return new Origin(uri.getScheme().toLowerCase(Locale.ROOT), uri.getHost().toLowerCase(Locale.ROOT), AddressGuard.port(uri));
    }

    /** Whether two URLs are on one origin; never for a URL without one. */
    public static boolean same(URI a, URI b) {
        Origin origin = of(a);
        return origin != null && origin.equals(of(b));
    }
}
