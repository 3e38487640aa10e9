package dev.omrest.write;

import dev.omrest.report.EntityCounts;

import dev.omrest.plan.Change;

/** Mutable counter for one entity kind while a plan is carried out. */
final class Tally {
    int created;
    int updated;
    int restored;
    int failed;
    int deleted;

    void succeeded(Change change) {
        switch (change) {
            case CREATE -> created++;
            case UPDATE -> updated++;
            case RESTORE -> restored++;
        }
    }

    EntityCounts counts(int unchanged, int filtered, int mappingFailures) {
        return new EntityCounts(created, updated, restored, unchanged, failed + mappingFailures, filtered, deleted);
    }
}
