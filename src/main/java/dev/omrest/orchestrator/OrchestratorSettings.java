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
        return withoutTrailingSlash(openMetadata.toString());
    }

    /** A server's address as two sides compare it: {@code https://host/api} and {@code https://host/api/} are one. */
    public static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
