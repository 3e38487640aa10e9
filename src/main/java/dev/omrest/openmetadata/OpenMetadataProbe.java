package dev.omrest.openmetadata;

import dev.omrest.budget.RunBudget;
import dev.omrest.config.Redact;
import dev.omrest.config.SinkTarget;
import dev.omrest.net.Reach;
import dev.omrest.report.ServerCheck;

import java.time.Clock;
import java.time.Duration;

/** Is the server reachable, of a release that has API services (1.6+), and does it accept the token? */
public final class OpenMetadataProbe {
    private static final RetryPolicy ONE_RETRY =
            new RetryPolicy(1, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(20));

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
        // the test connection's own deadline bounds the whole check (TestConnectionPipeline)
        ServerCalls calls = new ServerCalls(Redact.url(target.apiUrl()), ONE_RETRY, RunBudget.unlimited(Clock.systemUTC()));
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
