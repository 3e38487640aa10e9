package dev.omrest.plan;

/**
 * Why an entity is written: it is new, its content changed, it comes back after a soft delete, or only to carry the
 * run's {@link Seal} (content unchanged; happens when nothing else is written and the catalogue was not sealed yet).
 */
public enum Change {
    CREATE, UPDATE, RESTORE, SEAL
}
