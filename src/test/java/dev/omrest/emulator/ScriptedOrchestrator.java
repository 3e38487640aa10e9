package dev.omrest.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback orchestrator whose answers a test scripts, recording every request it gets. Answers are queued per
 * {@code METHOD path}; the last one of a queue keeps answering. An unscripted request is a 404. An answer with status
 * 0 drops the connection without answering (the client sees an I/O error).
 */
final class ScriptedOrchestrator implements AutoCloseable {

    /** One request as it arrived: header names lower-cased, repeated values comma-joined; body "" when none. */
    record Seen(String method, String path, String query, Map<String, String> headers, String body) {
        String line() {
            return method + " " + path + (query.isEmpty() ? "" : "?" + query);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    record Answer(int status, String body, Map<String, List<String>> headers) {
        static Answer json(int status, String body) {
            return new Answer(status, body, Map.of());
        }

        static Answer drop() {
            return new Answer(0, "", Map.of());
        }

        Answer withCookies(String... setCookies) {
            Map<String, List<String>> with = new LinkedHashMap<>(headers);
            with.put("Set-Cookie", List.of(setCookies));
            return new Answer(status, body, with);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "scripted-orchestrator");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Deque<Answer>> scripts = new LinkedHashMap<>();

    private ScriptedOrchestrator() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static ScriptedOrchestrator start() {
        try {
            return new ScriptedOrchestrator();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Queues answers to {@code METHOD path} (path without query); replaces what was queued before. */
    ScriptedOrchestrator on(String method, String path, Answer... answers) {
        synchronized (scripts) {
            scripts.put(method + " " + path, new ArrayDeque<>(List.of(answers)));
        }
        return this;
    }

    /**
     * The plugin of {@code openmetadata-managed-apis} under {@code prefix} (e.g. {@code /api/v1/openmetadata/}),
     * reporting {@code version}: every call the server makes answered 200 the way the plugin answers it; 2.0's CSRF
     * token endpoint gives a token and a session cookie.
     */
    ScriptedOrchestrator plugin(String prefix, String version) {
        on("GET", prefix + "health-auth", Answer.json(200, "{\"status\": \"healthy\", \"version\": \"" + version + "\"}"));
        on("GET", prefix + "health", Answer.json(200, "{\"status\": \"healthy\", \"version\": \"" + version + "\"}"));
        on("GET", prefix + "csrf-token", Answer.json(200, "{\"csrf_token\": \"token-1\"}")
                .withCookies("session=s-1; Path=/; HttpOnly"));
        on("GET", prefix + "ip", Answer.json(200, "{\"ip\": \"203.0.113.7\"}"));
        on("POST", prefix + "deploy", Answer.json(200, "{\"message\": \"Workflow [petapi_metadata] has been created\"}"));
        on("POST", prefix + "trigger", Answer.json(200, "{\"message\": \"Workflow [petapi_metadata] has been triggered\"}"));
        on("POST", prefix + "disable", Answer.json(200, "{\"message\": \"DAG petapi_metadata has been paused\"}"));
        on("POST", prefix + "enable", Answer.json(200, "{\"message\": \"DAG petapi_metadata has been unpaused\"}"));
        on("POST", prefix + "kill", Answer.json(200, "{\"message\": \"Workflow [petapi_metadata] has been killed\"}"));
        on("DELETE", prefix + "delete", Answer.json(200, "{\"message\": \"DAG [petapi_metadata] has been deleted\"}"));
        on("GET", prefix + "status", Answer.json(200, "[]"));
        on("GET", prefix + "last_dag_logs", Answer.json(200, "{\"ingestion_task\": \"line 1\\nline 2\", \"total\": 1}"));
        on("POST", prefix + "run_automation", Answer.json(200, "{\"message\": \"Workflow [test] has been triggered.\"}"));
        return this;
    }

    List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    List<String> lines() {
        return seen().stream().map(Seen::line).toList();
    }

    void clear() {
        seen.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            seen.add(new Seen(method, path, query == null ? "" : query, headers, body));
            Answer answer;
            synchronized (scripts) {
                Deque<Answer> queue = scripts.get(method + " " + path);
                answer = queue == null ? Answer.json(404, "{\"error\": \"not found\"}")
                        : queue.size() > 1 ? queue.poll() : queue.peek();
            }
            if (answer.status() == 0) {
                return; // closed in finally without a response: the client's request fails
            }
            answer.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } finally {
            exchange.close();
        }
    }
}
