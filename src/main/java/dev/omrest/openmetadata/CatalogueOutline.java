package dev.omrest.openmetadata;

import java.util.Map;

/**
 * What a cheap read shows of a service: its collections (soft-deleted ones included) and how many endpoints it has,
 * without listing them.
 *
 * @param endpoints        the service's endpoints, soft-deleted ones included
 * @param deletedEndpoints its soft-deleted endpoints
 */
public record CatalogueOutline(String serverVersion, boolean serviceExists, Map<String, ExistingEntity> collections,
                               int endpoints, int deletedEndpoints) {
}
