package dev.omrest.config;

import java.net.URI;
import java.nio.file.Path;

/** Where the create requests go. */
public sealed interface SinkTarget {

    /** The OpenMetadata REST API; {@code apiUrl} is OpenMetadata's hostPort, e.g. http://host:8585/api. */
    record OpenMetadata(URI apiUrl, Secret jwtToken) implements SinkTarget {
    }

    /** A local JSON file with every create request, for runs without an OpenMetadata server. */
    record File(Path path) implements SinkTarget {
    }
}
