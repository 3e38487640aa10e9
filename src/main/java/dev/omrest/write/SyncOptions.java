package dev.omrest.write;

import dev.omrest.plan.InputKey;
import dev.omrest.plan.PlanOptions;

import java.time.Instant;

/**
 * The payload's switches, the moment after which no new write starts, and the run's inputs to seal the catalogue
 * with (null: no seal).
 */
public record SyncOptions(PlanOptions plan, Instant deadline, InputKey inputs) {
}
