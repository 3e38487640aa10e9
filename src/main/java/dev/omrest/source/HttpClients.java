package dev.omrest.source;

import dev.omrest.config.HttpAccess;
import dev.omrest.config.Secret;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The HTTP clients and OAuth2 tokens of one {@link SpecSource}: one client per TLS setting, whose connections the
 * fetches through it reuse, and one access token per OAuth2 client, so a spec and the files it references cost one
 * token request, not one each.
 */
final class HttpClients {
    private final Map<HttpAccess.Tls, HttpClient> clients = new HashMap<>();
    private final Map<HttpAccess.OAuth2, Secret> tokens = new HashMap<>();

    synchronized HttpClient client(HttpAccess.Tls tls, Duration connectTimeout) {
        return clients.computeIfAbsent(tls, setting -> HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(TlsContexts.forMode(setting))
                .build());
    }

    synchronized Secret token(HttpAccess.OAuth2 oauth2, Supplier<Secret> request) {
        Secret token = tokens.get(oauth2);
        if (token == null) {
            token = request.get();
            tokens.put(oauth2, token);
        }
        return token;
    }
}
