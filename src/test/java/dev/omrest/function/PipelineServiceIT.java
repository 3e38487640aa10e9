package dev.omrest.function;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link PipelineService20Test}'s tests against the packaged function, run as Lambda runs it
 * ({@link LambdaRuntimeJarLauncher}): pipelineService behind a loopback function URL, its secrets from moto, its OpenMetadata
 * the emulator; the public URL's refusals, and the test connection, whose asynchronous self-invocation the Lambda
 * stand-in hands to the packaged function. The journey's ingest runs are left to the in-process test: the stand-in runs
 * them in the test's JVM.
 */
@QuarkusIntegrationTest
@TestProfile(PipelineServiceDeployment.V20.class)
@ExtendWith(MockEventServerUrl.class)
class PipelineServiceIT extends PipelineService20Test {
}
