package dev.omrest.function;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link PathItemRefsIngestTest}'s tests against the packaged function, run as Lambda runs it
 * ({@link LambdaRuntimeJarLauncher}): path items that are references, followed.
 */
@QuarkusIntegrationTest
@ExtendWith(MockEventServerUrl.class)
class PathItemRefsIngestIT extends PathItemRefsIngestTest {
}
