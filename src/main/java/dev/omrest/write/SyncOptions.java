package dev.omrest.write;

import dev.omrest.plan.PlanOptions;

import java.time.Instant;

/**
 * The payload's switches, and the moment after which no new write starts.
 */
public record SyncOptions(PlanOptions plan, Instant deadline) {
}
