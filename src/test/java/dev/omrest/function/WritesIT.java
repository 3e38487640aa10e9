package dev.omrest.function;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link WritesTest}'s tests against the packaged function, run as Lambda runs it
 * ({@link LambdaRuntimeJarLauncher}): bulk and per-entity writes, batching by size and gzip bodies.
 */
@QuarkusIntegrationTest
@ExtendWith(MockEventServerUrl.class)
class WritesIT extends WritesTest {
}
