package dev.omrest.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's Invoke API on loopback, for the asynchronous invocations pipelineService makes: records each request as the
 * SDK sent it, answers as Lambda answers an {@code Event} invocation (202, no body), and hands the event to a handler
 * on its own thread, as Lambda runs a queued event after the caller has its answer.
 */
public final class LambdaStandIn implements AutoCloseable {
    private static final Pattern INVOKE = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");

    /** One Invoke request: the function as named, the invocation type header, the event. */
    public record Invocation(String function, String invocationType, String payload) {
    }

    private final HttpServer server;
    private final ExecutorService runner = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "lambda-stand-in");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Invocation> invocations = new CopyOnWriteArrayList<>();
    private volatile Consumer<Invocation> handler = invocation -> { };

    public LambdaStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::serve);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What runs each event (after its 202 went out). */
    public void onInvoke(Consumer<Invocation> handler) {
        this.handler = handler;
    }

    public List<Invocation> invocations() {
        return List.copyOf(invocations);
    }

    public void clear() {
        invocations.clear();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher m = INVOKE.matcher(exchange.getRequestURI().getRawPath());
            if (!exchange.getRequestMethod().equals("POST") || !m.matches()) {
                reply(exchange, 404, "{\"Type\":\"User\",\"message\":\"Unknown operation\"}");
                return;
            }
            String payload = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Invocation invocation = new Invocation(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"), payload);
            invocations.add(invocation);
            if (!"Event".equals(invocation.invocationType())) {
                reply(exchange, 400, "{\"Type\":\"User\",\"message\":\"this stand-in serves Event invocations only\"}");
                return;
            }
            exchange.getResponseHeaders().add("x-amzn-RequestId", "stand-in");
            exchange.sendResponseHeaders(202, -1);
            Consumer<Invocation> run = handler;
            runner.submit(() -> run.accept(invocation));
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        runner.shutdownNow();
    }
}
