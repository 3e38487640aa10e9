package dev.omrest.write;

/**
 * How many write calls may be in flight, adapted to what the server shows (additive increase, multiplicative
 * decrease, decided once per window of answers). Against a server that is already the bottleneck, calls beyond what
 * it serves at once only queue there: latency per entity climbs while throughput stays. So the answers are taken in
 * windows (as many as the limit, at least {@value #MIN_WINDOW}; their average smooths out bodies of different sizes):
 * when a window's average latency per entity is over {@value #TOLERANCE} times the lowest window average seen, or a
 * call in it met 429 or 503, the limit shrinks by a quarter; otherwise it grows by one. A fast server never shows the
 * climb and keeps every call the settings allow; the limit never leaves [1, max].
 */
final class InFlightLimit {
    static final double TOLERANCE = 3.0;
    static final int MIN_WINDOW = 4;
    private static final double DECREASE = 0.75;
    private final int max;
    private final boolean adaptive;
    private double limit;
    private int inFlight;
    private double lowestWindow = Double.MAX_VALUE;
    private double windowSum;
    private int windowCount;
    private boolean windowOverloaded;
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
     * @param overloaded the server asked for less (429, 503)
     */
    synchronized void release(long nanos, int entities, boolean overloaded) {
        inFlight--;
        if (adaptive) {
            windowSum += (double) nanos / Math.max(1, entities);
            windowCount++;
            windowOverloaded |= overloaded;
            if (windowCount >= Math.max(MIN_WINDOW, (int) limit)) {
                adapt(windowSum / windowCount);
            }
        }
        notifyAll();
    }

    private void adapt(double average) {
        lowestWindow = Math.min(lowestWindow, average);
        if (windowOverloaded || average > lowestWindow * TOLERANCE) {
            limit = Math.max(1, limit * DECREASE);
        } else {
            limit = Math.min(max, limit + 1);
        }
        lowest = Math.min(lowest, (int) limit);
        windowSum = 0;
        windowCount = 0;
        windowOverloaded = false;
    }

    /** The limit now (whole calls). */
    synchronized int current() {
        return (int) limit;
    }

    /** The lowest the limit went. */
    synchronized int lowest() {
        return lowest;
    }
}
