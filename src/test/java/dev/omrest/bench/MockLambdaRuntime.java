package dev.omrest.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The AWS Lambda Runtime API (2018-06-01) on loopback, for a function process started by the benchmark: events are
 * handed out one at a time on {@code /invocation/next}; {@link #invoke} waits for the answer. A SnapStart
 * initialisation ends with {@code /restore/next}, where the snapshot would be taken; it is answered at once, as if the
 * snapshot had just been restored.
 */
final class MockLambdaRuntime implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime";

    record Answer(boolean ok, String body, long millis) {
    }

    private record Pending(String id, byte[] event, CompletableFuture<Answer> answer, long[] deliveredAt) {
    }

    private final HttpServer server;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile Pending current;
    private final CompletableFuture<Long> firstPoll = new CompletableFuture<>();
    private volatile long restorePoll;

    MockLambdaRuntime() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mock-lambda-runtime");
            t.setDaemon(true);
            return t;
        }));
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** When the function first asked for an event (its init was over), in {@link System#nanoTime()} terms. */
    long firstPollNanos(long timeoutSeconds) throws Exception {
        return firstPoll.get(timeoutSeconds, TimeUnit.SECONDS);
    }

    /** When a SnapStart initialisation asked to be restored (where the snapshot would be taken); 0 if it did not. */
    long restorePollNanos() {
        return restorePoll;
    }

    /** Hands {@code event} to the function and waits for its response or error, or for the process to die. */
    Answer invoke(String event, long timeoutSeconds, Process function) throws Exception {
        Pending pending = new Pending(UUID.randomUUID().toString(), event.getBytes(StandardCharsets.UTF_8),
                new CompletableFuture<>(), new long[1]);
        queue.add(pending);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            try {
                return pending.answer().get(1, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                if (!function.isAlive()) {
                    return new Answer(false, "the function process exited with " + function.exitValue(), 0);
                }
            }
        }
        return new Answer(false, "no answer within " + timeoutSeconds + " s", 0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        try {
            if (exchange.getRequestMethod().equals("GET") && path.equals(PREFIX + "/restore/next")) {
                restorePoll = System.nanoTime();
                reply(exchange, 200, new byte[0]);
                return;
            }
            if (exchange.getRequestMethod().equals("GET") && path.equals(PREFIX + "/invocation/next")) {
                firstPoll.complete(System.nanoTime());
                Pending next = queue.take();
                current = next;
                next.deliveredAt()[0] = System.nanoTime();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", next.id());
                exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                        Long.toString(System.currentTimeMillis() + 900_000));
                exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:us-east-1:123456789012:function:bench");
                exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
                reply(exchange, 200, next.event());
                return;
            }
            Pending pending = current;
            String text = new String(body, StandardCharsets.UTF_8);
            if (pending != null && path.equals(PREFIX + "/invocation/" + pending.id() + "/response")) {
                pending.answer().complete(new Answer(true, text, (System.nanoTime() - pending.deliveredAt()[0]) / 1_000_000));
            } else if (pending != null && path.equals(PREFIX + "/invocation/" + pending.id() + "/error")) {
                pending.answer().complete(new Answer(false, text, (System.nanoTime() - pending.deliveredAt()[0]) / 1_000_000));
            } else if (path.equals(PREFIX + "/init/error")) {
                firstPoll.completeExceptionally(new IllegalStateException("init error: " + text));
            } else {
                reply(exchange, 404, "{\"errorMessage\":\"unknown path\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            reply(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
