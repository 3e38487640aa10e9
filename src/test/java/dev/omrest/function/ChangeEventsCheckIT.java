package dev.omrest.function;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link ChangeEventsCheckTest}'s tests against the packaged function, run as Lambda runs it
 * ({@link LambdaRuntimeJarLauncher}): unchanged runs checked by change events, and every outside change sending the
 * next run to a listing.
 */
@QuarkusIntegrationTest
@ExtendWith(MockEventServerUrl.class)
class ChangeEventsCheckIT extends ChangeEventsCheckTest {
}
