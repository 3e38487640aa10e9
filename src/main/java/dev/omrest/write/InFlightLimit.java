package dev.omrest.write;

/**
 * How many write calls may be in flight, adapted to what the server shows. Against a server that is already the
 * bottleneck, calls beyond what it serves at once only queue there: latency climbs while throughput stays.
 *
 * <p>Each phase of a run (its collections, then its endpoints: calls of very different cost) starts over at
 * {@value #START} calls, where the server's latency is measured as good as unloaded, and doubles the limit per window
 * of answers while the latency holds (a window: as many answers as the limit, at least {@value #MIN_WINDOW}; its
 * average latency per entity smooths out bodies of different sizes). Once a window's average is over
 * {@value #TOLERANCE} times the lowest of the phase, or an answer in it was 429, 503, 504 or none at all, the limit
 * shrinks by a quarter, and from then on grows by one per good window. Only answers to calls admitted under the
 * current limit count (a cut shows only once the calls it holds back are gone), and only answers that are the
 * server's work: a refusal in microseconds (400, 404, a bulk route that does not exist) or a call never sent says
 * nothing about its load. A fast server never shows the climb and gets every call the settings allow.
 */
final class InFlightLimit {
    static final double TOLERANCE = 3.0;
    static final int MIN_WINDOW = 4;
    static final int START = 2;
    private static final double DECREASE = 0.75;

    /** What one answer tells about the server's load. */
    enum Signal {
        /** A 2xx: the server did the work; its latency counts. */
        SERVED,
        /** 429, 503, 504 or no answer: the server asks for less. */
        OVERLOADED,
        /** Not the server's work (a quick refusal, a call never sent): ignored. */
        NONE
    }

    private final int max;
    private final boolean adaptive;
    private double limit;
    private boolean slowStart;
    private int inFlight;
    private long epoch;
    private double lowestWindow;
    private double windowSum;
    private int windowCount;
    private boolean windowOverloaded;
    private int lowest;

    /** @param adaptive false: always {@code max} in flight */
    InFlightLimit(int max, boolean adaptive) {
        this.max = Math.max(1, max);
        this.adaptive = adaptive;
        this.lowest = this.max;
        newPhase();
    }

    /** Calls of another kind follow (endpoints after collections): their latency is learnt afresh. */
    synchronized void newPhase() {
        limit = adaptive ? Math.min(START, max) : max;
        slowStart = true;
        lowestWindow = Double.MAX_VALUE;
        startWindow();
        epoch++;
        notifyAll();
    }

    /** @return the epoch the call is admitted in, for {@link #release} */
    synchronized long acquire() throws InterruptedException {
        while (inFlight >= (int) limit) {
            wait();
        }
        inFlight++;
        return epoch;
    }

    /**
     * @param admitted what {@link #acquire} returned
     * @param nanos    how long the call took, retries included
     * @param entities how many entities it carried (a bulk call up to 100)
     */
    synchronized void release(long admitted, long nanos, int entities, Signal signal) {
        inFlight--;
        if (adaptive && admitted == epoch && signal != Signal.NONE) {
            windowSum += (double) nanos / Math.max(1, entities);
            windowCount++;
            windowOverloaded |= signal == Signal.OVERLOADED;
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
            lowest = Math.min(lowest, (int) limit);
            slowStart = false;
            epoch++; // answers to calls admitted before the cut would judge the new limit by the old one
        } else {
            limit = Math.min(max, slowStart ? limit * 2 : limit + 1);
        }
        startWindow();
    }

    private void startWindow() {
        windowSum = 0;
        windowCount = 0;
        windowOverloaded = false;
    }

    /** The limit now (whole calls). */
    synchronized int current() {
        return (int) limit;
    }

    /** The lowest the limit went after a cut (slow starts aside). */
    synchronized int lowestAfterCuts() {
        return lowest;
    }
}
