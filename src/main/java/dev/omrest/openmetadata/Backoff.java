package dev.omrest.write;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with equal jitter, stretched to the server's Retry-After when it asks for longer. */
final class Backoff implements CustomBackoffStrategy {
    private final WriteSettings.RetryPolicy policy;
    private int attempt;

    Backoff(WriteSettings.RetryPolicy policy) {
        this.policy = policy;
    }

    @Override
    public long nextDelayInMillis(Throwable failure) {
        long exponential = Math.min(policy.maxDelay().toMillis(), policy.baseDelay().toMillis() << Math.min(attempt++, 20));
        long jittered = exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
        long retryAfter = failure instanceof RetryableAnswer retryable ? retryable.retryAfterMillis() : 0;
        return Math.max(jittered, Math.min(retryAfter, policy.maxDelay().toMillis()));
    }
}
