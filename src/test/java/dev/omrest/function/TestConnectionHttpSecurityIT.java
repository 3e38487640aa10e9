package dev.omrest.function;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;

/**
 * {@link TestConnectionHttpSecurityTest}'s tests against the packaged function, run as Lambda runs it
 * ({@link LambdaRuntimeJarLauncher}):
 * testConnectionHttp as a caller drives it, with the environment's secrets at hand.
 */
@QuarkusIntegrationTest
@TestProfile(TestConnectionHttpTest.Export.class)
@ExtendWith(MockEventServerUrl.class)
class TestConnectionHttpSecurityIT extends TestConnectionHttpSecurityTest {
    TestConnectionHttpSecurityIT() throws IOException {
        super();
    }
}
