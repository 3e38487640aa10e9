package dev.omrest.function;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link SyncTest}'s tests against the packaged function, run as Lambda runs it
 * ({@link LambdaRuntimeJarLauncher}):
 * re-runs, exact deletions and injected faults.
 */
@QuarkusIntegrationTest
@ExtendWith(MockEventServerUrl.class)
class SyncIT extends SyncTest {
}
