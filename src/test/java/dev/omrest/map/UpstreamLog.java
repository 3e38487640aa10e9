package dev.omrest.map;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What upstream's {@code metadata ingest} log says the server refused: its sink logs each refused request as
 * {@code Failed to flush entities to bulk API: request={'name': '…', …} message='…' status=400 …} (a Python dict's repr).
 */
final class UpstreamLog {
    private static final Pattern REFUSED = Pattern.compile(
            "Failed to flush entities to bulk API: request=\\{'name': '((?:[^'\\\\]|\\\\.)*)'.*? message='(.*?)'(?: status=\\d+.*)?\\s*$");
    private static final Pattern COLOUR = Pattern.compile("\\x1b\\[[0-9;]*m");

    private UpstreamLog() {
    }

    /** Refused entity name (a collection's tag, an endpoint's {@code <path>/<method>}) → the server's message. */
    static Map<String, String> refused(Path log) throws IOException {
        Map<String, String> refused = new LinkedHashMap<>();
        if (!Files.exists(log)) {
            return refused;
        }
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = REFUSED.matcher(COLOUR.matcher(line).replaceAll(""));
            if (m.find()) {
                refused.put(m.group(1), m.group(2));
            }
        }
        return refused;
    }

    /**
     * The server's message for an entity only this project stored ({@code "collection <fqn>"} or
     * {@code "endpoint <fqn>"}) when upstream's write of it, or of its collection, was refused; else null.
     */
    static String refusal(String key, Map<String, String> refused) {
        String fqn = key.substring(key.indexOf(' ') + 1);
        String afterService = fqn.substring(fqn.indexOf('.') + 1);
        String collection;
        String rest;
        if (afterService.startsWith("\"")) {
            int end = afterService.indexOf('"', 1);
            collection = afterService.substring(1, end);
            rest = end + 2 <= afterService.length() ? afterService.substring(Math.min(end + 2, afterService.length())) : "";
        } else {
            int dot = afterService.indexOf('.');
            collection = dot < 0 ? afterService : afterService.substring(0, dot);
            rest = dot < 0 ? "" : afterService.substring(dot + 1);
        }
        if (key.startsWith("endpoint ") && refused.containsKey(rest)) {
            return refused.get(rest);
        }
        return refused.get(collection);
    }
}
