package dev.omrest.function;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link IngestFunctionTest}'s tests against the packaged function, run as Lambda runs it
 * ({@link LambdaRuntimeJarLauncher}):
 * ingest into both server modes, the exact bodies, a spec from a file.
 */
@QuarkusIntegrationTest
@ExtendWith(MockEventServerUrl.class)
class IngestFunctionIT extends IngestFunctionTest {
}
