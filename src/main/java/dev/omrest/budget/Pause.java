package dev.omrest.budget;

/** Waiting between attempts; tests give one that moves their clock instead of sleeping. */
@FunctionalInterface
public interface Pause {
    Pause SLEEP = Thread::sleep;

    void millis(long millis) throws InterruptedException;
}
