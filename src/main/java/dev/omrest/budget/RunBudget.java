package dev.omrest.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A run's one time budget, on a clock tests can drive: after {@code deadline} nothing new starts (no call, no attempt,
 * no retry), and a call already in flight is waited for until {@code grace} after it, then given up. So a server that
 * hangs late in a run cannot hold the function into the Lambda timeout, where no report is written; and a call that
 * started just before the deadline still gets its answer when the server is merely slow.
 */
public record RunBudget(Clock clock, Instant deadline, Duration grace, RunStop stop) {
    /**
     * How long a call in flight at the deadline may still take. The stack sets the deadline at least 30 s before the
     * Lambda timeout (infra's ConnectorStack.runDeadline): this grace and the pipeline status's fit in that.
     */
    public static final Duration IN_FLIGHT_GRACE = Duration.ofSeconds(15);
    /** What {@link #answerWait()} says of an unlimited budget ({@code Duration.between(now, Instant.MAX)} overflows). */
    private static final Duration FOREVER = Duration.ofDays(365);

    /** A budget nobody can stop early: only its deadline ends it. */
    public RunBudget(Clock clock, Instant deadline, Duration grace) {
        this(clock, deadline, grace, RunStop.never());
    }

    /** A budget of {@code length} from now. */
    public static RunBudget of(Clock clock, Duration length) {
        return new RunBudget(clock, clock.instant().plus(length), IN_FLIGHT_GRACE);
    }

    /** A budget of {@code length} from now that ends early when {@code stop} is requested (a kill from OpenMetadata). */
    public static RunBudget of(Clock clock, Duration length, RunStop stop) {
        return new RunBudget(clock, clock.instant().plus(length), IN_FLIGHT_GRACE, stop);
    }

    /** No limit, for callers outside a run (a test connection has its own deadline around it). */
    public static RunBudget unlimited(Clock clock) {
        return new RunBudget(clock, Instant.MAX, Duration.ZERO);
    }

    public boolean unlimited() {
        return deadline.equals(Instant.MAX);
    }

    /** Whether the deadline has passed or the run was stopped: nothing new starts. */
    public boolean expired() {
        return stop.requested() || !clock.instant().isBefore(deadline);
    }

    /** How long a call in flight may still be waited for: until the grace after the deadline. */
    public Duration answerWait() {
        return unlimited() ? FOREVER : until(deadline.plus(grace));
    }

    /**
     * The budget of what a run does once its calls are over (recording how it ended): it may start until
     * {@code extra} after this budget's last answer, and is not waited for beyond that.
     */
    // recording how a stopped run ended is part of stopping it: the budget of that is never stopped
    public RunBudget afterwards(Duration extra) {
        return unlimited() ? this : new RunBudget(clock, deadline.plus(grace).plus(extra), Duration.ZERO);
    }

    private Duration until(Instant end) {
        if (end.equals(Instant.MAX)) {
            return FOREVER;
        }
        Duration left = Duration.between(clock.instant(), end);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
