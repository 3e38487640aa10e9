package dev.omrest.write;

/**
 * How many write calls may be in flight, adapted to what the server shows (additive increase, multiplicative
 * decrease). Against a server that is already the bottleneck, calls beyond what it serves at once only queue there:
 * the latency per entity climbs while throughput stays. So when an answer takes more than {@value #TOLERANCE} times the
 * fastest per-entity latency seen, or the server says it is overloaded (429, 503, or a retry was needed), the limit
 * shrinks by a quarter; every other answer grows it by one per limit's worth of answers. A fast server never shows
 * the climb and keeps every call the settings allow in flight; the limit never leaves [1, max].
 */
final class InFlightLimit {
    static final double TOLERANCE = 2.0;
    private static final double DECREASE = 0.75;
    private final int max;
    private final boolean adaptive;
    private double limit;
    private int inFlight;
    private double fastestPerEntity = Double.MAX_VALUE;
    private int lowest;

    /** @param adaptive false: always {@code max} in flight, as before the limit adapted */
    InFlightLimit(int max, boolean adaptive) {
        this.max = Math.max(1, max);
        this.adaptive = adaptive;
        this.limit = this.max;
        this.lowest = this.max;
    }

    synchronized void acquire() throws InterruptedException {
        while (inFlight >= (int) limit) {
            wait();
        }
        inFlight++;
    }

    /**
     * @param nanos      how long the call took, retries included
     * @param entities   how many entities it carried (a bulk call up to 100)
     * @param overloaded the server asked for less (429, 503) or the call needed a retry
     */
    synchronized void release(long nanos, int entities, boolean overloaded) {
        inFlight--;
        if (adaptive) {
            double perEntity = (double) nanos / Math.max(1, entities);
            fastestPerEntity = Math.min(fastestPerEntity, perEntity);
            if (overloaded || perEntity > fastestPerEntity * TOLERANCE) {
                limit = Math.max(1, limit * DECREASE);
            } else {
                limit = Math.min(max, limit + 1.0 / limit);
            }
            lowest = Math.min(lowest, (int) limit);
        }
        notifyAll();
    }

    /** The limit now (whole calls). */
    synchronized int current() {
        return (int) limit;
    }

    /** The lowest the limit went during the run. */
    synchronized int lowest() {
        return lowest;
    }
}
