package dev.omrest.plan;

/** An entity of the service as OpenMetadata lists it. */
public record ExistingEntity(String id, String fqn, String sourceHash, boolean deleted) {
}
