package dev.omrest.function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Lambda function URL on loopback: each real HTTP request becomes the event a function URL hands its function (payload
 * format 2.0, as AWS documents it in "Invoking Lambda function URLs"), is posted to an event server (Quarkus' Lambda
 * mock event server, or any stand-in answering the same way), and the function's answer becomes the HTTP response.
 *
 * <p>So a client that only speaks HTTP, such as the OpenMetadata server's stock Airflow REST client, can drive a
 * function exported behind a function URL in a test, with the same request and response mapping Lambda applies:
 * lower-cased header names with repeated values comma-joined, the {@code Cookie} header moved to {@code cookies}, a
 * body base64-encoded unless it is text or JSON; on the way back {@code statusCode}, {@code headers}, {@code cookies}
 * (each a {@code Set-Cookie}) and a possibly base64-encoded {@code body}, or, when the function returns JSON without a
 * {@code statusCode}, that JSON as a 200 {@code application/json} body. A function error (the event server answers
 * other than 200) is a 502, as on a function URL.
 *
 * <p>Differences from AWS, on purpose: the URL is plain http on 127.0.0.1 (so {@code domainName} names a made-up URL id
 * while the {@code host} header names the loopback address), and there is no auth type (the function URL is
 * {@code NONE}: requests reach the function unsigned, as the OpenMetadata server sends them).
 */
public final class FunctionUrlServer implements AutoCloseable {
    /** The URL id in {@code requestContext}: a function URL's host is {@code <url-id>.lambda-url.<region>.on.aws}. */
    public static final String URL_ID = "omrestlocalfunctionurl";
    public static final String ACCOUNT_ID = "123456789012";
    public static final String DOMAIN_NAME = URL_ID + ".lambda-url.us-east-1.on.aws";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code requestContext.time}'s form, e.g. {@code 07/Sep/2021:22:50:22 +0000}. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI eventServer;
    private final List<JsonNode> events = Collections.synchronizedList(new ArrayList<>());

    /** @param eventServer where events are posted and answered, e.g. {@code http://localhost:8091/} */
    public FunctionUrlServer(URI eventServer) {
        this.eventServer = eventServer;
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the function URL server", e);
        }
        // a thread per request: a function may call back into a server whose answer waits on another request here
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "function-url");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * A function URL in front of the Quarkus Lambda mock event server of the running test (the one
     * {@code @QuarkusTest} starts), found as {@link MockEventServerUrl} finds it.
     */
    public static FunctionUrlServer forMockEventServer() {
        int port = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.lambda.mock-event-server.test-port", Integer.class).orElse(8081);
        return new FunctionUrlServer(URI.create("http://localhost:" + port + "/"));
    }

    /** The base URL, without a trailing slash: {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every event posted so far, in arrival order (copies). */
    public List<JsonNode> events() {
        synchronized (events) {
            return events.stream().map(event -> (JsonNode) event.deepCopy()).toList();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            ObjectNode event = event(exchange, body);
            events.add(event.deepCopy());
            HttpResponse<String> answer;
            try {
                answer = client.send(HttpRequest.newBuilder(eventServer)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(event.toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (answer.statusCode() != 200) {
                // the function failed (the mock event server reports its error); a function URL answers 502
                send(exchange, 502, Map.of("Content-Type", List.of("application/json")),
                        "{\"Message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            respond(exchange, answer.body());
        } finally {
            exchange.close();
        }
    }

    /** The function URL event for one request (payload format 2.0). */
    static ObjectNode event(HttpExchange exchange, byte[] body) {
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                for (String value : values) {
                    for (String cookie : value.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.trim());
                        }
                    }
                }
            } else {
                headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        long now = System.currentTimeMillis();
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", rawPath);
        event.put("rawQueryString", rawQuery == null ? "" : rawQuery);
        if (!cookies.isEmpty()) {
            cookies.forEach(event.putArray("cookies")::add);
        }
        ObjectNode headerNode = event.putObject("headers");
        headers.forEach(headerNode::put);
        if (rawQuery != null && !rawQuery.isEmpty()) {
            ObjectNode parameters = event.putObject("queryStringParameters");
            queryParameters(rawQuery).forEach(parameters::put);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", ACCOUNT_ID);
        context.put("apiId", URL_ID);
        context.put("domainName", DOMAIN_NAME);
        context.put("domainPrefix", URL_ID);
        ObjectNode http = context.putObject("http");
        http.put("method", exchange.getRequestMethod().toUpperCase(Locale.ROOT));
        http.put("path", rawPath);
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", "127.0.0.1");
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        context.put("time", TIME.format(Instant.ofEpochMilli(now)));
        context.put("timeEpoch", now);
        boolean base64 = body.length > 0 && !isText(headers.get("content-type"));
        if (body.length > 0) {
            event.put("body", base64 ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8));
        }
        event.put("isBase64Encoded", base64);
        return event;
    }

    /** Decoded query parameters; a repeated one keeps all its values, comma-joined, as Lambda does. */
    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.merge(key, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    /** Text and JSON bodies reach the function as they are; anything else (or no content type) base64-encoded. */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        return type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json");
    }

    /** Maps the function's output to the HTTP response: a structured answer, or JSON inferred as a 200. */
    private static void respond(HttpExchange exchange, String output) throws IOException {
        JsonNode answer;
        try {
            answer = JSON.readTree(output);
        } catch (JsonProcessingException e) {
            answer = null;
        }
        if (answer == null) {
            send(exchange, 502, Map.of("Content-Type", List.of("application/json")),
                    "{\"Message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (!answer.isObject() || !answer.has("statusCode")) {
            send(exchange, 200, Map.of("Content-Type", List.of("application/json")),
                    output.getBytes(StandardCharsets.UTF_8));
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        answer.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), List.of(h.getValue().asText())));
        List<String> setCookies = new ArrayList<>();
        answer.path("cookies").forEach(cookie -> setCookies.add(cookie.asText()));
        if (!setCookies.isEmpty()) {
            headers.put("Set-Cookie", setCookies);
        }
        String text = answer.path("body").isTextual() ? answer.path("body").asText()
                : answer.has("body") && !answer.get("body").isNull() ? answer.get("body").toString() : "";
        byte[] bytes = answer.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(text)
                : text.getBytes(StandardCharsets.UTF_8);
        send(exchange, answer.path("statusCode").asInt(), headers, bytes);
    }

    private static void send(HttpExchange exchange, int status, Map<String, List<String>> headers, byte[] body)
            throws IOException {
        headers.forEach((name, values) -> exchange.getResponseHeaders().put(name, List.copyOf(values)));
        boolean noBody = body.length == 0 || status == 204 || status == 304;
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
