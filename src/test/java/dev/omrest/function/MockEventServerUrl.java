package dev.omrest.function;

import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Points RestAssured at Quarkus' Lambda mock event server before each test of a {@code @QuarkusIntegrationTest}.
 *
 * <p>Under {@code @QuarkusTest} Quarkus does this itself. Under {@code @QuarkusIntegrationTest} it sets RestAssured's
 * URL only from the address the launched artifact logs as "Listening on", and the packaged function listens on
 * nothing (Lambda polls the Runtime API; funqy-http is off in prod), so the URL would stay unset. The event server is
 * the same one {@code @QuarkusTest} uses: a dev service started in the test JVM, its address handed to the artifact.
 */
public final class MockEventServerUrl implements BeforeEachCallback {
    @Override
    public void beforeEach(ExtensionContext context) {
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.lambda.mock-event-server.test-port", Integer.class).orElse(8081);
        RestAssured.basePath = "";
    }
}
