package dev.omrest.config;

import java.util.regex.Pattern;

/** A run's id as OpenMetadata's pipeline statuses carry it (upstream's {@code pipelineRunId}): a UUID. */
public final class RunIds {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private RunIds() {
    }

    public static boolean valid(String runId) {
        return runId != null && UUID.matcher(runId).matches();
    }
}
