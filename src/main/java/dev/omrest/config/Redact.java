package dev.omrest.config;

import java.net.URI;

/** URL text safe for messages: user info and query string removed (they may carry credentials). */
public final class Redact {
    private Redact() {
    }

    public static String url(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme() + "://";
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return scheme + uri.getHost() + port + path + (uri.getRawQuery() == null ? "" : "?…");
    }
}
