package dev.omrest.function;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link IngestFailuresTest}'s tests against the packaged function, run as Lambda runs it
 * ({@link LambdaRuntimeJarLauncher}):
 * the failed reports, OpenMetadata left as it was.
 */
@QuarkusIntegrationTest
@ExtendWith(MockEventServerUrl.class)
class IngestFailuresIT extends IngestFailuresTest {
}
