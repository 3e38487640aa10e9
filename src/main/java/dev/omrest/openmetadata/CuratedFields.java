package dev.omrest.openmetadata;

/** The fields of a create request that users also edit in OpenMetadata, and that {@code overrideMetadata} governs. */
public interface CuratedFields {

    String description();

    default String displayName() {
        return null;
    }
}
