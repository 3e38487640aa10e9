package dev.omrest.openmetadata;

/**
 * An entity of the service as OpenMetadata lists it.
 *
 * @param parentFqn the collection of an endpoint (null for collections)
 */
public record ExistingEntity(String id, String fqn, String parentFqn, String sourceHash, boolean deleted) {
}
