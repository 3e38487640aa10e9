package dev.omrest.write;

import dev.omrest.outcome.Notice;

import java.util.List;

/**
 * What the write step did with a plan's writes.
 *
 * @param serviceCreated whether the API service was created
 * @param mode           how the entities went: {@code bulk}, {@code per-entity} (a server without bulk calls, or one
 *                       whose bulk route answered 404/405), or {@code file}
 */
public record Written(boolean serviceCreated, Count collections, Count endpoints, String mode, List<Notice> errors,
                      List<Notice> warnings) {

    /** Entities written per outcome; {@code skipped}: not sent because the run's budget was spent. */
    public record Count(int created, int updated, int restored, int failed, int skipped) {
    }

    /** Entities not sent because the run's budget was spent. */
    public int skipped() {
        return collections.skipped() + endpoints.skipped();
    }
}
