package dev.omrest.write;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The limit on write calls in flight follows the server's latency per entity, window by window (calls in turn here). */
class InFlightLimitTest {
    private static final long MS = 1_000_000;

    /** One window's worth of answers (as many as the limit, at least four), each taking {@code millis}. */
    private static void window(InFlightLimit limit, long millis, int entities, boolean overloaded) throws InterruptedException {
        for (int i = Math.max(InFlightLimit.MIN_WINDOW, limit.current()); i > 0; i--) {
            limit.acquire();
            limit.release(millis * MS, entities, overloaded);
        }
    }

    @Test
    void aServerWhoseLatencyHoldsKeepsEveryCallTheSettingsAllow() throws InterruptedException {
        InFlightLimit limit = new InFlightLimit(16, true);
        for (int i = 0; i < 20; i++) {
            window(limit, 20 + i % 5, 1, false); // round trip plus a little noise: never three times the lowest window
        }
        assertEquals(16, limit.current());
        assertEquals(16, limit.lowest());
    }

    @Test
    void aQueueingServerGetsFewerCallsThenMoreAgainOnceItKeepsUp() throws InterruptedException {
        InFlightLimit limit = new InFlightLimit(16, true);
        window(limit, 60, 1, false); // the first answers, before the queue built up
        for (int i = 0; i < 5; i++) {
            window(limit, 200, 1, false); // queueing: over three times the lowest window
        }
        assertEquals(3, limit.current(), "16 × 0.75^5 = 3.8");
        window(limit, 25, 1, false); // the server keeps up again: a new lowest window, and one more call
        window(limit, 70, 1, false);
        assertEquals(5, limit.current());
        assertEquals(3, limit.lowest());
    }

    @Test
    void bulkCallsAreJudgedPerEntityAndOverloadAnswersShrinkTheLimit() throws InterruptedException {
        InFlightLimit limit = new InFlightLimit(4, true);
        window(limit, 100, 100, false); // 1 ms per entity
        window(limit, 250, 100, false); // 2.5 ms: within three times the lowest
        assertEquals(4, limit.current());
        window(limit, 10, 100, true); // 429s: whatever the latency
        assertEquals(3, limit.current());
        for (int i = 0; i < 10; i++) {
            window(limit, 10, 100, true);
        }
        assertEquals(1, limit.current(), "never below one call");
    }

    @Test
    void switchedOffTheLimitNeverMoves() throws InterruptedException {
        InFlightLimit limit = new InFlightLimit(16, false);
        for (int i = 0; i < 20; i++) {
            window(limit, 500, 1, true);
        }
        assertEquals(16, limit.current());
    }
}
