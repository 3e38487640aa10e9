package dev.omrest.map;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/** The documentation links upstream writes on collections and endpoints (upstream's _generate_collection_url and _generate_endpoint_url). */
final class EntityUrls {
    private EntityUrls() {
    }

    /** {@code <docURL>/#/<collection>}, or the fallback (schema URL, or null for files) without a docURL. */
    static String collection(String docUrl, String collectionName, String fallback) {
        if (docUrl == null) {
            return fallback;
        }
        String base = withRootSlash(docUrl);
        if (base.endsWith("#/") || base.endsWith("#")) {
            base = base.substring(0, base.indexOf('#'));
        }
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return normalise(base + "/#/" + collectionName);
    }

    /** {@code <collection URL>/<operationId>} when both exist, else the fallback. */
    static String endpoint(String collectionUrl, String operationId, String fallback) {
        if (collectionUrl == null || operationId == null) {
            return fallback;
        }
        return normalise(collectionUrl + "/" + operationId);
    }

    /** A bare {@code https://host} gains the trailing slash a parsed URL has. */
    private static String withRootSlash(String url) {
        URI uri = URI.create(url);
        return (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                && uri.getRawFragment() == null ? url + "/" : url;
    }

    /** Percent-encodes every character {@code java.net.URI} (OpenMetadata's type for these fields) refuses. */
    static String normalise(String url) {
        StringBuilder out = new StringBuilder(url.length() + 16);
        boolean inFragment = false;
        for (int i = 0; i < url.length(); ) {
            int cp = url.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '#' && !inFragment) {
                inFragment = true;
                out.append('#');
            } else if (mustEncode(cp) || (cp == '#' && inFragment)) {
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    private static boolean mustEncode(int cp) {
        return cp <= 0x20 || cp >= 0x7F || "\"<>\\^`{|}".indexOf(cp) >= 0;
    }
}
