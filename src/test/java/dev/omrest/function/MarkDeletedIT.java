package dev.omrest.function;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link MarkDeletedTest}'s tests against the packaged function, run as Lambda runs it
 * ({@link LambdaRuntimeJarLauncher}): soft deletes, the deletion guard and its switches.
 */
@QuarkusIntegrationTest
@ExtendWith(MockEventServerUrl.class)
class MarkDeletedIT extends MarkDeletedTest {
}
