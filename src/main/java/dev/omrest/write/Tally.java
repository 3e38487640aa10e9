package dev.omrest.write;

import dev.omrest.plan.Change;
import dev.omrest.report.EntityCounts;

/** Counter for one entity kind while a plan is carried out; written from several threads. */
final class Tally {
    private int created;
    private int updated;
    private int restored;
    private int failed;
    private int skipped;
    private int deleted;

    synchronized void succeeded(Change change) {
        switch (change) {
            case CREATE -> created++;
            case UPDATE -> updated++;
            case RESTORE -> restored++;
            case SEAL -> { } // content unchanged: the plan counts it as such
        }
    }

    synchronized void failed(int count) {
        failed += count;
    }

    synchronized void skipped(int count) {
        skipped += count;
    }

    synchronized void deleted(int count) {
        deleted += count;
    }

    synchronized int skipped() {
        return skipped;
    }

    synchronized EntityCounts counts(int unchanged, int filtered, int mappingFailures) {
        return new EntityCounts(created, updated, restored, unchanged, failed + mappingFailures, skipped, filtered, deleted);
    }
}
