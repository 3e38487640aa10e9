package dev.omrest.function;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link SealedRerunTest}'s tests against the packaged function, run as Lambda runs it
 * ({@link LambdaRuntimeJarLauncher}): sealed unchanged re-runs and what breaks a seal.
 */
@QuarkusIntegrationTest
@ExtendWith(MockEventServerUrl.class)
class SealedRerunIT extends SealedRerunTest {
}
