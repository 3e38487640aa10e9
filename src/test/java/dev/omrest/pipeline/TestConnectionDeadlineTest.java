package dev.omrest.pipeline;

import dev.omrest.config.PayloadReader;
import dev.omrest.config.SecretReferences;
import dev.omrest.report.ServerCheck;
import dev.omrest.report.TestConnectionResult;
import dev.omrest.source.FetchLimits;
import dev.omrest.support.HostileServer;
import dev.omrest.support.Specs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A test connection answers within its deadline whatever the spec's or OpenMetadata's server does (issue 15). */
class TestConnectionDeadlineTest {
    static final Duration TWO_SECONDS = Duration.ofSeconds(2);

    static String payload(String specUrl, boolean withServer) {
        return """
                {"source": {"serviceConnection": {"config": {"type": "Rest",
                   "openAPISchemaConnection": {"openAPISchemaURL": "%s"}}}}%s}""".formatted(specUrl, withServer
                ? ", \"workflowConfig\": {\"openMetadataServerConfig\": {\"hostPort\": \"http://127.0.0.1:1/api\","
                + " \"authProvider\": \"openmetadata\", \"securityConfig\": {\"jwtToken\": \"j\"}}}" : "");
    }

    static TestConnectionResult run(String payload, Duration deadline, long serverMillis) {
        TestConnectionPipeline pipeline = new TestConnectionPipeline(new PayloadReader(SecretReferences.environmentOnly()),
                FetchLimits.DEFAULT, (server, name) -> {
                    try {
                        Thread.sleep(serverMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new ServerCheck(true, "fine");
                }, deadline);
        long start = System.nanoTime();
        TestConnectionResult result = pipeline.run(Specs.readJson(payload));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < deadline.toMillis() + 1000, "took " + millis + " ms");
        return result;
    }

    @Test
    void aSpecServerThatTricklesFailsCheckUrlWhenTimeIsUp() throws IOException {
        try (HostileServer slow = HostileServer.start(HostileServer.trickle(100))) {
            TestConnectionResult result = run(payload(slow.url("/spec.json"), false), TWO_SECONDS, 0);
            assertEquals(TestConnectionResult.FAILED, result.status());
            assertEquals(List.of(TestConnectionResult.Step.failed("CheckURL", "Failed to validate the url, please check the url",
                    "not done within the test connection's time limit of 2 s")), result.steps());
        }
    }

    @Test
    void aServerCheckThatHangsFailsWhenTimeIsUpAndTheSpecStepsStand() throws IOException {
        try (HostileServer spec = HostileServer.start(HostileServer.json(Specs.resource("specs/worked-example.json")))) {
            TestConnectionResult result = run(payload(spec.url("/spec.json"), true), TWO_SECONDS, 60_000);
            assertEquals(List.of("CheckURL", "CheckSchema", "CheckOpenMetadataServer"),
                    result.steps().stream().map(TestConnectionResult.Step::name).toList());
            assertTrue(result.steps().get(0).passed() && result.steps().get(1).passed(), result.toString());
            assertEquals(TestConnectionResult.Step.failed("CheckOpenMetadataServer",
                    "Failed to reach OpenMetadata with the given hostPort and JWT token",
                    "not done within the test connection's time limit of 2 s"), result.steps().get(2));
        }
    }
}
