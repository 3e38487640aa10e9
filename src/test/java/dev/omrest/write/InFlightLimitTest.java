package dev.omrest.write;

import org.junit.jupiter.api.Test;

import java.util.function.IntToLongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The limit on write calls in flight follows the server's load, window by window (calls in turn here). */
class InFlightLimitTest {
    private static final long MS = 1_000_000;

    /** One window's worth of answers (as many as the limit, at least four), each taking {@code millis}. */
    private static void window(InFlightLimit limit, long millis, int entities, InFlightLimit.Signal signal)
            throws InterruptedException {
        for (int i = Math.max(InFlightLimit.MIN_WINDOW, limit.current()); i > 0; i--) {
            long admitted = limit.acquire();
            limit.release(admitted, millis * MS, entities, signal);
        }
    }

    private static void windows(InFlightLimit limit, int count, IntToLongFunction millisAtLimit) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            window(limit, millisAtLimit.applyAsLong(limit.current()), 1, InFlightLimit.Signal.SERVED);
        }
    }

    @Test
    void aServerWhoseLatencyHoldsGetsEveryCallAfterASlowStart() throws InterruptedException {
        InFlightLimit limit = new InFlightLimit(16, true);
        assertEquals(2, limit.current(), "a phase starts where the server is as good as unloaded");
        windows(limit, 3, calls -> 20);
        assertEquals(16, limit.current(), "2, 4, 8, 16");
        windows(limit, 20, calls -> 20 + calls % 3);
        assertEquals(16, limit.current());
        assertEquals(16, limit.lowestAfterCuts());
    }

    @Test
    void endpointsCostingMoreThanCollectionsIsNoQueue() throws InterruptedException {
        InFlightLimit limit = new InFlightLimit(16, true);
        windows(limit, 5, calls -> 6); // collections: small bodies
        limit.newPhase();
        windows(limit, 20, calls -> 21); // endpoints: 3.5 times dearer, on a server that never queues
        assertEquals(16, limit.current());
        assertEquals(16, limit.lowestAfterCuts());
    }

    @Test
    void aServerOfTwoWorkersGetsWhatKeepsThemBusyNotAQueue() throws InterruptedException {
        InFlightLimit limit = new InFlightLimit(16, true);
        // 21 ms of work per call, two at a time: more calls in flight only wait in line
        windows(limit, 40, calls -> Math.round(21 * Math.max(1.0, calls / 2.0)));
        assertTrue(limit.current() >= 4 && limit.current() <= 7, "limit " + limit.current());
        assertTrue(limit.lowestAfterCuts() >= 4, "never so low the workers idle: " + limit.lowestAfterCuts());
    }

    @Test
    void quickRefusalsAndCallsNeverSentTeachNothing() throws InterruptedException {
        InFlightLimit limit = new InFlightLimit(16, true);
        window(limit, 0, 100, InFlightLimit.Signal.NONE); // a bulk route that does not exist, answered at once
        windows(limit, 10, calls -> 20);
        assertEquals(16, limit.current(), "not pinned by an answer that was no work");
    }

    @Test
    void overloadAnswersShrinkTheLimitButNeverBelowOne() throws InterruptedException {
        InFlightLimit limit = new InFlightLimit(4, true);
        windows(limit, 2, calls -> 10);
        assertEquals(4, limit.current());
        window(limit, 10, 100, InFlightLimit.Signal.OVERLOADED);
        assertEquals(3, limit.current());
        for (int i = 0; i < 10; i++) {
            window(limit, 10, 100, InFlightLimit.Signal.OVERLOADED);
        }
        assertEquals(1, limit.current());
    }

    @Test
    void answersToCallsAdmittedBeforeACutDoNotCutAgain() throws InterruptedException {
        InFlightLimit limit = new InFlightLimit(16, true);
        windows(limit, 3, calls -> 20); // up to 16
        long early = limit.acquire();
        long alsoEarly = limit.acquire();
        window(limit, 200, 1, InFlightLimit.Signal.SERVED); // ten times the lowest: a cut to 12
        assertEquals(12, limit.current());
        limit.release(early, 900 * MS, 1, InFlightLimit.Signal.SERVED);
        limit.release(alsoEarly, 900 * MS, 1, InFlightLimit.Signal.SERVED);
        window(limit, 20, 1, InFlightLimit.Signal.SERVED);
        assertEquals(13, limit.current(), "the slow answers from before the cut were not held against the new limit");
    }

    @Test
    void switchedOffTheLimitIsTheSettingsAlways() throws InterruptedException {
        InFlightLimit limit = new InFlightLimit(16, false);
        assertEquals(16, limit.current());
        for (int i = 0; i < 20; i++) {
            window(limit, 500, 1, InFlightLimit.Signal.OVERLOADED);
        }
        assertEquals(16, limit.current());
    }
}
