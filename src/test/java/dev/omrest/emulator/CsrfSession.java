package dev.omrest.emulator;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CSRF token and session cookies a 2.0 server's Airflow client keeps between calls (Airflow 3 protects POST and
 * DELETE with CSRF). Cookies come from the {@code Set-Cookie} headers of the token fetch, the name=value part of each;
 * a cookie whose header mentions csrf also gives the token, which a {@code csrf_token} in the JSON body then overrides.
 * Once a token is held it is sent on every later request, GETs included, until a CSRF failure clears it.
 */
final class CsrfSession {
    private volatile String token;
    private volatile List<String> cookies;

    /** Whether a token was obtained (even an empty one: the client then stops fetching, and sends none). */
    boolean hasToken() {
        return token != null;
    }

    void clear() {
        token = null;
        cookies = null;
    }

    /** Keeps the answer's cookies (replacing the old ones when there are any) and a token named by one of them. */
    void storeCookies(HttpResponse<?> response) {
        List<String> found = new ArrayList<>();
        response.headers().map().forEach((name, values) -> {
            if (name != null && name.equalsIgnoreCase("set-cookie")) {
                for (String value : values) {
                    String cookie = value.split(";")[0].trim();
                    found.add(cookie);
                    if (value.contains("csrf") || value.contains("CSRF")) {
                        String[] parts = cookie.split("=", 2);
                        if (parts.length == 2) {
                            token = parts[1];
                        }
                    }
                }
            }
        });
        if (!found.isEmpty()) {
            cookies = found;
        }
    }

    /** A non-empty {@code csrf_token} from the token endpoint's JSON body. */
    void storeToken(String value) {
        if (value != null && !value.isEmpty()) {
            token = value;
        }
    }

    /** Adds {@code X-CSRFToken} and {@code Cookie} when there is something to send. */
    void addHeaders(Map<String, String> headers) {
        String t = token;
        List<String> c = cookies;
        if (t != null && !t.isEmpty()) {
            headers.put("X-CSRFToken", t);
        }
        if (c != null && !c.isEmpty()) {
            headers.put("Cookie", String.join("; ", c));
        }
    }
}
