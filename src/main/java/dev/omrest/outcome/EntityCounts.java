package dev.omrest.outcome;

/**
 * What happened to the entities of one kind.
 *
 * @param skipped not attempted because the run reached its deadline; the next run writes them
 */
public record EntityCounts(int created, int updated, int restored, int unchanged, int failed, int skipped,
                           int filtered, int deleted) {
}
