package dev.omrest.function;

import dev.omrest.support.MovableClock;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/**
 * The functions' clock for a test profile that enables this alternative ({@code getEnabledAlternatives}): time moves
 * only when the test moves it, e.g. from an emulator {@code Fault.action} at the exact request where a run's deadline
 * should pass.
 */
@Alternative
@Singleton
public class MovedClock {
    public static final MovableClock CLOCK = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Produces
    @Singleton
    Clock clock() {
        return CLOCK;
    }
}
