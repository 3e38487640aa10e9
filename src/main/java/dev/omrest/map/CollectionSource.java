package dev.omrest.map;

/** A collection as the document declares it: a root tag, the synthetic {@code default}, or an operation tag. */
record CollectionSource(String name, String description) {
    static final String DEFAULT = "default";
}
