package dev.omrest.write;

import dev.omrest.plan.Change;

/** Counter for one entity kind while a plan's writes are sent; written from several threads. */
final class Tally {
    private int created;
    private int updated;
    private int restored;
    private int failed;
    private int skipped;

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

    synchronized Written.Count count() {
        return new Written.Count(created, updated, restored, failed, skipped);
    }
}
