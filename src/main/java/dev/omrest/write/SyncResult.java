package dev.omrest.write;

import dev.omrest.report.EntityCounts;
import dev.omrest.report.Notice;

import java.util.List;
import java.util.Map;

/**
 * What a sink did.
 *
 * @param target          where the entities went (server URL and version, or file path)
 * @param writeMode       bulk, per-entity, or file
 * @param serviceCreated  whether the API service was created by this run
 * @param deletionNote    why stale entities were kept, or null
 * @param durationsMillis time per phase (read, write, delete)
 * @param requests        calls sent, retries included
 * @param retries         calls sent again after a 429, 502, 503, 504 or transport failure
 */
public record SyncResult(String target, String writeMode, boolean serviceCreated, EntityCounts collections,
                         EntityCounts endpoints, List<Notice> errors, List<Notice> warnings, String deletionNote,
                         Map<String, Long> durationsMillis, int requests, int retries) {
}
