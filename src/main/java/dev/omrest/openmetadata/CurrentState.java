package dev.omrest.openmetadata;

import java.util.Map;

/**
 * What the target holds for the service before the run, keyed by FQN (soft-deleted entities included).
 *
 * @param serverVersion the OpenMetadata version the target reports, or null for a file
 */
public record CurrentState(String serverVersion, boolean serviceExists, Map<String, ExistingEntity> collections,
                           Map<String, ExistingEntity> endpoints) {

    public static CurrentState empty() {
        return new CurrentState(null, false, Map.of(), Map.of());
    }
}
