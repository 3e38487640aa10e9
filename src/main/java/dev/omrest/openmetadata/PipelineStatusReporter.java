package dev.omrest.openmetadata;

import dev.omrest.outcome.EntityCounts;
import dev.omrest.report.IngestReport;
import dev.omrest.outcome.Notice;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Records the run on the ingestion pipeline it belongs to ({@code workflowConfig.ingestionPipelineFQN}):
 * {@code running} at the start, then {@code success}, {@code partialSuccess} or {@code failed} with step summaries.
 * Best effort: a status that cannot be written is a warning, never a reason to fail the ingestion.
 */
public final class PipelineStatusReporter implements RunStatus {
    private final OpenMetadataApi api;
    private final ServerCalls calls;
    private final String pipelineFqn;
    private final String runId = UUID.randomUUID().toString();
    private final long startDate = System.currentTimeMillis();
    private String startProblem;

    public PipelineStatusReporter(OpenMetadataApi api, ServerCalls calls, String pipelineFqn) {
        this.api = api;
        this.calls = calls;
        this.pipelineFqn = pipelineFqn;
    }

    @Override
    public void started() {
        startProblem = send(new PipelineStatus(runId, "running", startDate, startDate, null, null));
    }

    @Override
    public IngestReport finished(IngestReport report) {
        long now = System.currentTimeMillis();
        String problem = send(new PipelineStatus(runId, report.status(), startDate, now, now, steps(report)));
        String first = startProblem != null ? startProblem : problem;
        if (first == null) {
            return report;
        }
        List<Notice> warnings = new ArrayList<>(report.warnings());
        warnings.add(new Notice(pipelineFqn, "Pipeline status not recorded: " + first));
        return new IngestReport(report.service(), report.status(), report.spec(), report.target(), report.writeMode(),
                report.serviceCreated(), report.counts(), List.copyOf(warnings), report.errors(),
                report.durationsMillis(), report.requests(), report.retries(), report.skippedPhases());
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
