package dev.omrest.orchestrator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScheduleExpressionsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // what the UI's schedule step produces
            "0 * * * *      | cron(0 * * * ? *)",
            "0 0 * * *      | cron(0 0 * * ? *)",
            "30 2 * * 1     | cron(30 2 ? * 2 *)",
            "0 3 1 * *      | cron(0 3 1 * ? *)",
            "0 0 1 1 *      | cron(0 0 1 1 ? *)",
            // presets
            "@hourly        | cron(0 * * * ? *)",
            "@daily         | cron(0 0 * * ? *)",
            "@midnight      | cron(0 0 * * ? *)",
            "@weekly        | cron(0 0 ? * 1 *)",
            "@monthly       | cron(0 0 1 * ? *)",
            "@yearly        | cron(0 0 1 1 ? *)",
            "@annually      | cron(0 0 1 1 ? *)",
            // steps: every n-th from the first value
            "*/15 * * * *   | cron(0/15 * * * ? *)",
            "0 */6 * * *    | cron(0 0/6 * * ? *)",
            "0 0 */2 * *    | cron(0 0 1/2 * ? *)",
            // days of the week: cron counts from 0 (Sunday; 7 too), EventBridge from 1 (Sunday)
            "0 9 * * 1-5    | cron(0 9 ? * 2-6 *)",
            "0 9 * * 0      | cron(0 9 ? * 1 *)",
            "0 9 * * 7      | cron(0 9 ? * 1 *)",
            "0 9 * * 0,6    | cron(0 9 ? * 1,7 *)",
            "0 9 * * 5-7    | cron(0 9 ? * 6-7,1 *)",
            "0 9 * * 0-7    | cron(0 9 ? * 1-7 *)",
            "0 9 * * */2    | cron(0 9 ? * 1/2 *)",
            "0 9 * * 1-5/2  | cron(0 9 ? * 2-6/2 *)",
            "0 9 * * mon-fri | cron(0 9 ? * 2-6 *)",
            "0 9 * jan,jul sun | cron(0 9 ? JAN,JUL 1 *)",
            "0 9 * * SAT,SUN | cron(0 9 ? * 7,1 *)",
    })
    void convertsCronAndPresets(String interval, String expected) {
        assertEquals(expected, ScheduleExpressions.of(interval));
    }

    @Test
    void refusesWhatEventBridgeCannotSayNamingIt() {
        assertEquals("airflowConfig.scheduleInterval '0 0 1 * 1' restricts both the day of the month and the day of the "
                        + "week, which EventBridge Scheduler cannot express: keep one of them '*'",
                assertThrows(BadRequest.class, () -> ScheduleExpressions.of("0 0 1 * 1")).getMessage());
        assertEquals("airflowConfig.scheduleInterval '0 0 * *' must have 5 cron fields (minute hour day-of-month month "
                + "day-of-week), not 4", assertThrows(BadRequest.class, () -> ScheduleExpressions.of("0 0 * *")).getMessage());
        assertEquals("airflowConfig.scheduleInterval '@once' is not supported: use a 5-field cron or one of @annually, "
                        + "@daily, @hourly, @midnight, @monthly, @weekly, @yearly",
                assertThrows(BadRequest.class, () -> ScheduleExpressions.of("@once")).getMessage());
        assertEquals("airflowConfig.scheduleInterval '0 0 * * 1#2' has a field this cannot convert: '1#2'",
                assertThrows(BadRequest.class, () -> ScheduleExpressions.of("0 0 * * 1#2")).getMessage());
        assertEquals("airflowConfig.scheduleInterval '0 0 * * 5-2' has a day-of-week range this cannot convert: '5-2'",
                assertThrows(BadRequest.class, () -> ScheduleExpressions.of("0 0 * * 5-2")).getMessage());
        assertEquals("airflowConfig.scheduleInterval '0 0 * * 9' has day of the week 9, outside 0-7",
                assertThrows(BadRequest.class, () -> ScheduleExpressions.of("0 0 * * 9")).getMessage());
        assertEquals("airflowConfig.scheduleInterval '60 * * * *' has minute 60, outside 0-59",
                assertThrows(BadRequest.class, () -> ScheduleExpressions.of("60 * * * *")).getMessage());
        assertEquals("airflowConfig.scheduleInterval '0 0 0 * *' has day of the month 0, outside 1-31",
                assertThrows(BadRequest.class, () -> ScheduleExpressions.of("0 0 0 * *")).getMessage());
        // a range wrapping past Saturday: cron reads it as empty, EventBridge as an error
        assertEquals("airflowConfig.scheduleInterval '0 0 * * SAT-SUN' has a day-of-week range this cannot convert: '6-0'",
                assertThrows(BadRequest.class, () -> ScheduleExpressions.of("0 0 * * SAT-SUN")).getMessage());
    }
}
