package dev.omrest.write;

import dev.omrest.config.Redact;
import dev.omrest.config.SinkTarget;
import dev.omrest.net.Reach;
import dev.omrest.openmetadata.OpenMetadataException;
import dev.omrest.openmetadata.OpenMetadataApi;
import dev.omrest.openmetadata.OpenMetadataClients;
import dev.omrest.openmetadata.ServerVersion;
import dev.omrest.report.ServerCheck;

import java.time.Duration;

/** Is the server reachable, of a release that has API services (1.6+), and does it accept the token? */
public final class OpenMetadataProbe {
    private static final WriteSettings.RetryPolicy ONE_RETRY =
            new WriteSettings.RetryPolicy(1, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(20));

    private OpenMetadataProbe() {
    }

    public static ServerCheck check(SinkTarget.OpenMetadata target, String serviceName, Reach reach) {
        OpenMetadataApi api;
        try {
            api = OpenMetadataClients.create(target, Duration.ofSeconds(15), reach);
        } catch (OpenMetadataException e) {
            return new ServerCheck(false, e.getMessage());
        }
        try {
            return check(api, target, serviceName);
        } finally {
            OpenMetadataClients.close(api);
        }
    }

    private static ServerCheck check(OpenMetadataApi api, SinkTarget.OpenMetadata target, String serviceName) {
        ServerCalls calls = new ServerCalls(Redact.url(target.apiUrl()), ONE_RETRY);
        ServerCalls.Answer version = calls.call(api::version);
        if (!version.ok()) {
            return new ServerCheck(false, "GET /v1/system/version failed: " + version.problem());
        }
        ServerVersion release = ServerVersion.parse(version.body().path("version").asText(null));
        if (release.major() < 1 || (release.major() == 1 && release.minor() < 6)) {
            return new ServerCheck(false, "OpenMetadata " + release.version() + " has no API services; 1.6 or newer is needed");
        }
        String name = serviceName == null ? "openmetadata-rest-lambda-probe" : serviceName;
        ServerCalls.Answer service = calls.call(() -> api.apiService(name));
        if (!service.ok() && service.status() != 404) {
            return new ServerCheck(false, "GET /v1/services/apiServices/name/" + name + " failed: " + service.problem());
        }
        return new ServerCheck(true, "OpenMetadata " + release.version() + " at " + Redact.url(target.apiUrl())
                + " accepted the token" + (release.hasBulk() ? "" : "; it has no bulk API, entities are written one by one"));
    }
}
