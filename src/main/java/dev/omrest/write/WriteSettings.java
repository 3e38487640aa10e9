package dev.omrest.write;

import java.time.Duration;

/**
 * How writes to OpenMetadata behave: concurrency, retries, and how long a run may write.
 *
 * @param parallelism calls in flight at once (collections always complete before endpoints start)
 * @param runDeadline    after this long from the run's start no new write starts; the report says what was left
 * @param requestTimeout longest wait for one answer from OpenMetadata (then the call counts as failed and is retried)
 * @param maxBulkBytes   largest JSON body of one bulk call (a single larger entity still goes alone)
 */
public record WriteSettings(int parallelism, RetryPolicy retry, Duration runDeadline, Duration requestTimeout,
                            long maxBulkBytes) {

    public static final WriteSettings DEFAULT =
            new WriteSettings(4, RetryPolicy.DEFAULT, Duration.ofMinutes(14), Duration.ofSeconds(120), 8L * 1024 * 1024);

    /**
     * Retries of 429, 502, 503, 504 and transport failures (resets, timeouts): exponential backoff from
     * {@code baseDelay} up to {@code maxDelay} with jitter, never shorter than the server's Retry-After.
     */
    public record RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay, Duration maxDuration) {
        public static final RetryPolicy DEFAULT =
                new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(90));
    }
}
