package dev.omrest.orchestrator;

import java.time.Instant;

/**
 * One deployed ingestion pipeline as its EventBridge Scheduler schedule holds it: the schedule is the only record
 * pipelineService keeps, so an on-demand pipeline has one too, never enabled.
 *
 * @param expression when it runs ({@code cron(…)}); {@link #ON_DEMAND} for a pipeline without a schedule
 * @param timezone   the pipeline's {@code pipelineTimezone}
 * @param startDate  no run before this (null: none, or already past)
 * @param endDate    no run after this, or null
 * @param enabled    whether the schedule fires
 * @param input      what it invokes {@code ingest} with: a reference to the pipeline, never a secret
 */
public record PipelineSchedule(String name, String expression, String timezone, Instant startDate, Instant endDate,
                               boolean enabled, String input) {
    /**
     * EventBridge Scheduler needs an expression; an on-demand pipeline gets one that does not come round before the
     * year 2199 and stays disabled besides: it exists so that triggers find the pipeline.
     */
    public static final String ON_DEMAND = "cron(0 0 1 1 ? 2199)";

    public boolean onDemand() {
        return ON_DEMAND.equals(expression);
    }

    public PipelineSchedule withEnabled(boolean on) {
        return new PipelineSchedule(name, expression, timezone, startDate, endDate, on && !onDemand(), input);
    }
}
