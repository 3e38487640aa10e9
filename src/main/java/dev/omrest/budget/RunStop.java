package dev.omrest.budget;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A request, from outside the run, that it stop starting new work: OpenMetadata's kill, seen as the run's pipeline
 * status turned {@code stopped}. Calls already in flight finish; what was not started is reported as skipped.
 */
public final class RunStop {
    private final AtomicReference<String> reason = new AtomicReference<>();
    private final boolean stoppable;

    private RunStop(boolean stoppable) {
        this.stoppable = stoppable;
    }

    public static RunStop never() {
        return new RunStop(false);
    }

    public static RunStop stoppable() {
        return new RunStop(true);
    }

    /** Asks the run to stop; the first reason given is kept. */
    public void request(String why) {
        if (stoppable) {
            reason.compareAndSet(null, why);
        }
    }

    public boolean requested() {
        return reason.get() != null;
    }

    /** Why the run was stopped, or null. */
    public String reason() {
        return reason.get();
    }
}
