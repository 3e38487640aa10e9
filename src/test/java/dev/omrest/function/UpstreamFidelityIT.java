package dev.omrest.function;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link UpstreamFidelityTest}'s tests against the packaged function, run as Lambda runs it
 * ({@link LambdaRuntimeJarLauncher}): issue 16's grouping and field items in both server modes.
 */
@QuarkusIntegrationTest
@ExtendWith(MockEventServerUrl.class)
class UpstreamFidelityIT extends UpstreamFidelityTest {
}
