package dev.omrest.report;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run's transcript: its own thread's lines, parameters formatted, nothing after it closes. */
class RunTranscriptTest {
    private static final Logger LOG = Logger.getLogger("dev.omrest.ingest");

    @Test
    void keepsTheRunsThreadsLinesFormatted() throws InterruptedException {
        List<String> lines;
        try (RunTranscript transcript = RunTranscript.start()) {
            LOG.infof("ingest error entity=%s: %s", "petstore.pet", "refused");
            LOG.debug("below INFO: not kept");
            Thread other = new Thread(() -> LOG.info("another thread's line"));
            other.start();
            other.join();
            lines = transcript.lines();
        }
        LOG.info("after the run");
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith(" INFO ingest - ingest error entity=petstore.pet: refused"), lines.get(0));
    }
}
