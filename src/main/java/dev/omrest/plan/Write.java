package dev.omrest.plan;

/** One create request to send, with the reason and the FQN the server will give it. */
public record Write<T>(String fqn, T request, Change change) {
}
