package dev.omrest.emulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The log storage of a 2.0 server (its {@code logStorageConfiguration}), as streamable logs fill it: per pipeline FQN
 * and run, the lines of every batch the ingestion shipped ({@code POST …/logs/{fqn}/{runId}}), in arrival order, and
 * whether the run's stream was closed. Synchronized on itself.
 */
final class RunLogs {
    private final Map<String, Map<String, List<String>>> lines = new LinkedHashMap<>();
    private final Set<String> closed = new HashSet<>();

    /** Appends a batch; its text is split into lines (a final line break ends the last line, it adds none). */
    synchronized void append(String fqn, String runId, String text) {
        List<String> run = lines.computeIfAbsent(fqn, k -> new LinkedHashMap<>()).computeIfAbsent(runId, k -> new ArrayList<>());
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        run.addAll(List.of(body.split("\n", -1)));
    }

    synchronized void close(String fqn, String runId) {
        lines.computeIfAbsent(fqn, k -> new LinkedHashMap<>()).computeIfAbsent(runId, k -> new ArrayList<>());
        closed.add(fqn + "\n" + runId);
    }

    synchronized List<String> lines(String fqn, String runId) {
        return List.copyOf(lines.getOrDefault(fqn, Map.of()).getOrDefault(runId, List.of()));
    }

    synchronized boolean closed(String fqn, String runId) {
        return closed.contains(fqn + "\n" + runId);
    }

    synchronized void remove(String fqn) {
        lines.remove(fqn);
        closed.removeIf(key -> key.startsWith(fqn + "\n"));
    }

    synchronized void clear() {
        lines.clear();
        closed.clear();
    }
}
