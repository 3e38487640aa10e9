package dev.omrest.write;

import dev.omrest.openmetadata.RetryPolicy;

import java.time.Duration;

/**
 * How writes to OpenMetadata behave: concurrency, retries, and how long a run may write.
 *
 * @param parallelism          bulk calls in flight at most (collections always complete before endpoints start)
 * @param perEntityParallelism single-entity calls in flight at most, where the server has no bulk calls
 * @param adaptive             fewer calls in flight while the server's answers show it is the bottleneck
 *                             ({@link InFlightLimit}); false: always the most
 * @param runDeadline    after this long from the run's start no new call starts; the report says what was left
 * @param requestTimeout longest wait for one answer from OpenMetadata (then the call counts as failed and is retried)
 * @param maxBulkBytes   largest JSON body of one bulk call (a single larger entity still goes alone)
 * @param gzip           large request bodies go gzip-compressed ({@link dev.omrest.openmetadata.WriteCalls})
 */
public record WriteSettings(int parallelism, int perEntityParallelism, boolean adaptive, RetryPolicy retry, Duration runDeadline, Duration requestTimeout,
                            long maxBulkBytes, boolean gzip) {

    public static final WriteSettings DEFAULT =
            new WriteSettings(4, 16, true, RetryPolicy.DEFAULT, Duration.ofMinutes(14), Duration.ofSeconds(120), 8L * 1024 * 1024,
                    true);
}
