package dev.omrest.write;

/** The payload switches that change what is written. */
public record SyncOptions(boolean overrideMetadata, boolean markDeletedApiCollections) {
}
