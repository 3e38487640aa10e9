package dev.omrest.openmetadata;

import java.time.Duration;

/**
 * Retries of 429, 502, 503, 504 and transport failures (resets, timeouts): exponential backoff from {@code baseDelay}
 * up to {@code maxDelay} with jitter, never shorter than the server's {@code Retry-After} (itself capped at
 * {@code maxDelay}: a server asking for minutes gets the call back after {@code maxDelay}, and answers again), at most
 * {@code maxRetries} times and for at most {@code maxDuration} per call; never past the run's budget.
 */
public record RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay, Duration maxDuration) {
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(90));
    /** One attempt: for a question asked again soon anyway. */
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("omrest.retry.max-retries must be 0 or more, not " + maxRetries);
        }
    }
}
