package dev.omrest.report;

import org.jboss.logging.Logger;

import java.util.Map;

/** One summary line per run; errors one line each. Reports never hold credentials, so neither do these lines. */
public final class RunLog {
    private static final Logger LOG = Logger.getLogger("dev.omrest.ingest");

    private RunLog() {
    }

    public static IngestReport log(IngestReport report) {
        StringBuilder line = new StringBuilder("ingest service=").append(report.service())
                .append(" status=").append(report.status());
        if (report.counts() != null) {
            for (Map.Entry<String, EntityCounts> kind : report.counts().entrySet()) {
                EntityCounts c = kind.getValue();
                line.append(' ').append(kind.getKey()).append("[created=").append(c.created())
                        .append(" updated=").append(c.updated()).append(" restored=").append(c.restored())
                        .append(" unchanged=").append(c.unchanged()).append(" failed=").append(c.failed())
                        .append(" skipped=").append(c.skipped())
                        .append(" filtered=").append(c.filtered()).append(" deleted=").append(c.deleted()).append(']');
            }
        }
        if (report.requests() != null) {
            line.append(" requests=").append(report.requests()).append(" retries=").append(report.retries());
        }
        line.append(" warnings=").append(report.warnings().size()).append(" errors=").append(report.errors().size())
                .append(" durationsMs=").append(report.durationsMillis());
        if (IngestReport.FAILED.equals(report.status())) {
            LOG.error(line);
        } else {
            LOG.info(line);
        }
        report.errors().forEach(e -> LOG.warnf("ingest error entity=%s: %s", e.entity(), e.message()));
        return report;
    }
}
