package dev.omrest.write;

import dev.omrest.config.SinkTarget;
import dev.omrest.openmetadata.OpenMetadataClients;

/** The sink a payload asks for. */
public final class Sinks {
    private Sinks() {
    }

    public static Sink open(SinkTarget target, WriteSettings settings) {
        if (target instanceof SinkTarget.OpenMetadata server) {
            return new OpenMetadataSink(OpenMetadataClients.create(server, settings.requestTimeout()), server, settings);
        }
        return new FileSink(((SinkTarget.File) target).path());
    }
}
