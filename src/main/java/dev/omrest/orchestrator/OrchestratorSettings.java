package dev.omrest.orchestrator;

import java.net.URI;

/**
 * What the deployment tells pipelineService.
 *
 * @param openMetadata   the one server it serves ({@code https://host/api}): its version, its pipelines, the bot JWT
 * @param ingestFunction what schedules and triggers invoke
 * @param selfFunction   this function's own name, invoked asynchronously to run a test connection
 * @param egressIp       the answer of {@code ip}, or null
 */
public record OrchestratorSettings(URI openMetadata, String ingestFunction, String selfFunction, String egressIp) {

    /** The server as a pipeline's {@code openMetadataServerConnection.hostPort} names it: no trailing slash. */
    public String server() {
        String text = openMetadata.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
