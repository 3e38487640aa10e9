package dev.omrest.function;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The UI journey against a 2.0 server: path probing, CSRF pre-fetch, major.minor gate, the server's log storage. */
@QuarkusTest
@TestProfile(PipelineServiceDeployment.V20.class)
class PipelineService20Test extends PipelineServiceJourney {
}
