package dev.omrest.function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.logmanager.ExtLogRecord;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * What Lambda does with a function's log in production, for the test JVM: each line as Quarkus' JSON format writes it
 * (timestamp, level, loggerName, message, mdc), sent to a CloudWatch log group (moto's) by {@link #ship}.
 */
final class LogShipper extends Handler implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final List<InputLogEvent> events = new ArrayList<>();

    private LogShipper() {
        setLevel(Level.INFO);
    }

    static LogShipper start() {
        LogShipper shipper = new LogShipper();
        Logger.getLogger("").addHandler(shipper);
        return shipper;
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        ObjectNode line = JSON.createObjectNode();
        line.put("timestamp", record.getInstant().toString());
        line.put("level", record.getLevel().getName());
        line.put("loggerName", record.getLoggerName());
        line.put("message", record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : formatter.formatMessage(record));
        if (record instanceof ExtLogRecord ext) {
            ObjectNode mdc = line.putObject("mdc");
            for (Map.Entry<String, String> field : ext.getMdcCopy().entrySet()) {
                mdc.put(field.getKey(), field.getValue());
            }
        }
        synchronized (events) {
            events.add(InputLogEvent.builder().timestamp(record.getMillis()).message(line.toString()).build());
        }
    }

    /** Sends what was logged so far to {@code group}, in a stream of its own, and starts afresh. */
    void ship(CloudWatchLogsClient logs, String group, String stream) {
        List<InputLogEvent> batch;
        synchronized (events) {
            batch = new ArrayList<>(events);
            events.clear();
        }
        logs.createLogStream(r -> r.logGroupName(group).logStreamName(stream));
        if (!batch.isEmpty()) {
            logs.putLogEvents(r -> r.logGroupName(group).logStreamName(stream).logEvents(batch));
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
