package dev.omrest.source;

import dev.omrest.config.SpecLocation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Set;

/** GET of the schema URL with optional bearer token; redirects followed by hand so each hop is checked. */
final class HttpSpecFetcher {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private final FetchLimits limits;
    private final HttpClient client;

    HttpSpecFetcher(FetchLimits limits) {
        this.limits = limits;
        this.client = HttpClient.newBuilder()
                .connectTimeout(limits.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    RawSpec fetch(SpecLocation.Url location) {
        URI uri = location.uri();
        for (int hop = 0; ; hop++) {
            AddressGuard.check(uri, limits);
            HttpResponse<InputStream> response = send(uri, location);
            int status = response.statusCode();
            if (REDIRECTS.contains(status)) {
                close(response);
                if (hop >= limits.maxRedirects()) {
                    throw new SpecFetchException("Failed to fetch the OpenAPI schema from " + Redact.url(location.uri())
                            + ": more than " + limits.maxRedirects() + " redirects");
                }
                String next = response.headers().firstValue("Location").orElseThrow(() -> new SpecFetchException(
                        "Failed to fetch the OpenAPI schema from " + Redact.url(location.uri())
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
            return new RawSpec(Redact.url(location.uri()), body,
                    response.headers().firstValue("Content-Type").orElse(null), null);
        }
    }

    private HttpResponse<InputStream> send(URI uri, SpecLocation.Url location) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(limits.requestTimeout())
                .header("Accept", "application/json, application/yaml;q=0.9, */*;q=0.8")
                .GET();
        // the token goes to the configured host only, never to a host a redirect points at
        if (location.bearerToken() != null && sameOrigin(uri, location.uri())) {
            request.header("Authorization", "Bearer " + location.bearerToken().reveal());
        }
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
