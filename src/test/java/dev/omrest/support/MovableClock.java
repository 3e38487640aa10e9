package dev.omrest.support;

import dev.omrest.budget.Pause;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A clock a test moves: waits become moves ({@link #pause()}), so timing tests take no time and cannot be flaky. */
public final class MovableClock extends Clock {
    private volatile Instant now;
    private final List<Long> pauses = Collections.synchronizedList(new ArrayList<>());

    public MovableClock(Instant start) {
        this.now = start;
    }

    public synchronized void advance(Duration by) {
        now = now.plus(by);
    }

    /** Waiting that moves this clock instead, recording each wait. */
    public Pause pause() {
        return millis -> {
            pauses.add(millis);
            advance(Duration.ofMillis(millis));
        };
    }

    /** The waits asked for, in order. */
    public List<Long> pauses() {
        return List.copyOf(pauses);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
