package dev.omrest.openmetadata;

import java.util.function.LongUnaryOperator;

/**
 * Exponential backoff with equal jitter, stretched to the server's Retry-After when it asks for longer (up to the
 * policy's {@code maxDelay}). One instance per call: it counts that call's attempts.
 */
final class Backoff {
    private final RetryPolicy policy;
    /** A random number in [0, bound], bound given; injected so tests know the delays. */
    private final LongUnaryOperator jitter;
    private int attempt;

    Backoff(RetryPolicy policy, LongUnaryOperator jitter) {
        this.policy = policy;
        this.jitter = jitter;
    }

    /** The wait before the next attempt. */
    long nextDelayMillis(long retryAfterMillis) {
        long exponential = Math.min(policy.maxDelay().toMillis(), policy.baseDelay().toMillis() << Math.min(attempt++, 20));
        long jittered = exponential / 2 + jitter.applyAsLong(exponential / 2);
        return Math.max(jittered, Math.min(retryAfterMillis, policy.maxDelay().toMillis()));
    }
}
