package dev.omrest.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A request's query parameters, decoded; a repeated parameter keeps its first value, as the server reads it. */
record Query(Map<String, String> params) {

    static Query parse(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return new Query(query);
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(key, value);
        }
        return new Query(query);
    }

    String get(String name) {
        return params.get(name);
    }

    boolean has(String name) {
        return params.containsKey(name);
    }

    /** A {@code true}/{@code false} parameter (any case); anything else is the server's 400. */
    boolean bool(String name, boolean defaultValue) {
        String value = params.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw ApiError.badRequest("query param " + name + " must be true or false");
    }
}
