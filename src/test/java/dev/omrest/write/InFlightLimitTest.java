package dev.omrest.write;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The limit on write calls in flight follows the server's latency per entity (no threads: calls in turn). */
class InFlightLimitTest {
    private static final long MS = 1_000_000;

    private static void answer(InFlightLimit limit, long millis, int entities, boolean overloaded) throws InterruptedException {
        limit.acquire();
        limit.release(millis * MS, entities, overloaded);
    }

    @Test
    void aServerWhoseLatencyHoldsKeepsEveryCallTheSettingsAllow() throws InterruptedException {
        InFlightLimit limit = new InFlightLimit(16, true);
        for (int i = 0; i < 200; i++) {
            answer(limit, 20 + i % 5, 1, false); // round trip plus a little noise: never twice the fastest
        }
        assertEquals(16, limit.current());
        assertEquals(16, limit.lowest());
    }

    @Test
    void aQueueingServerGetsFewerCallsAndThenMoreAgainOnceItKeepsUp() throws InterruptedException {
        InFlightLimit limit = new InFlightLimit(16, true);
        answer(limit, 20, 1, false);
        for (int i = 0; i < 6; i++) {
            answer(limit, 160, 1, false); // eight times the fastest: queueing at the server
        }
        // 16 × 0.75^6 = 2.8
        assertEquals(2, limit.current());
        for (int i = 0; i < 10; i++) {
            answer(limit, 25, 1, false);
        }
        // +1 per limit's worth of answers: 2.85 → 5.5 after ten
        assertEquals(5, limit.current());
        assertEquals(2, limit.lowest());
    }

    @Test
    void bulkCallsAreJudgedPerEntityAndOverloadAnswersShrinkTheLimit() throws InterruptedException {
        InFlightLimit limit = new InFlightLimit(4, true);
        answer(limit, 100, 100, false); // 1 ms per entity
        answer(limit, 150, 100, false); // 1.5 ms: within twice the fastest
        assertEquals(4, limit.current());
        answer(limit, 10, 1, true); // a 429: whatever its latency
        assertEquals(3, limit.current());
        for (int i = 0; i < 10; i++) {
            answer(limit, 10, 1, true);
        }
        assertEquals(1, limit.current(), "never below one call");
    }

    @Test
    void switchedOffTheLimitNeverMoves() throws InterruptedException {
        InFlightLimit limit = new InFlightLimit(16, false);
        answer(limit, 20, 1, false);
        for (int i = 0; i < 20; i++) {
            answer(limit, 500, 1, true);
        }
        assertEquals(16, limit.current());
    }
}
