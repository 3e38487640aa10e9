package dev.omrest.infra;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pipeline service's context values, read without a stack. */
class PipelineServiceSettingsTest {

    @Test
    void neitherValueMeansNoPipelineService() {
        List<String> problems = new ArrayList<>();
        assertEquals(Optional.empty(), PipelineServiceSettings.of("", "", List.of(), problems));
        assertEquals(List.of(), problems);
    }

    @Test
    void bothValuesGiveTheSettingsAsGiven() {
        List<String> problems = new ArrayList<>();
        assertEquals(Optional.of(new PipelineServiceSettings("https://om.example.com:8443/openmetadata/api",
                        "arn:aws-us-gov:secretsmanager:us-gov-west-1:111122223333:secret:om/bot-jwt", List.of("::1", "10.0.0.1"))),
                PipelineServiceSettings.of("https://om.example.com:8443/openmetadata/api",
                        "arn:aws-us-gov:secretsmanager:us-gov-west-1:111122223333:secret:om/bot-jwt", List.of("::1", "10.0.0.1"), problems));
        assertEquals(List.of(), problems);
    }

    @Test
    void egressAddressesAreIpLiteralsNeverLookedUp() {
        for (String ip : List.of("203.0.113.7", "0.0.0.0", "2001:db8::7", "::1", "::ffff:192.0.2.1", "2001:DB8:0:0:0:0:0:7")) {
            assertTrue(PipelineServiceSettings.isIpAddress(ip), ip);
        }
        for (String text : List.of("203.0.113", "256.1.1.1", "01.2.3.4x", "localhost", "example.com", "1:2", "fe80::1%eth0", "", ":::")) {
            assertFalse(PipelineServiceSettings.isIpAddress(text), text);
        }
    }

    @Test
    void anApiRootEndsInApi() {
        assertTrue(new PipelineServiceSettings("https://om.example.com/api", "bot", List.of()).urlLooksLikeAnApiRoot());
        assertTrue(new PipelineServiceSettings("https://om.example.com/api/", "bot", List.of()).urlLooksLikeAnApiRoot());
        assertFalse(new PipelineServiceSettings("https://om.example.com/", "bot", List.of()).urlLooksLikeAnApiRoot());
        assertFalse(new PipelineServiceSettings("https://om.example.com/api/v1", "bot", List.of()).urlLooksLikeAnApiRoot());
    }
}
