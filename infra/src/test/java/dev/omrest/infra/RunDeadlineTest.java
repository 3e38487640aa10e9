package dev.omrest.infra;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RunDeadlineTest {

    @Test
    void leavesATenthOfTheTimeoutAndAtLeastThirtySeconds() {
        assertEquals("PT540S", ConnectorStack.runDeadline(600));
        assertEquals("PT810S", ConnectorStack.runDeadline(900));
        assertEquals("PT90S", ConnectorStack.runDeadline(120));
    }
}
