package dev.omrest.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The HTTP side of the emulator, in the order a request meets it: the body read (and inflated, as Dropwizard's
 * {@code server.gzip} does), the request recorded, the latency slept and any injected fault applied (a proxy in front
 * of the server would do that, before authentication and routing), then the {@link Router}'s reply written, a GET's
 * compressed for a client that accepts gzip.
 */
final class ExchangeHandler implements HttpHandler {
    private static final ThreadMXBean THREADS_MX = ManagementFactory.getThreadMXBean();
    /**
     * {@code -Domrest.emulator.logRequests=true}: print one line per answered request on stderr
     * ({@code REQ <method> <path>[?query] <body length>B -> <status>[ <error message>]}), to see what an
     * external client (e.g. the upstream Python connector) calls.
     */
    private static final boolean LOG_REQUESTS = Boolean.getBoolean("omrest.emulator.logRequests");

    private final Router router;
    private final FaultInjector faults;
    private final RequestLog log;
    private volatile boolean gzip = true;
    private volatile CostModel.Workers workers = new CostModel.Workers(CostModel.NONE);

    ExchangeHandler(Router router, FaultInjector faults, RequestLog log) {
        this.router = router;
        this.faults = faults;
        this.log = log;
    }

    void gzip(boolean enabled) {
        this.gzip = enabled;
    }

    void costModel(CostModel model) {
        this.workers = new CostModel.Workers(model);
    }

    @Override
    public void handle(HttpExchange exchange) {
        long cpuStart = THREADS_MX.getCurrentThreadCpuTime();
        RequestLog.Entry record = null;
        try {
            byte[] bodyBytes;
            try (InputStream in = exchange.getRequestBody()) {
                bodyBytes = in.readAllBytes();
            }
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String rawPath = exchange.getRequestURI().getRawPath();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            log.bytesReceived.addAndGet(bodyBytes.length);
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            boolean compressed = "gzip".equalsIgnoreCase(encoding);
            if (encoding != null && !compressed) {
                log.violation(method + " " + rawPath + ": contract: Content-Encoding '" + encoding + "' (only gzip, or none)");
            }
            if (compressed) {
                log.compressedRequests.incrementAndGet();
            }
            byte[] readable = compressed && gzip ? inflate(bodyBytes) : bodyBytes;
            String body = readable == null ? "" : new String(readable, StandardCharsets.UTF_8);
            record = log.record(method, rawPath, rawQuery == null ? "" : rawQuery, body);
            if (readable == null || compressed && !gzip) {
                send(exchange, record, Reply.of(400, Reply.error(400, readable == null
                        ? "Malformed gzip request body" : "Unable to process JSON")), false);
                return;
            }

            faults.sleepLatency();
            String apiPath = rawPath.startsWith("/api/") ? rawPath.substring(4) : rawPath;
            Fault fault = faults.next(method, apiPath);
            boolean dropAfterApply = fault != null && fault.kind() == Fault.Kind.DROP_AFTER_APPLY;
            if (fault != null && !dropAfterApply) {
                switch (fault.kind()) {
                    case DROP_CONNECTION -> {
                        return; // see finally: the connection is closed without a response
                    }
                    case DELAY -> Thread.sleep(fault.delayMillis());
                    case ACTION -> fault.action().run();
                    case DROP_AFTER_APPLY -> {
                    }
                    case STATUS -> {
                        Map<String, String> headers = fault.retryAfterSeconds() >= 0
                                ? Map.of("Retry-After", Integer.toString(fault.retryAfterSeconds()))
                                : Map.of();
                        send(exchange, record, new Reply(fault.status(),
                                Reply.error(fault.status(), "Injected fault: HTTP " + fault.status()), headers), false);
                        return;
                    }
                }
            }
            ApiRequest request = new ApiRequest(method, rawPath, rawQuery, body,
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"));
            Reply reply = workers.serve(() -> route(request, method, apiPath), readable.length);
            if (dropAfterApply) {
                return; // applied, but the client never hears of it
            }
            send(exchange, record, reply, gzip && method.equals("GET") && acceptsGzip(exchange));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // client went away; nothing to answer
        } finally {
            exchange.close(); // before any response header was sent this closes the connection
            if (record != null) {
                log.answered(record);
            }
            log.cpuNanos.addAndGet(THREADS_MX.getCurrentThreadCpuTime() - cpuStart);
        }
    }

    private Reply route(ApiRequest request, String method, String apiPath) {
        try {
            return router.route(request);
        } catch (ApiError e) {
            if (e.violation) {
                log.violation(method + " " + apiPath + ": " + e.getMessage());
            }
            return Reply.of(e.status, Reply.error(e.status, e.getMessage()));
        } catch (RuntimeException e) {
            return Reply.of(500, Reply.error(500, "Emulator failure: " + e));
        }
    }

    private static boolean acceptsGzip(HttpExchange exchange) {
        String accepted = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        return accepted != null && accepted.toLowerCase(Locale.ROOT).contains("gzip");
    }

    /** The body inflated, or null when it is not gzip. */
    private static byte[] inflate(byte[] body) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] deflate(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        }
        return out.toByteArray();
    }

    /** Writes the reply; answers of 256 bytes and more are compressed when {@code compress} (Dropwizard's threshold). */
    private void send(HttpExchange exchange, RequestLog.Entry record, Reply reply, boolean compress) throws IOException {
        if (LOG_REQUESTS) {
            String note = reply.status() >= 400 && reply.body() != null ? " " + reply.body().path("message").asText() : "";
            System.err.println("REQ " + record.method + " " + record.path
                    + (record.query.isEmpty() ? "" : "?" + record.query) + " " + record.body.length() + "B -> "
                    + reply.status() + note);
        }
        JsonNode body = reply.body();
        byte[] bytes = body == null ? new byte[0]
                : body.isTextual() ? body.asText().getBytes(StandardCharsets.UTF_8) : Json.MAPPER.writeValueAsBytes(body);
        if (body != null) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        if (compress && bytes.length >= 256) {
            bytes = deflate(bytes);
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            log.compressedResponses.incrementAndGet();
        }
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        record.status = reply.status(); // before answering: a client that got its answer sees the status
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
