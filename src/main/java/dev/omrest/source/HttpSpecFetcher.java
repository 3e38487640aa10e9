package dev.omrest.source;

import dev.omrest.config.Redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omrest.config.HttpAccess;
import dev.omrest.config.Secret;
import dev.omrest.config.SpecLocation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * GET of the schema URL with the configured credentials; redirects followed by hand so each hop is checked,
 * credentials sent to the configured origin only.
 */
final class HttpSpecFetcher {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private final FetchLimits limits;
    private final HttpClients clients;

    HttpSpecFetcher(FetchLimits limits, HttpClients clients) {
        this.limits = limits;
        this.clients = clients;
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
        for (int hop = 0; ; hop++) {
            AddressGuard.check(uri, limits);
            HttpResponse<InputStream> response = send(client, uri, sameOrigin(uri, origin) ? headers : Map.of());
            int status = response.statusCode();
            if (REDIRECTS.contains(status)) {
                close(response);
                if (hop >= limits.maxRedirects()) {
                    throw new SpecFetchException("Failed to fetch the OpenAPI schema from " + Redact.url(origin)
                            + ": more than " + limits.maxRedirects() + " redirects");
                }
                String next = response.headers().firstValue("Location").orElseThrow(() -> new SpecFetchException(
                        "Failed to fetch the OpenAPI schema from " + Redact.url(origin)
                                + ": redirect " + status + " without a Location header"));
                uri = uri.resolve(next);
                continue;
            }
            if (status != 200) {
                close(response);
                throw new SpecFetchException("Failed to connect to the JSON schema url " + Redact.url(uri)
                        + ". Please check the url and credentials. Status Code was: " + status);
            }
            byte[] body = readCapped(response, uri);
            return new RawSpec(Redact.url(origin), body, response.headers().firstValue("Content-Type").orElse(null), null);
        }
    }

    /** OAuth2 client credentials: one token per run, the client authenticating with HTTP Basic. */
    private Secret accessToken(HttpClient client, HttpAccess.OAuth2 oauth2) {
        AddressGuard.check(oauth2.tokenUrl(), limits);
        String credentials = Base64.getEncoder().encodeToString((form(oauth2.clientId()) + ":"
                + form(oauth2.clientSecret().reveal())).getBytes(StandardCharsets.UTF_8));
        String body = "grant_type=client_credentials"
                + (oauth2.scopes().isEmpty() ? "" : "&scope=" + form(String.join(" ", oauth2.scopes())));
        HttpRequest request = HttpRequest.newBuilder(oauth2.tokenUrl())
                .timeout(limits.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + credentials)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        String where = "the OAuth2 token endpoint " + Redact.url(oauth2.tokenUrl());
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new SpecFetchException("Failed to get an access token from " + where + ": HTTP " + response.statusCode());
            }
            JsonNode token = new ObjectMapper().readTree(response.body()).path("access_token");
            if (!token.isTextual() || token.asText().isEmpty()) {
                throw new SpecFetchException("Failed to get an access token from " + where + ": the answer has no access_token");
            }
            return Secret.of(token.asText());
        } catch (IOException e) {
            throw new SpecFetchException("Failed to get an access token from " + where + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpecFetchException("Interrupted while getting an access token from " + where);
        }
    }

    private HttpResponse<InputStream> send(HttpClient client, URI uri, Map<String, Secret> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(limits.requestTimeout())
                .header("Accept", "application/json, application/yaml;q=0.9, */*;q=0.8")
                .GET();
        headers.forEach((name, value) -> request.header(name, value.reveal()));
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new SpecFetchException("Failed to fetch the OpenAPI schema from " + Redact.url(uri)
                    + ": timed out after " + limits.requestTimeout().toSeconds() + " s");
        } catch (IOException e) {
            throw new SpecFetchException("Failed to fetch the OpenAPI schema from " + Redact.url(uri) + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpecFetchException("Interrupted while fetching the OpenAPI schema from " + Redact.url(uri));
        }
    }

    private byte[] readCapped(HttpResponse<InputStream> response, URI uri) {
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > limits.maxBytes()) {
            close(response);
            throw tooLarge(uri);
        }
        try (InputStream in = response.body()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 64 * 1024);
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > limits.maxBytes()) {
                    throw tooLarge(uri);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new SpecFetchException("Failed to read the OpenAPI schema from " + Redact.url(uri) + ": " + e.getMessage());
        }
    }

    private SpecFetchException tooLarge(URI uri) {
        return new SpecFetchException("The OpenAPI schema at " + Redact.url(uri) + " is larger than " + FetchLimits.describe(limits.maxBytes()));
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

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && a.getPort() == b.getPort();
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // the connection is dropped either way
        }
    }
}
