package dev.omrest.emulator;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * What a request costs a real server, for benchmarks that should see it (off by default: tests run at no cost). A
 * request holds one of {@code workers} (the server's cores, shared with its database) for
 * {@code perRequestMillis + perListedEntityMillis × entities listed + perKbStoredMillis × KB of request body} (a
 * {@code /v1/events} answer's events count as entities listed: each is a stored JSON row read and sent back), so
 * calls beyond the workers queue, and latency grows with calls in flight as it does on a busy server.
 *
 * <p>{@link #CALIBRATED}: api.github.com against a real OpenMetadata 1.6 (PostgreSQL; server, database and client on
 * 2 cores). Listing 1,223 endpoints ({@code fields=sourceHash}, 2 pages) took 3.8 s: 3.1 ms per entity listed. 1,274
 * single-entity PUTs at 16 in flight took 13.6 s (p50 119 ms): 94 per second through 2 workers, 21 ms each, of which
 * 5 ms per request and 2.3 ms per KB of the average 7.05 KB body.
 *
 * @param workers requests served at once (0: no cost model)
 */
public record CostModel(int workers, double perRequestMillis, double perListedEntityMillis, double perKbStoredMillis) {
    public static final CostModel NONE = new CostModel(0, 0, 0, 0);
    public static final CostModel CALIBRATED = new CostModel(2, 5, 3.1, 2.3);

    /** The cost of one request, in milliseconds. */
    double millis(int listedEntities, long requestBytes) {
        return perRequestMillis + perListedEntityMillis * listedEntities + perKbStoredMillis * requestBytes / 1024.0;
    }

    /** The server's workers while a cost model is on. */
    static final class Workers {
        private final CostModel model;
        private final Semaphore free;

        Workers(CostModel model) {
            this.model = model;
            this.free = new Semaphore(Math.max(1, model.workers()), true);
        }

        CostModel model() {
            return model;
        }

        /** Serves {@code work} on a worker, which stays busy for the request's cost. */
        Reply serve(Supplier<Reply> work, long requestBytes) throws InterruptedException {
            if (model.workers() == 0) {
                return work.get();
            }
            free.acquire();
            try {
                long start = System.nanoTime();
                Reply reply = work.get();
                int listed = reply.body().path("data").isArray() ? reply.body().path("data").size() : 0;
                long end = start + (long) (model.millis(listed, requestBytes) * 1_000_000);
                // parked to the nanosecond: Thread.sleep(ms, ns) rounds up to the next millisecond on JDK 17
                for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(left);
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
                return reply;
            } finally {
                free.release();
            }
        }
    }
}
