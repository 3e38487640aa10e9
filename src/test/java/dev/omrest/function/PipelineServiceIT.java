package dev.omrest.function;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link PipelineService20Test}'s tests against the packaged function, run as Lambda runs it
 * ({@link LambdaRuntimeJarLauncher}): pipelineService behind a loopback function URL, its secrets from moto, its OpenMetadata
 * the emulator. The journey's runs are left to the in-process test: its Lambda stand-in runs them in the test's JVM.
 */
@QuarkusIntegrationTest
@TestProfile(PipelineServiceDeployment.V20.class)
@ExtendWith(MockEventServerUrl.class)
class PipelineServiceIT extends PipelineService20Test {
}
