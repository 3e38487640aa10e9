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
        String shown = withoutAts(trimmed(text));
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

    /**
     * Each run of characters between white space, {@code /}, {@code ?} and {@code #} loses everything up to its last
     * {@code @} (what the pattern {@code [^\s/?#]*@} removes), in one pass: the pattern backtracks over every start
     * position, which takes seconds on a long message without white space.
     */
    private static String withoutAts(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int runStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            boolean end = i == text.length();
            char c = end ? ' ' : text.charAt(i);
            if (end || regexSpace(c) || c == '/' || c == '?' || c == '#') {
                String run = text.substring(runStart, i);
                out.append(run.substring(run.lastIndexOf('@') + 1));
                if (!end) {
                    out.append(c);
                }
                runStart = i + 1;
            }
        }
        return out.toString();
    }

    /** The text less leading and trailing {@code [\p{Z}\s]} characters (in linear time, unlike that pattern). */
    private static String trimmed(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && blank(text.charAt(start))) {
            start++;
        }
        while (end > start && blank(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean blank(char c) {
        int type = Character.getType(c);
        return regexSpace(c) || type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** The regex class {@code \s}: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean regexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
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
