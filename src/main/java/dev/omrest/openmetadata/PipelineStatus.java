package dev.omrest.openmetadata;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** Body of {@code PUT /v1/services/ingestionPipelines/{fqn}/pipelineStatus}: one run of a deployed pipeline. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PipelineStatus(String runId, String pipelineState, Long startDate, Long timestamp, Long endDate,
                             List<StepSummary> status) {

    /** OpenMetadata's {@code stepSummary}, field names as the server spells them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StepSummary(String name, int records, @JsonProperty("updated_records") int updatedRecords,
                              int warnings, int errors, int filtered, List<Failure> failures) {
    }

    public record Failure(String name, String error) {
    }
}
