package dev.omrest.function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * A loopback server for priming only: it serves the bundled specs and answers the OpenMetadata calls of a run the way a
 * server with empty listings does, so that every stage of a run executes once. It stores nothing but whether the
 * service was created (the first run creates it, the second lists it).
 */
final class PrimingServer implements AutoCloseable {
    static final String SERVICE = "omrest-primer";
    private static final String RESOURCES = "dev/omrest/priming/";
    /** A version with bulk calls, as current servers have. */
    private static final String VERSION = "{\"version\":\"1.11.0\"}";
    private static final String SERVICE_ENTITY = "{\"id\":\"00000000-0000-0000-0000-000000000001\",\"name\":\"" + SERVICE
            + "\",\"fullyQualifiedName\":\"" + SERVICE + "\",\"serviceType\":\"Rest\"}";
    private static final String EMPTY_LIST = "{\"data\":[],\"paging\":{\"total\":0}}";

    private final HttpServer server;
    private final ExecutorService threads;
    private final List<String> calls = new ArrayList<>();
    private volatile boolean serviceCreated;

    private PrimingServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    static PrimingServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService threads = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "priming-server");
            thread.setDaemon(true);
            return thread;
        });
        PrimingServer priming = new PrimingServer(server, threads);
        server.createContext("/", priming::handle);
        server.setExecutor(threads);
        server.start();
        return priming;
    }

    String url(String path) {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + path;
    }

    /** The calls answered so far, as {@code METHOD /path}. */
    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.transferTo(OutputStream.nullOutputStream());
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            synchronized (this) {
                calls.add(method + " " + path);
            }
            if (method.equals("GET") && path.startsWith("/specs/")) {
                serveResource(exchange, path.substring("/specs/".length()));
            } else if (method.equals("GET") && path.equals("/api/v1/system/version")) {
                answer(exchange, 200, VERSION);
            } else if (method.equals("GET") && path.startsWith("/api/v1/services/apiServices/name/")) {
                answer(exchange, serviceCreated ? 200 : 404,
                        serviceCreated ? SERVICE_ENTITY : "{\"code\":404,\"message\":\"apiService instance not found\"}");
            } else if (method.equals("PUT") && path.equals("/api/v1/services/apiServices")) {
                serviceCreated = true;
                answer(exchange, 201, SERVICE_ENTITY);
            } else if (method.equals("GET")
                    && (path.equals("/api/v1/apiCollections") || path.equals("/api/v1/apiEndpoints"))) {
                answer(exchange, 200, EMPTY_LIST);
            } else if (method.equals("PUT") && path.endsWith("/bulk")) {
                answer(exchange, 200, "{\"status\":\"success\",\"numberOfRowsFailed\":0}");
            } else {
                answer(exchange, 404, "{\"code\":404,\"message\":\"not served while priming\"}");
            }
        }
    }

    private static void serveResource(HttpExchange exchange, String name) throws IOException {
        try (InputStream resource = PrimingServer.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
            if (resource == null) {
                answer(exchange, 404, "{}");
                return;
            }
            byte[] bytes = resource.readAllBytes();
            String type = name.endsWith(".json") ? "application/json" : "application/yaml";
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
