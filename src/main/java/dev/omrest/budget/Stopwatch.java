package dev.omrest.budget;

/** Elapsed milliseconds of a phase, on the monotonic clock (durations in reports, never deadlines). */
public final class Stopwatch {
    private final long started = System.nanoTime();

    public static Stopwatch start() {
        return new Stopwatch();
    }

    public long millis() {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
