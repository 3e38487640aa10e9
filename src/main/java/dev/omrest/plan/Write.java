package dev.omrest.plan;

/**
 * One create request to send, with the reason and the FQN the server will give it.
 *
 * @param bytes the request's JSON size, to cut bulk calls by weight without serialising it again
 * @param json  the request as JSON, sourceHash included, when the plan kept the JSON it fingerprinted; null: serialise
 *              {@code request}
 */
public record Write<T>(String fqn, T request, Change change, long bytes, byte[] json) {
}
