package dev.omrest.report;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** OpenMetadata's {@code TestConnectionResult}: steps in order, stopped at the first failed mandatory one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestConnectionResult(Long lastUpdatedAt, String status, List<Step> steps) {

    public static final String SUCCESSFUL = "Successful";
    public static final String FAILED = "Failed";
    public static final String RUNNING = "Running";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(String name, boolean mandatory, boolean passed, String message, String errorLog) {

        public static Step passed(String name, String message) {
            return new Step(name, true, true, message, null);
        }

        public static Step failed(String name, String message, String errorLog) {
            return new Step(name, true, false, message, errorLog);
        }
    }
}
