package dev.omrest.openmetadata;

import dev.omrest.config.Secret;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/** Adds the bot JWT to every call. */
final class BearerToken implements ClientRequestFilter {
    private final Secret token;

    BearerToken(Secret token) {
        this.token = token;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token.reveal());
    }
}
