package dev.omrest.openmetadata;

import dev.omrest.report.IngestReport;

/** Tells the target that a run started and how it ended (OpenMetadata's pipeline status); a no-op elsewhere. */
public interface RunStatus {

    RunStatus NONE = new RunStatus() {
        @Override
        public boolean started() {
            return true;
        }

        @Override
        public IngestReport finished(IngestReport report) {
            return report;
        }

        @Override
        public String runId() {
            return null;
        }
    };

    /** The id the run is recorded under, or null when it is not recorded. */
    String runId();

    /** Records the start; false when the run was stopped (killed) before it started, and must not run. */
    boolean started();

    /** Whether someone asked, through the target, that the run stop (OpenMetadata's kill); asks the target each time. */
    default boolean stopRequested() {
        return false;
    }

    /** Hands the run's log lines to the target, where it keeps them (a 2.0 server's log storage); best effort. */
    default void shareLog(java.util.List<String> lines) {
    }

    /** The report, with the run's id and a warning added when the status could not be recorded. */
    IngestReport finished(IngestReport report);
}
