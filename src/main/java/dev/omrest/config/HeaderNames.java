package dev.omrest.config;

import java.util.Locale;
import java.util.Set;

/** Header names a payload may set: HTTP tokens, and none that the HTTP client owns (it refuses them with a 500 otherwise). */
final class HeaderNames {
    private static final Set<String> OWNED_BY_THE_CLIENT = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "te", "trailer", "keep-alive", "proxy-connection");
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private HeaderNames() {
    }

    /** True when the name may be sent; otherwise a problem naming the field is recorded. */
    static boolean check(PayloadFields f, String field, String name) {
        if (!isToken(name)) {
            f.problem(field + ": '" + printable(name) + "' is not a valid HTTP header name");
            return false;
        }
        if (OWNED_BY_THE_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
            f.problem(field + ": the " + name + " header is set by the HTTP client and cannot be configured");
            return false;
        }
        return true;
    }

    private static boolean isToken(String name) {
        if (name.isEmpty() || name.length() > 256) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || TOKEN_SYMBOLS.indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private static String printable(String name) {
        String shown = name.length() > 64 ? name.substring(0, 64) + "…" : name;
        StringBuilder out = new StringBuilder();
        shown.codePoints().forEach(c -> out.append(Character.isISOControl(c) ? "?" : Character.toString(c)));
        return out.toString();
    }
}
