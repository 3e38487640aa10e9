package dev.omrest.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omrest.config.HttpAccess;
import dev.omrest.config.Redact;
import dev.omrest.config.Secret;
import dev.omrest.config.SpecLocation;
import dev.omrest.net.AddressGuard;
import dev.omrest.net.Origin;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * GET of the schema URL with the configured credentials; redirects followed by hand so each hop is checked,
 * credentials sent to the configured origin only. The whole fetch (token request, every hop, headers and body) ends
 * within {@link FetchLimits#requestTimeout()}, however slowly a server answers.
 */
final class HttpSpecFetcher {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    /** An OAuth2 token answer is a small JSON object; anything larger is not one. */
    static final long MAX_TOKEN_ANSWER_BYTES = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FetchLimits limits;
    private final HttpClients clients;
    private final long deadline;

    HttpSpecFetcher(FetchLimits limits, HttpClients clients) {
        this.limits = limits;
        this.clients = clients;
        this.deadline = System.nanoTime() + limits.requestTimeout().toNanos();
    }

    RawSpec fetch(SpecLocation.Url location) {
        HttpAccess access = location.access();
        HttpClient client = clients.client(access.tls(), limits.connectTimeout());
        Map<String, Secret> headers = access.headers();
        if (access.oauth2() != null) {
            Secret token = clients.token(access.oauth2(), () -> accessToken(client, access.oauth2()));
            headers = new LinkedHashMap<>(headers);
            headers.put("Authorization", Secret.of("Bearer " + token.reveal()));
        }
        URI origin = location.uri();
        URI uri = withQuery(origin, access.queryParameters());
        String what = "the OpenAPI schema from " + Redact.url(origin);
        for (int hop = 0; ; hop++) {
            HttpRequest.Builder request = request(uri, Origin.same(uri, origin) ? headers : Map.of(), what)
                    .header("Accept", "application/json, application/yaml;q=0.9, */*;q=0.8").GET();
            HttpResponse<byte[]> response = send(client, request, what,
                    CappedBody.handler(BodyCap.ofSpec(Redact.url(uri), limits.maxBytes())));
            int status = response.statusCode();
            if (REDIRECTS.contains(status)) {
                if (hop >= limits.maxRedirects()) {
                    throw new SpecFetchException("Failed to fetch " + what + ": more than " + limits.maxRedirects() + " redirects");
                }
                String next = response.headers().firstValue("Location").orElseThrow(() -> new SpecFetchException(
                        "Failed to fetch " + what + ": redirect " + status + " without a Location header"));
                uri = redirectTarget(uri, next, what);
                continue;
            }
            if (status != 200) {
                throw new SpecFetchException("Failed to connect to the JSON schema url " + Redact.url(uri)
                        + ". Please check the url and credentials. Status Code was: " + status);
            }
            return new RawSpec(Redact.url(origin), response.body(), response.headers().firstValue("Content-Type").orElse(null), null);
        }
    }

    /** OAuth2 client credentials: one token per run, the client authenticating with HTTP Basic. */
    private Secret accessToken(HttpClient client, HttpAccess.OAuth2 oauth2) {
        String credentials = Base64.getEncoder().encodeToString((form(oauth2.clientId()) + ":"
                + form(oauth2.clientSecret().reveal())).getBytes(StandardCharsets.UTF_8));
        String body = "grant_type=client_credentials"
                + (oauth2.scopes().isEmpty() ? "" : "&scope=" + form(String.join(" ", oauth2.scopes())));
        String where = "the OAuth2 token endpoint " + Redact.url(oauth2.tokenUrl());
        HttpRequest.Builder request = request(oauth2.tokenUrl(), Map.of("Authorization", Secret.of("Basic " + credentials)),
                "an access token from " + where)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<byte[]> response = send(client, request, "an access token from " + where,
                CappedBody.handler(new BodyCap(MAX_TOKEN_ANSWER_BYTES, () -> new SpecFetchException("Failed to get an access token from "
                        + where + ": the answer is larger than " + FetchLimits.describe(MAX_TOKEN_ANSWER_BYTES)))));
        if (response.statusCode() != 200) {
            throw new SpecFetchException("Failed to get an access token from " + where + ": HTTP " + response.statusCode());
        }
        JsonNode token;
        try {
            token = JSON.readTree(response.body()).path("access_token");
        } catch (IOException e) {
            // the parser's message would quote the answer, token included
            throw new SpecFetchException("Failed to get an access token from " + where + ": the answer is not JSON");
        }
        String value = token.isTextual() ? token.asText().strip() : "";
        if (value.isEmpty()) {
            throw new SpecFetchException("Failed to get an access token from " + where + ": the answer has no access_token");
        }
        if (!Secret.isHeaderSafe(value)) {
            throw new SpecFetchException("Failed to get an access token from " + where
                    + ": the access_token holds a control character, so it cannot be sent in a header");
        }
        return Secret.of(value);
    }

    /**
     * A request to the checked address. Plain HTTP goes to the address literal with the name in {@code Host}, so no
     * second DNS answer can move it; HTTPS connects by name, as certificate checks need, and the addresses the guard
     * protects (metadata, link-local, the Runtime API) speak plain HTTP only, so a TLS handshake with them fails.
     */
    private HttpRequest.Builder request(URI uri, Map<String, Secret> headers, String what) {
        InetAddress address = checked(uri, what);
        HttpRequest.Builder request;
        try {
            if ("http".equalsIgnoreCase(uri.getScheme())) {
                request = HttpRequest.newBuilder(pinned(uri, address))
                        .header("Host", uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
            } else {
                request = HttpRequest.newBuilder(uri);
            }
            headers.forEach((name, value) -> request.header(name, value.reveal()));
        } catch (IllegalArgumentException e) {
            if (String.valueOf(e.getMessage()).startsWith("restricted header name: \"Host\"")) {
                // the JVM's HTTP client was set up before HttpClients could allow Host: fail closed, and say how to fix it
                throw new IllegalStateException("the JDK HTTP client refuses the Host header plain-HTTP fetches need; start the JVM"
                        + " with -Djdk.httpclient.allowRestrictedHeaders=host");
            }
            // the client's message may quote a header value; names and values are validated with the payload, so
            // this is a URL the client cannot request
            throw new SpecFetchException("Failed to fetch " + what + ": " + Redact.url(uri) + " is not a URL the HTTP client can request");
        }
        return request.timeout(remaining());
    }

    private InetAddress checked(URI uri, String what) {
        try {
            return AddressGuard.check(uri, limits.reach());
        } catch (AddressGuard.Refused e) {
            throw new SpecFetchException(e.unknownHost() ? "Failed to fetch " + what + ": " + e.getMessage()
                    : "Refusing to fetch " + Redact.url(uri) + ": " + e.getMessage());
        }
    }

    private static URI pinned(URI uri, InetAddress address) {
        String host = address instanceof Inet6Address ? "[" + address.getHostAddress().replaceFirst("%.*", "") + "]"
                : address.getHostAddress();
        return URI.create(uri.getScheme() + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /** The whole exchange, body included, within what is left of the fetch's time. */
    private <T> HttpResponse<T> send(HttpClient client, HttpRequest.Builder request, String what,
                                     HttpResponse.BodyHandler<T> body) {
        CompletableFuture<HttpResponse<T>> exchange = client.sendAsync(request.build(), body);
        try {
            return exchange.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw timedOut(what);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SpecFetchException fetch) {
                throw new SpecFetchException(fetch.getMessage());
            }
            if (cause instanceof HttpTimeoutException) {
                throw timedOut(what);
            }
            throw new SpecFetchException("Failed to fetch " + what + ": " + (cause.getMessage() == null
                    ? cause.getClass().getSimpleName() : cause.getMessage()));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new SpecFetchException("Interrupted while fetching " + what);
        }
    }

    private SpecFetchException timedOut(String what) {
        return new SpecFetchException("Failed to fetch " + what + ": timed out after " + limits.requestTimeout().toSeconds()
                + " s (the whole fetch, redirects and body included)");
    }

    private java.time.Duration remaining() {
        return java.time.Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }

    /** The next hop: an http(s) URL with a host and a valid port, or the fetch fails saying so. */
    private static URI redirectTarget(URI from, String location, String what) {
        URI next;
        try {
            next = from.resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new SpecFetchException("Failed to fetch " + what + ": a redirect gave a Location that is not a URL");
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || next.getHost() == null
                || next.getPort() == 0 || next.getPort() > 65535 || next.getPort() < -1
                || next.getRawAuthority() != null && next.getRawAuthority().contains("@")) {
            throw new SpecFetchException("Failed to fetch " + what + ": a redirect leads to " + Redact.text(next.toString())
                    + ", which is not an http(s) URL with a host and a valid port");
        }
        return next;
    }

    private static URI withQuery(URI uri, Map<String, Secret> parameters) {
        if (parameters.isEmpty()) {
            return uri;
        }
        String added = parameters.entrySet().stream().map(p -> form(p.getKey()) + "=" + form(p.getValue().reveal()))
                .collect(Collectors.joining("&"));
        String text = uri.toString();
        int fragment = text.indexOf('#');
        String base = fragment < 0 ? text : text.substring(0, fragment);
        return URI.create(base + (uri.getRawQuery() == null ? "?" : "&") + added);
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
