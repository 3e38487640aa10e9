package dev.omrest.openmetadata;

import dev.omrest.outcome.EntityCounts;
import dev.omrest.report.IngestReport;
import dev.omrest.outcome.Notice;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Records the run on the ingestion pipeline it belongs to ({@code ingestionPipelineFQN}), under the payload's
 * {@code pipelineRunId} or a fresh one: {@code running} at the start, then {@code success}, {@code partialSuccess},
 * {@code failed} or {@code stopped} with step summaries. Best effort: a status that cannot be written is a warning,
 * never a reason to fail the ingestion. A run given its id (a trigger from OpenMetadata) first reads that id's status:
 * a run killed while it was queued is {@code stopped} already and does not start; a run killed while running sees its
 * status turn {@code stopped} ({@link #stopRequested}).
 */
public final class PipelineStatusReporter implements RunStatus {
    private final OpenMetadataApi api;
    private final ServerCalls calls;
    /** One attempt each: a status that cannot be read now is read at the next look, and must not hold the run up. */
    private final ServerCalls checks;
    private final String pipelineFqn;
    private final String runId;
    private final boolean givenRunId;
    private final long startDate = System.currentTimeMillis();
    private String startProblem;

    /** @param runId the run's id as the trigger chose it, or null for a fresh one */
    public PipelineStatusReporter(OpenMetadataApi api, ServerCalls calls, ServerCalls checks, String pipelineFqn,
                                  String runId) {
        this.api = api;
        this.calls = calls;
        this.checks = checks;
        this.pipelineFqn = pipelineFqn;
        this.givenRunId = runId != null;
        this.runId = runId != null ? runId : UUID.randomUUID().toString();
    }

    @Override
    public boolean started() {
        if (givenRunId && stopRequested()) {
            return false;
        }
        startProblem = send(new PipelineStatus(runId, "running", startDate, startDate, null, null));
        return true;
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public boolean stopRequested() {
        ServerCalls.Answer answer = checks.call(() -> api.pipelineStatus(pipelineFqn, runId));
        // a run the server does not know yet is a 204 without a body
        return answer.ok() && answer.body() != null && IngestReport.STOPPED.equals(answer.body().path("pipelineState").asText());
    }

    @Override
    public IngestReport finished(IngestReport report) {
        long now = System.currentTimeMillis();
        String problem = send(new PipelineStatus(runId, report.status(), startDate, now, now, steps(report)));
        String first = startProblem != null ? startProblem : problem;
        List<Notice> warnings = new ArrayList<>(report.warnings());
        if (first != null) {
            warnings.add(new Notice(pipelineFqn, "Pipeline status not recorded: " + first));
        }
        return report.recordedAs(pipelineFqn, runId, List.copyOf(warnings));
    }

    /**
     * The run's lines go to the server's log storage under the run's id, as upstream's streamable logger sends them
     * (2.0 servers whose log storage keeps them, S3), so the UI's log viewer shows them without asking the orchestrator.
     */
    @Override
    public void shareLog(List<String> lines) {
        PipelineLogs logs = new PipelineLogs(String.join("\n", lines) + "\n", System.currentTimeMillis(),
                "omrest-ingest", false, lines.size());
        if (calls.call(() -> api.pushLogs(pipelineFqn, runId, logs)).ok()) {
            calls.call(() -> api.closeLogs(pipelineFqn, runId));
        }
    }

    private String send(PipelineStatus status) {
        ServerCalls.Answer answer = calls.call(() -> api.putPipelineStatus(pipelineFqn, status));
        return answer.ok() ? null : answer.problem();
    }

    /** A source step (what the spec gave) and a sink step (what reached OpenMetadata), as upstream reports them. */
    private static List<PipelineStatus.StepSummary> steps(IngestReport report) {
        List<PipelineStatus.Failure> failures = report.errors().stream()
                .map(e -> new PipelineStatus.Failure(e.entity() == null ? report.service() : e.entity(), e.message()))
                .toList();
        if (report.counts() == null) {
            return List.of(new PipelineStatus.StepSummary("Rest", 0, 0, report.warnings().size(), failures.size(), 0, failures));
        }
        EntityCounts c = report.counts().get("apiCollection");
        EntityCounts e = report.counts().get("apiEndpoint");
        int mapped = c.created() + c.updated() + c.restored() + c.unchanged() + c.failed() + c.skipped()
                + e.created() + e.updated() + e.restored() + e.unchanged() + e.failed() + e.skipped();
        int written = c.created() + c.restored() + e.created() + e.restored();
        int updated = c.updated() + e.updated();
        return List.of(
                new PipelineStatus.StepSummary("Rest", mapped, 0, report.warnings().size(), 0, c.filtered() + e.filtered(), List.of()),
                new PipelineStatus.StepSummary("OpenMetadata", written, updated, 0, failures.size(), 0, failures));
    }
}
