package dev.omrest.report;

import dev.omrest.outcome.EntityCounts;
import dev.omrest.outcome.Notice;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * The function's answer: what one run did.
 *
 * @param status          {@code success}, {@code partialSuccess} (some entities failed), {@code failed} (nothing was
 *                        written) or {@code stopped} (killed from OpenMetadata: what had not started was skipped,
 *                        nothing was marked deleted)
 * @param target          where the entities went
 * @param writeMode       bulk, per-entity or file
 * @param counts          per entity kind ({@code apiCollection}, {@code apiEndpoint})
 * @param durationsMillis per phase: fetch, parse, map, read, write, delete, total
 * @param requests        calls made to OpenMetadata, retries included
 * @param retries         calls repeated after a 429, 502, 503, 504 or a lost connection
 * @param skippedPhases   phases a sealed catalogue made unnecessary ({@code parse}, {@code map}): the spec, the
 *                        settings and the catalogue are as the run that sealed them left them; that run's warnings
 *                        are not repeated. Absent when every phase ran.
 * @param ingestionPipeline the ingestion pipeline the run was recorded on, and {@code runId} the run's id there
 * @param sealCheck       with {@code unchangedCheck: changeEvents}: how the seal was checked, and why by listing
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IngestReport(
        String service,
        String status,
        String spec,
        String target,
        String writeMode,
        Boolean serviceCreated,
        Map<String, EntityCounts> counts,
        List<Notice> warnings,
        List<Notice> errors,
        Map<String, Long> durationsMillis,
        Integer requests,
        Integer retries,
        List<String> skippedPhases,
        String ingestionPipeline,
        String runId,
        SealCheck sealCheck) {

    /** The report of a run as its ingestion pipeline recorded it. */
    public IngestReport recordedAs(String pipeline, String run, List<Notice> allWarnings) {
        return new IngestReport(service, status, spec, target, writeMode, serviceCreated, counts, allWarnings, errors,
                durationsMillis, requests, retries, skippedPhases, pipeline, run, sealCheck);
    }

    public static final String SUCCESS = "success";
    public static final String PARTIAL_SUCCESS = "partialSuccess";
    public static final String FAILED = "failed";
    public static final String STOPPED = "stopped";
    /** A scheduled run of a paused pipeline: not run, not recorded on the pipeline. */
    public static final String SKIPPED = "skipped";
}
