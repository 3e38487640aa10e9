package dev.omrest.function;

import dev.omrest.config.UnchangedCheck;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The deployment's default way of checking a seal: what a payload could say, or the function does not start. */
class UnchangedCheckDefaultTest {

    private static FunctionConfig.Run run(String check, Duration maxAge) {
        return new FunctionConfig.Run() {
            @Override
            public Duration deadline() {
                return Duration.ofMinutes(14);
            }

            @Override
            public Duration killCheck() {
                return Duration.ofSeconds(5);
            }

            @Override
            public String unchangedCheck() {
                return check;
            }

            @Override
            public Duration unchangedCheckMaxAge() {
                return maxAge;
            }
        };
    }

    @Test
    void theDefaultIsReadAsThePayloadWouldSayIt() {
        assertEquals(new UnchangedCheck(UnchangedCheck.Mode.LISTING, Duration.ofHours(24)),
                IngestFunction.unchangedCheck(run("listing", Duration.ofHours(24))));
        assertEquals(new UnchangedCheck(UnchangedCheck.Mode.CHANGE_EVENTS, Duration.ofHours(144)),
                IngestFunction.unchangedCheck(run("changeEvents", Duration.ofHours(144))));
    }

    @Test
    void aWrongDefaultIsNamed() {
        assertEquals("OMREST_RUN_UNCHANGED_CHECK must be listing or changeEvents, not 'events'",
                assertThrows(IllegalStateException.class,
                        () -> IngestFunction.unchangedCheck(run("events", Duration.ofHours(24)))).getMessage());
        assertEquals("OMREST_RUN_UNCHANGED_CHECK_MAX_AGE must be from PT1H to PT144H, not PT145H",
                assertThrows(IllegalStateException.class,
                        () -> IngestFunction.unchangedCheck(run("listing", Duration.ofHours(145)))).getMessage());
        assertEquals("OMREST_RUN_UNCHANGED_CHECK_MAX_AGE must be from PT1H to PT144H, not PT59M",
                assertThrows(IllegalStateException.class,
                        () -> IngestFunction.unchangedCheck(run("listing", Duration.ofMinutes(59)))).getMessage());
    }
}
