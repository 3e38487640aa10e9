package dev.omrest.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A tiny loopback HTTP server for serving OpenAPI documents (or anything else) in tests.
 * Paths are matched exactly against the raw request path (query ignored); unknown paths answer 404.
 */
public final class SpecServer implements AutoCloseable {

    static {
        // before any com.sun.net.httpserver class reads its configuration: Nagle off
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private record Route(int status, String contentType, byte[] body, String location) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> requiredHeaders = new ConcurrentHashMap<>();
    private final Map<String, String> requiredQueries = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new ArrayList<>();

    private SpecServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
        AtomicInteger threadNo = new AtomicInteger();
        executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "spec-server-" + threadNo.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Starts a server on a free loopback port. */
    public static SpecServer start() {
        try {
            return new SpecServer();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the spec server", e);
        }
    }

    /** {@code http://127.0.0.1:<port>} + {@code path} (path should start with {@code /}). */
    public String url(String path) {
        return baseUrl + (path.startsWith("/") ? path : "/" + path);
    }

    /** Serves {@code body} with {@code status} and {@code contentType} (null = no Content-Type) at {@code path}. */
    public SpecServer serve(String path, int status, String contentType, String body) {
        return serve(path, status, contentType, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }

    /** Serves raw bytes (which need not be valid text) at {@code path}. */
    public SpecServer serve(String path, int status, String contentType, byte[] body) {
        routes.put(path, new Route(status, contentType, body.clone(), null));
        return this;
    }

    /**
     * Serves every file under {@code folder} at {@code prefix} + its relative path, as JSON or YAML by its extension:
     * a multi-file spec on a web server.
     */
    public SpecServer serveFolder(Path folder, String prefix) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String path = prefix + folder.relativize(file).toString().replace('\\', '/');
                serve(path, 200, path.endsWith(".json") ? "application/json" : "application/yaml", Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Stops serving {@code path} (it answers 404 again). */
    public void forget(String path) {
        routes.remove(path);
    }

    /** Requests to {@code path} without {@code Authorization: Bearer <token>} answer 401. */
    public SpecServer requireBearer(String path, String token) {
        return requireHeader(path, "Authorization", "Bearer " + token);
    }

    /** Answer 401 on {@code path} unless the request carries this header with exactly this value. */
    public SpecServer requireHeader(String path, String name, String value) {
        requiredHeaders.computeIfAbsent(path, p -> new ConcurrentHashMap<>()).put(name, value);
        return this;
    }

    /** Answer 401 on {@code path} unless the query string contains {@code nameAndValue} (e.g. {@code api_key=k}). */
    public SpecServer requireQuery(String path, String nameAndValue) {
        requiredQueries.put(path, nameAndValue);
        return this;
    }

    /** {@code from} answers {@code status} (e.g. 301, 302, 307) with {@code Location: to} (a path or absolute URL). */
    public SpecServer redirect(String from, String to, int status) {
        String location = to.startsWith("/") ? baseUrl + to : to;
        routes.put(from, new Route(status, null, new byte[0], location));
        return this;
    }

    /** Every request in arrival order (path = raw path, query = raw query or {@code ""}). */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public void clearRequests() {
        synchronized (requests) {
            requests.clear();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        try {
            byte[] requestBody;
            try (InputStream in = exchange.getRequestBody()) {
                requestBody = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getRawPath();
            if (!routes.containsKey(path) && routes.containsKey(exchange.getRequestURI().getPath())) {
                path = exchange.getRequestURI().getPath(); // a file server finds "items_%7Bid%7D.yaml" as "items_{id}.yaml"
            }
            String query = exchange.getRequestURI().getRawQuery();
            int status;
            String contentType;
            byte[] body;
            String location = null;
            Route route = routes.get(path);
            boolean authorised = requiredHeaders.getOrDefault(path, Map.of()).entrySet().stream()
                    .allMatch(h -> h.getValue().equals(exchange.getRequestHeaders().getFirst(h.getKey())));
            String requiredQuery = requiredQueries.get(path);
            if (requiredQuery != null && (query == null || !List.of(query.split("&")).contains(requiredQuery))) {
                authorised = false;
            }
            if (!authorised) {
                status = 401;
                contentType = "application/json";
                body = "{\"code\":401,\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
            } else if (route == null) {
                status = 404;
                contentType = "text/plain";
                body = ("Not found: " + path).getBytes(StandardCharsets.UTF_8);
            } else {
                status = route.status();
                contentType = route.contentType();
                body = route.body();
                location = route.location();
            }
            if (contentType != null) {
                exchange.getResponseHeaders().set("Content-Type", contentType);
            }
            if (location != null) {
                exchange.getResponseHeaders().set("Location", location);
            }
            boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
            // recorded before answering, so a client that got its answer always finds its request here
            synchronized (requests) {
                requests.add(new RecordedRequest(exchange.getRequestMethod(), path, query == null ? "" : query,
                        new String(requestBody, StandardCharsets.UTF_8), status));
            }
            exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
            if (!head && body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            // client went away
        } finally {
            exchange.close();
        }
    }
}
