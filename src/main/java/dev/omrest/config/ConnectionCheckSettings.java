package dev.omrest.config;

/**
 * What a test connection needs: the spec location and, when the payload names one, the OpenMetadata server.
 *
 * @param server      the server to check too, or null
 * @param serviceName the service name when given (used to check the token can read it), or null
 */
public record ConnectionCheckSettings(SpecLocation spec, SinkTarget.OpenMetadata server, String serviceName) {
}
