package dev.omrest.openmetadata;

/**
 * One of OpenMetadata's change events, as much of it as telling whose change it was needs.
 *
 * @param timestamp the changed entity's {@code updatedAt} after the change (for a hard delete: before it)
 */
public record ChangeEvent(String eventType, String entityType, String fqn, long timestamp) {
}
