package dev.omrest.plan;

import dev.omrest.openmetadata.JsonBodies;

/**
 * One create request to send, with the reason and the FQN the server will give it. Its body is {@link #json()}: the
 * JSON the plan fingerprinted when it kept it, else the request serialised when it is sent (the largest specs keep
 * only part of their JSON, {@code Planner.KeptJson}); either way the same bytes.
 *
 * @param bytes the request's JSON size, to cut bulk calls by weight without serialising it again
 */
public record Write<T>(String fqn, T request, Change change, long bytes, byte[] kept) {

    /** The body to send, sourceHash included. */
    public byte[] json() {
        return kept != null ? kept : JsonBodies.request(request);
    }
}
