package dev.omrest.plan;

/** Why an entity is written: it is new, its content changed, or it comes back after a soft delete. */
public enum Change {
    CREATE, UPDATE, RESTORE
}
