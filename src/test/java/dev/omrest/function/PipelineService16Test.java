package dev.omrest.function;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The UI journey against a 1.6 server: fixed path, no CSRF, x.y.z version gate, flat REST connection. */
@QuarkusTest
@TestProfile(PipelineServiceDeployment.V16.class)
class PipelineService16Test extends PipelineServiceJourney {
}
