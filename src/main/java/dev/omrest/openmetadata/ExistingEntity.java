package dev.omrest.openmetadata;

/**
 * An entity of the service as OpenMetadata lists it.
 *
 * @param parentFqn the collection of an endpoint (null for collections)
 * @param updatedAt when the server last changed it (epoch millis; 0 when not read): the time of its last change event
 * @param onlySourceHashChanged whether its last change, as the server describes it, set its {@code sourceHash} to what
 *                              it is now and nothing else (read for collections only; null when the server listed no
 *                              description of it)
 */
public record ExistingEntity(String id, String fqn, String parentFqn, String sourceHash, boolean deleted, long updatedAt,
                             Boolean onlySourceHashChanged) {

    public ExistingEntity(String id, String fqn, String parentFqn, String sourceHash, boolean deleted) {
        this(id, fqn, parentFqn, sourceHash, deleted, 0, null);
    }
}
