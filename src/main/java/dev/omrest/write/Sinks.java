package dev.omrest.write;

import dev.omrest.budget.RunBudget;
import dev.omrest.config.SinkTarget;
import dev.omrest.net.Reach;
import dev.omrest.openmetadata.OpenMetadataClients;

/** The sink a payload asks for. */
public final class Sinks {
    private Sinks() {
    }

    /** @throws dev.omrest.openmetadata.OpenMetadataException when the server's address is out of reach */
    public static Sink open(SinkTarget target, WriteSettings settings, Reach reach, RunBudget budget) {
        if (target instanceof SinkTarget.OpenMetadata server) {
            return new OpenMetadataSink(OpenMetadataClients.create(server, settings.requestTimeout(), reach), server, settings,
                    budget);
        }
        return new FileSink(((SinkTarget.File) target).path());
    }
}
