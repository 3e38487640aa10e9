package dev.omrest.openmetadata;

import dev.omrest.report.IngestReport;

/** Tells the target that a run started and how it ended (OpenMetadata's pipeline status); a no-op elsewhere. */
public interface RunStatus {

    RunStatus NONE = new RunStatus() {
        @Override
        public void started() {
        }

        @Override
        public IngestReport finished(IngestReport report) {
            return report;
        }
    };

    void started();

    /** The report, with a warning added when the status could not be recorded. */
    IngestReport finished(IngestReport report);
}
