package dev.omrest.orchestrator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ingestion pipeline's {@code airflowConfig.scheduleInterval} (a 5-field cron, or one of Airflow's presets) as an
 * EventBridge Scheduler expression. The two cron dialects differ: EventBridge has a sixth field (the year), wants
 * {@code ?} in day-of-month or day-of-week, counts days of the week from 1 (Sunday) where cron counts from 0, and has
 * no {@code *}{@code /n}. What cannot be said in EventBridge's dialect is refused, naming the problem.
 */
public final class ScheduleExpressions {
    /** The presets the server's clients accept (Airflow's, as the Kubernetes client maps them). */
    private static final Map<String, String> PRESETS = Map.of(
            "@hourly", "0 * * * *",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@weekly", "0 0 * * 0",
            "@monthly", "0 0 1 * *",
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *");
    private static final Pattern FIELD = Pattern.compile("[0-9A-Za-z*,/\\-]+");
    /** A value, not a step: a number not preceded by a slash. */
    private static final Pattern VALUE = Pattern.compile("(?<![/0-9])([0-9]+)");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final Pattern DAY_ITEM = Pattern.compile("(\\*|[0-7])(?:-([0-7]))?(?:/([0-9]+))?");

    private ScheduleExpressions() {
    }

    /** @throws BadRequest when the interval is not a cron this can convert */
    public static String of(String scheduleInterval) {
        String cron = PRESETS.getOrDefault(scheduleInterval.strip().toLowerCase(Locale.ROOT), scheduleInterval.strip());
        if (cron.startsWith("@")) {
            throw BadRequest.of("airflowConfig.scheduleInterval '" + scheduleInterval + "' is not supported: use a "
                    + "5-field cron or one of " + String.join(", ", PRESETS.keySet().stream().sorted().toList()));
        }
        String[] fields = cron.split("\\s+");
        if (fields.length != 5) {
            throw BadRequest.of("airflowConfig.scheduleInterval '" + scheduleInterval + "' must have 5 cron fields "
                    + "(minute hour day-of-month month day-of-week), not " + fields.length);
        }
        for (String field : fields) {
            if (!FIELD.matcher(field).matches()) {
                throw BadRequest.of("airflowConfig.scheduleInterval '" + scheduleInterval + "' has a field this cannot "
                        + "convert: '" + field + "'");
            }
        }
        inRange(fields[0], 0, 59, "minute", scheduleInterval);
        inRange(fields[1], 0, 23, "hour", scheduleInterval);
        inRange(fields[2], 1, 31, "day of the month", scheduleInterval);
        inRange(fields[3], 1, 12, "month", scheduleInterval);
        String minute = stepFromZero(fields[0]);
        String hour = stepFromZero(fields[1]);
        String dayOfMonth = stepFrom(fields[2], "1");
        String month = stepFrom(fields[3], "1").toUpperCase(Locale.ROOT);
        String dayOfWeek = dayNumbers(fields[4]);
        inRange(dayOfWeek, 0, 7, "day of the week", scheduleInterval);
        if (dayOfWeek.equals("*")) {
            dayOfWeek = "?";
        } else if (dayOfMonth.equals("*")) {
            dayOfMonth = "?";
            dayOfWeek = daysOfWeek(dayOfWeek, scheduleInterval);
        } else {
            // cron runs when either matches; EventBridge can only restrict one of the two
            throw BadRequest.of("airflowConfig.scheduleInterval '" + scheduleInterval + "' restricts both the day of "
                    + "the month and the day of the week, which EventBridge Scheduler cannot express: keep one of them '*'");
        }
        return "cron(" + String.join(" ", minute, hour, dayOfMonth, month, dayOfWeek, "*") + ")";
    }

    /** Every value (not a step) of the field within its range, or a 400 naming it; EventBridge would refuse it anyway. */
    private static void inRange(String field, int min, int max, String what, String interval) {
        Matcher m = VALUE.matcher(field);
        while (m.find()) {
            int value = Integer.parseInt(m.group(1));
            if (value < min || value > max) {
                throw BadRequest.of("airflowConfig.scheduleInterval '" + interval + "' has " + what + " " + value
                        + ", outside " + min + "-" + max);
            }
        }
    }

    /** Day names as cron's numbers (SUN 0 … SAT 6), so that one conversion serves both. */
    private static String dayNumbers(String field) {
        String numbers = field.toUpperCase(Locale.ROOT);
        for (int day = 0; day < DAYS.size(); day++) {
            numbers = numbers.replace(DAYS.get(day), Integer.toString(day));
        }
        return numbers;
    }

    private static String stepFromZero(String field) {
        return stepFrom(field, "0");
    }

    /** {@code *}{@code /n} (every n-th from the first value) is {@code first/n} in EventBridge. */
    private static String stepFrom(String field, String first) {
        return field.replace("*/", first + "/");
    }

    /** Day-of-week items from cron's 0–7 (0 and 7 Sunday) to EventBridge's 1–7 (1 Sunday); names pass unchanged. */
    private static String daysOfWeek(String field, String interval) {
        List<String> items = new ArrayList<>();
        for (String item : field.split(",")) {
            Matcher m = DAY_ITEM.matcher(item);
            if (!m.matches()) {
                throw BadRequest.of("airflowConfig.scheduleInterval '" + interval + "' has a day of the week this cannot "
                        + "convert: '" + item + "'");
            }
            String step = m.group(3) == null ? "" : "/" + m.group(3);
            if (m.group(1).equals("*")) {
                items.add("1" + step);
            } else if (m.group(2) == null) {
                items.add(day(m.group(1)) + step);
            } else {
                items.add(dayRange(Integer.parseInt(m.group(1)) % 7, Integer.parseInt(m.group(2)), step, item, interval));
            }
        }
        return String.join(",", items);
    }

    /** {@code from-to} in cron days (from 0–6, to 0–7) as EventBridge days. */
    private static String dayRange(int from, int to, String step, String item, String interval) {
        if (to == 7 && from == 0) {
            return "1-7" + step;
        }
        if (to == 7 && step.isEmpty()) {
            return (from + 1) + "-7,1";  // up to Saturday, then Sunday: EventBridge's week starts on Sunday
        }
        if (to == 7 || to < from) {
            throw BadRequest.of("airflowConfig.scheduleInterval '" + interval + "' has a day-of-week range this cannot "
                    + "convert: '" + item + "'");
        }
        return (from + 1) + "-" + (to + 1) + step;
    }

    private static int day(String cronDay) {
        return Integer.parseInt(cronDay) % 7 + 1;
    }
}
