package dev.omrest.function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Lambda Runtime API as AWS's runtime interface client expects it, relayed to Quarkus' Lambda mock event server.
 *
 * <p>Two differences need bridging. The mock server serves the API below {@code /_lambda_}, while Lambda hands a
 * function a bare {@code host:port}; and it answers an error report with 204 where the Runtime API answers 202, which
 * the client takes for a failure and stops polling. Everything else passes through unchanged, the long poll on
 * {@code /invocation/next} included.
 */
final class RuntimeApiRelay implements AutoCloseable {
    /** Headers the JDK's server and client set themselves. */
    private static final Set<String> HOP_BY_HOP = Set.of("content-length", "transfer-encoding", "connection", "host",
            "date", "expect", "upgrade");

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String target;

    /** @param testApi the mock server's address as Quarkus hands it over: {@code host:port/_lambda_} */
    RuntimeApiRelay(String testApi) throws IOException {
        this.target = "http://" + testApi;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        // a thread per request: the function's long poll holds one for as long as no event is queued
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "runtime-api-relay");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::relay);
        server.start();
    }

    /** The {@code AWS_LAMBDA_RUNTIME_API} value for the function: {@code 127.0.0.1:<port>}, as on Lambda. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void relay(HttpExchange exchange) throws IOException {
        try {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getRawPath();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + path))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            int status = response.statusCode() == 204 && path.endsWith("/error") ? 202 : response.statusCode();
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
