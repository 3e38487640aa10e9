package dev.omrest.openmetadata;

import dev.omrest.config.Secret;
import dev.omrest.config.SinkTarget;
import dev.omrest.net.Reach;
import dev.omrest.report.ServerCheck;
import dev.omrest.support.HostileServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The OpenMetadata server a payload names is held to what every URL is (issue 15): never the Runtime API or a
 * metadata address, and an answer that streams without end cannot run the function out of memory.
 */
@io.quarkus.test.junit.QuarkusTest
class OpenMetadataReachTest {

    @Test
    void anEndlessAnswerIsCutAtTheCapWithAClearError() throws IOException {
        try (HostileServer server = HostileServer.start(HostileServer.endless("application/json"))) {
            String api = server.url("/api");
            ServerCheck check = OpenMetadataProbe.check(new SinkTarget.OpenMetadata(URI.create(api), Secret.of("jwt")), "svc", Reach.DEFAULT);
            assertEquals(new ServerCheck(false, "GET /v1/system/version failed: the answer of OpenMetadata at " + api
                    + " is larger than 32 MiB"), check);
            assertEquals(1, server.heads().size(), "a too-large answer is not asked for again");
        }
    }

    @Test
    void metadataAddressesAndTheRuntimeApiAreNeverAskedAsOpenMetadata() throws IOException {
        ServerCheck metadata = OpenMetadataProbe.check(new SinkTarget.OpenMetadata(URI.create("http://169.254.169.254/api"),
                Secret.of("jwt")), "svc", Reach.DEFAULT);
        assertEquals(new ServerCheck(false, "Refusing to connect to OpenMetadata at http://169.254.169.254/api: 169.254.169.254"
                + " is a link-local or cloud metadata address"), metadata);
        try (HostileServer runtime = HostileServer.start(HostileServer.json("{\"version\": \"1.6.0\"}"))) {
            ServerCheck check = OpenMetadataProbe.check(new SinkTarget.OpenMetadata(URI.create(runtime.url("/api")),
                    Secret.of("jwt")), "svc", new Reach(false, "127.0.0.1:" + runtime.port()));
            assertEquals(new ServerCheck(false, "Refusing to connect to OpenMetadata at " + runtime.url("/api")
                    + ": 127.0.0.1 is the Lambda Runtime API"), check);
            assertEquals(0, runtime.heads().size());
        }
    }

    @Test
    void anHtmlRefusalStillSaysWhichCredentialToCheck() throws IOException {
        try (HostileServer proxy = HostileServer.start(HostileServer.answer(401, "text/html", "<html>denied</html>"))) {
            ServerCheck check = OpenMetadataProbe.check(new SinkTarget.OpenMetadata(URI.create(proxy.url("/api")),
                    Secret.of("jwt")), "svc", Reach.DEFAULT);
            assertEquals(new ServerCheck(false, "GET /v1/system/version failed: HTTP 401"
                    + " (check workflowConfig.openMetadataServerConfig.securityConfig.jwtToken)"), check);
        }
    }

    @Test
    void aHostThatDoesNotResolveWhenCheckedIsNotTriedLater() {
        java.util.function.Function<String, java.net.InetAddress[]> resolver = dev.omrest.net.AddressGuard.resolver;
        dev.omrest.net.AddressGuard.resolver = host -> null;
        try {
            ServerCheck check = OpenMetadataProbe.check(new SinkTarget.OpenMetadata(URI.create("http://rebinding.example:8585/api"),
                    Secret.of("jwt")), "svc", Reach.DEFAULT);
            assertEquals(new ServerCheck(false, "Cannot reach OpenMetadata at http://rebinding.example:8585/api: unknown host"
                    + " rebinding.example"), check);
        } finally {
            dev.omrest.net.AddressGuard.resolver = resolver;
        }
    }
}
