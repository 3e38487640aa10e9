package dev.omrest.orchestrator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** How the server's {@code dag_id} (the ingestion pipeline's name) names a pipeline here, and its schedule. */
public final class DagIds {
    /** EventBridge Scheduler's limit on a schedule's name. */
    static final int MAX_SCHEDULE_NAME = 64;

    private DagIds() {
    }

    /** The Airflow plugin's {@code clean_dag_id}: every run of characters outside {@code [0-9a-zA-Z-_]} becomes one {@code _}. */
    public static String clean(String name) {
        return name.replaceAll("[^0-9a-zA-Z\\-_]+", "_");
    }

    /**
     * The schedule of a dag id: the id itself (its characters are all allowed in schedule names) when it fits, else its
     * first 55 characters and 8 hex digits of its SHA-256, so that two long names sharing a prefix keep two schedules.
     */
    public static String scheduleName(String dagId) {
        if (dagId.length() <= MAX_SCHEDULE_NAME) {
            return dagId;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(dagId.getBytes(StandardCharsets.UTF_8));
            return dagId.substring(0, MAX_SCHEDULE_NAME - 9) + "-" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
