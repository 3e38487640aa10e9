package dev.omrest.function;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link TestConnectionHttpTest}'s tests against the packaged function, run as Lambda runs it
 * ({@link LambdaRuntimeJarLauncher}):
 * the testConnectionHttp function.
 */
@QuarkusIntegrationTest
@TestProfile(TestConnectionHttpTest.Export.class)
@ExtendWith(MockEventServerUrl.class)
class TestConnectionHttpIT extends TestConnectionHttpTest {
}
