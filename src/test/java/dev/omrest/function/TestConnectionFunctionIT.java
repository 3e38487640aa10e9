package dev.omrest.function;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link TestConnectionFunctionTest}'s tests against the packaged function, run as Lambda runs it
 * ({@link LambdaRuntimeJarLauncher}):
 * the testConnection function.
 */
@QuarkusIntegrationTest
@TestProfile(TestConnectionFunctionTest.Export.class)
@ExtendWith(MockEventServerUrl.class)
class TestConnectionFunctionIT extends TestConnectionFunctionTest {
}
