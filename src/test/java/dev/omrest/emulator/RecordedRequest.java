package dev.omrest.emulator;

/**
 * One request as it arrived at an emulator/{@link SpecServer}.
 *
 * @param method HTTP method
 * @param path   raw (still percent-encoded) request path as sent, e.g. {@code /api/v1/apiCollections/bulk}
 * @param query  raw query string without {@code ?}, {@code ""} when there is none
 * @param body   request body as UTF-8 text, {@code ""} when there is none
 * @param status HTTP status answered; {@code 0} when no response was sent (connection dropped, or still in flight)
 */
public record RecordedRequest(String method, String path, String query, String body, int status) {

    /** The path without the emulator's {@code /api} prefix, e.g. {@code /v1/apiCollections/bulk}. */
    public String apiPath() {
        return path.startsWith("/api/") ? path.substring(4) : path;
    }
}
