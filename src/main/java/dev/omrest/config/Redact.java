package dev.omrest.config;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** URL text safe for messages and storage: user info (and, in messages, the query string) may carry credentials. */
public final class Redact {
    /** scheme://[user-info@]rest: found in text that may not even parse as a URI. */
    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#]*@)");

    private Redact() {
    }

    public static String url(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme() + "://";
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return scheme + uri.getHost() + port + path + (uri.getRawQuery() == null ? "" : "?…");
    }

    /**
     * Any text a caller gave where a URL was expected, fit for a message: no user info (wherever an {@code @} stands
     * before the path, even in text no parser reads as a URL), no query, no fragment.
     */
    public static String text(String text) {
        String shown = text.replaceAll("^[\\p{Z}\\s]+|[\\p{Z}\\s]+$", "").replaceAll("[^\\s/?#]*@", "");
        int cut = indexOfAny(shown, "?#");
        shown = cut < 0 ? shown : shown.substring(0, cut) + "?…";
        return shown.length() > 200 ? shown.substring(0, 200) + "…" : shown;
    }

    /** A reference written in a document, fit for a message: no user info, no query; the fragment (a JSON pointer) kept. */
    public static String reference(String ref) {
        String shown = withoutUserInfo(ref);
        int hash = shown.indexOf('#');
        String base = hash < 0 ? shown : shown.substring(0, hash);
        int query = base.indexOf('?');
        return (query < 0 ? base : base.substring(0, query) + "?…") + (hash < 0 ? "" : shown.substring(hash));
    }

    /** The URL as given, less its user info (as stored on entities and the service connection). */
    public static String withoutUserInfo(String url) {
        Matcher m = USER_INFO.matcher(url);
        return m.find() ? m.group(1) + url.substring(m.end()) : url;
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
