package dev.omrest.report;

/** What happened to the entities of one kind. */
public record EntityCounts(int created, int updated, int restored, int unchanged, int failed, int filtered, int deleted) {

    public static final EntityCounts NONE = new EntityCounts(0, 0, 0, 0, 0, 0, 0);
}
