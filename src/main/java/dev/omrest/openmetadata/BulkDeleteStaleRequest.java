package dev.omrest.openmetadata;

import java.util.List;

/** Body of {@code DELETE /v1/apiCollections/deleteStale} (OpenMetadata 2.0). */
public record BulkDeleteStaleRequest(String scopeFqn, String scopeEntityType, List<String> seenFqns, boolean recursive,
                                     boolean hardDelete) {
}
