package dev.omrest.pipeline;

import dev.omrest.budget.RunStop;
import dev.omrest.openmetadata.RunStatus;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Asks the run's status, every {@code every}, whether OpenMetadata killed the run, and stops the run's budget when it
 * did. OpenMetadata has no way to reach a running Lambda: a kill is a status the run reads back (set by
 * pipelineService's {@code kill}, or by a 2.0 server itself).
 */
final class KillWatch implements AutoCloseable {
    static final String REASON = "the run was killed from OpenMetadata";
    /** For a run not recorded on a pipeline: nothing can kill it, nothing to watch. */
    static final KillWatch NONE = new KillWatch(null);

    private final ScheduledExecutorService timer;

    private KillWatch(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static KillWatch start(RunStatus status, RunStop stop, Duration every) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "kill-watch");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                if (!stop.requested() && status.stopRequested()) {
                    stop.request(REASON);
                }
            } catch (RuntimeException e) {
                // a status that cannot be read this time may be read next time; the run goes on meanwhile
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return new KillWatch(timer);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
