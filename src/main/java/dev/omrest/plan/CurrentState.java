package dev.omrest.plan;

import java.util.Map;

/** What OpenMetadata holds for the service before the run, keyed by FQN (soft-deleted entities included). */
public record CurrentState(boolean serviceExists, Map<String, ExistingEntity> collections,
                           Map<String, ExistingEntity> endpoints) {

    public static CurrentState empty() {
        return new CurrentState(false, Map.of(), Map.of());
    }
}
