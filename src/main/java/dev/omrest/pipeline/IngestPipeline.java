package dev.omrest.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.config.IngestSettings;
import dev.omrest.config.InvalidPayloadException;
import dev.omrest.config.PayloadReader;
import dev.omrest.config.SinkTarget;
import dev.omrest.config.UnchangedCheck;
import dev.omrest.map.ApiMapper;
import dev.omrest.map.DesiredState;
import dev.omrest.map.MappingContext;
import dev.omrest.budget.RunBudget;
import dev.omrest.budget.RunStop;
import dev.omrest.budget.Stopwatch;
import dev.omrest.openmetadata.CatalogueOutline;
import dev.omrest.openmetadata.ChangeEvent;
import dev.omrest.openmetadata.CurrentState;
import dev.omrest.openmetadata.ExistingEntity;
import dev.omrest.openmetadata.OpenMetadataException;
import dev.omrest.openmetadata.RunStatus;
import dev.omrest.parse.ParsedSpec;
import dev.omrest.plan.ChangeWindow;
import dev.omrest.plan.InputKey;
import dev.omrest.plan.Plan;
import dev.omrest.plan.PlanOptions;
import dev.omrest.plan.Planner;
import dev.omrest.plan.Seal;
import dev.omrest.parse.SpecParseException;
import dev.omrest.parse.SpecParser;
import dev.omrest.outcome.EntityCounts;
import dev.omrest.report.IngestReport;
import dev.omrest.outcome.Notice;
import dev.omrest.report.RunLog;
import dev.omrest.report.RunTranscript;
import dev.omrest.report.SealCheck;
import dev.omrest.source.FetchLimits;
import dev.omrest.source.RawSpec;
import dev.omrest.source.SpecFetchException;
import dev.omrest.source.SpecSource;
import dev.omrest.write.Deleted;
import dev.omrest.write.Sink;
import dev.omrest.write.Written;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * One ingestion run, stage by stage: payload → fetch (while the sink's catalogue is read) → parse → map → plan → write
 * → mark stale entities deleted → report.
 * A run that cannot fetch, parse or reach the server writes and deletes nothing and says why. When the spec, the
 * settings and the catalogue are as a sealed run left them ({@link Seal}), parsing and mapping are skipped: that run's
 * plan would write and delete nothing. Every call to the server comes out of one {@link RunBudget}.
 */
public final class IngestPipeline {
    private final PayloadReader payloads;
    private final FetchLimits limits;
    private final BiFunction<SinkTarget, RunBudget, Sink> sinks;
    private final Duration runDeadline;
    private final Clock clock;
    private final Duration killCheck;
    private final UnchangedCheck unchangedByDefault;

    /** @param runDeadline how long after its start a run may begin new calls (then it reports what is left) */
    public IngestPipeline(PayloadReader payloads, FetchLimits limits, BiFunction<SinkTarget, RunBudget, Sink> sinks,
                          Duration runDeadline, Clock clock) {
        this(payloads, limits, sinks, runDeadline, clock, DEFAULT_KILL_CHECK);
    }

    /** @param killCheck how often a run recorded on an ingestion pipeline asks whether it was killed */
    public IngestPipeline(PayloadReader payloads, FetchLimits limits, BiFunction<SinkTarget, RunBudget, Sink> sinks,
                          Duration runDeadline, Clock clock, Duration killCheck) {
        this(payloads, limits, sinks, runDeadline, clock, killCheck, UnchangedCheck.LISTING);
    }

    private IngestPipeline(PayloadReader payloads, FetchLimits limits, BiFunction<SinkTarget, RunBudget, Sink> sinks,
                           Duration runDeadline, Clock clock, Duration killCheck, UnchangedCheck unchangedByDefault) {
        this.payloads = payloads;
        this.limits = limits;
        this.sinks = sinks;
        this.runDeadline = runDeadline;
        this.clock = clock;
        this.killCheck = killCheck;
        this.unchangedByDefault = unchangedByDefault;
    }

    /** This pipeline with the deployment's way of checking a seal, for payloads that do not say. */
    public IngestPipeline unchangedCheckByDefault(UnchangedCheck check) {
        return new IngestPipeline(payloads, limits, sinks, runDeadline, clock, killCheck, check);
    }

    /** A kill is seen within this, plus one status read: within the 10 s the UI's users can expect. */
    public static final Duration DEFAULT_KILL_CHECK = Duration.ofSeconds(5);

    /** The report of a run that could not begin (its pipeline reference did not resolve), logged as runs are. */
    public static IngestReport notRun(String pipelineFqn, List<String> problems) {
        return RunLog.log(new IngestReport(null, IngestReport.FAILED, null, null, null, null, null, List.of(),
                problems.stream().map(p -> new Notice(pipelineFqn, p)).toList(), Map.of("total", 0L), null, null, null,
                pipelineFqn, null, null));
    }

    /** The report of a scheduled run of a paused pipeline: nothing ran, and that is as it should be. */
    public static IngestReport skipped(String pipelineFqn, String why) {
        return RunLog.log(new IngestReport(null, IngestReport.SKIPPED, null, null, null, null, null,
                List.of(new Notice(pipelineFqn, why)), List.of(), Map.of("total", 0L), null, null, null, pipelineFqn, null, null));
    }

    public IngestReport run(JsonNode payload) {
        Stopwatch start = Stopwatch.start();
        RunStop stop = RunStop.stoppable();
        RunBudget budget = RunBudget.of(clock, runDeadline, stop);
        Map<String, Long> durations = new LinkedHashMap<>();
        IngestSettings settings;
        try {
            settings = payloads.ingestSettings(payload);
        } catch (InvalidPayloadException e) {
            return RunLog.log(failed(serviceNameOf(payload), null, e.problems().stream().map(p -> new Notice(null, p)).toList(),
                    List.of(), durations, start));
        }
        String origin = settings.spec().describe();
        Sink opened;
        try {
            opened = sinks.apply(settings.sink(), budget);
        } catch (OpenMetadataException e) {
            return RunLog.log(failed(settings.serviceName(), origin, List.of(new Notice(null, e.getMessage())), List.of(),
                    durations, start));
        }
        try (Sink sink = opened) {
            RunStatus status = sink.runStatus(settings.ingestionPipelineFqn(), settings.pipelineRunId());
            if (!status.started()) {
                return RunLog.log(status.finished(stoppedBeforeWriting(settings, sink, origin, List.of(),
                        new Notice(null, "Not started: " + KillWatch.REASON + " before it began"), durations, start)));
            }
            // every line of the run names it, so that pipelineService's last_dag_logs finds them
            // the run's lines are kept only for a run whose config asks for streamable logs (a null resource is not closed)
            try (RunLog.Scope scope = RunLog.scope(settings.ingestionPipelineFqn(), status.runId());
                 RunTranscript transcript = settings.enableStreamableLogs() ? RunTranscript.start() : null) {
                IngestReport report;
                try (KillWatch watch = status.runId() == null ? KillWatch.NONE : KillWatch.start(status, stop, killCheck)) {
                    report = RunLog.log(status.finished(ingest(settings, sink, status, origin, budget, durations, start)));
                }
                if (transcript != null) {
                    status.shareLog(transcript.lines());
                }
                return report;
            }
        }
    }

    private IngestReport ingest(IngestSettings settings, Sink sink, RunStatus status, String origin, RunBudget budget,
                                Map<String, Long> durations, Stopwatch start) {
        List<Notice> warnings = new ArrayList<>();
        // overrideMetadata pushes every entity every run, and a file keeps no seal: nothing to seal or find sealed
        boolean seals = !settings.overrideMetadata() && sink.keepsSeals();
        UnchangedCheck check = settings.unchangedCheck().over(unchangedByDefault);
        boolean byEvents = seals && check.byChangeEvents();
        CompletableFuture<CatalogueRead> reading = null;
        CompletableFuture<CatalogueOutline> outlining = null;
        try {
            // the catalogue (or, checking by events, its outline) is read while the spec is fetched
            if (byEvents) {
                outlining = readConcurrently(() -> sink.outline(settings.serviceName()));
            } else {
                reading = listConcurrently(() -> sink.read(settings.serviceName()));
            }
            Stopwatch phase = Stopwatch.start();
            SpecSource source = new SpecSource(limits);
            RawSpec raw = source.fetch(settings.spec());
            origin = raw.origin();
            durations.put("fetch", phase.millis());
            // taken while the catalogue may still be being read; no digest when nothing is sealed
            byte[] specDigest = seals ? InputKey.digest(raw.body()) : null;

            SealCheck sealCheck = null;
            boolean stampAgain = false;
            RunInputs inputs = null;
            InputKey key = null;
            if (byEvents) {
                phase = Stopwatch.start();
                CatalogueOutline outline = joined(outlining);
                inputs = new RunInputs(settings, specDigest, outline.serverVersion());
                key = inputs.key(List.of());
                EventsVerdict verdict = byChangeEvents(sink, settings.serviceName(), check.maxAge(), outline, key);
                durations.put("outline", phase.millis());
                if (verdict.intact() != null) {
                    return unchanged(settings, sink, origin, verdict.intact(), List.of("parse", "map"), durations, start,
                            SealCheck.byChangeEvents(), warnings);
                }
                sealCheck = SealCheck.listed(verdict.because());
                stampAgain = verdict.stampAgain();
                if (verdict.warning() != null) {
                    warnings.add(new Notice(settings.serviceName(), verdict.warning()));
                }
                reading = listConcurrently(() -> sink.read(settings.serviceName()));
            }
            Instant listedAt = clock.instant();
            CatalogueRead read = joined(reading);
            durations.put("read", read.millis());
            CurrentState current = read.state();
            if (seals && inputs == null) {
                inputs = new RunInputs(settings, specDigest, current.serverVersion());
                key = inputs.key(List.of());
            }
            Optional<Seal.Intact> sealed = Seal.find(current, key);
            if (sealed.isPresent()) {
                if (byEvents) {
                    sealCheck = sealCheck.restamped(stampAgain && restamp(sink, current, key, listedAt, budget, warnings));
                }
                return unchanged(settings, sink, origin, sealed.get(), List.of("parse", "map"), durations, start,
                        sealCheck, warnings);
            }

            phase = Stopwatch.start();
            ParsedSpec parsed = new SpecParser(limits, SpecSource.accessOf(settings.spec()), source).parse(raw);
            raw = null; // not needed any more: up to the 128 MiB fetch cap less heap for the largest specs
            durations.put("parse", phase.millis());
            if (key != null && !parsed.referencedDocuments().isEmpty()) {
                key = inputs.key(parsed.referencedDocuments());
                if (byEvents) {
                    // never re-stamped: its inputs are known only once it is parsed, after the listing
                    sealCheck = SealCheck.listed("the spec references other documents, which only parsing reads");
                }
                sealed = Seal.find(current, key);
                if (sealed.isPresent()) {
                    return unchanged(settings, sink, origin, sealed.get(), List.of("map"), durations, start, sealCheck,
                            warnings);
                }
            }

            phase = Stopwatch.start();
            DesiredState desired = map(parsed, settings);
            parsed = null; // the spec's tree and model (several hundred MB for the largest specs) are not needed to write
            durations.put("map", phase.millis());
            warnings.addAll(desired.warnings());

            phase = Stopwatch.start();
            Plan plan = Planner.plan(desired, current, new PlanOptions(settings.overrideMetadata(),
                    settings.markDeletedApiCollections(), settings.markDeletedApiEndpoints(), settings.deletionGuardMaxShare(),
                    settings.allowMassDeletion()), key);
            durations.put("plan", phase.millis());

            phase = Stopwatch.start();
            Written written = sink.write(plan, settings.overrideMetadata());
            durations.put("write", phase.millis());
            warnings.addAll(written.warnings());
            List<Notice> errors = new ArrayList<>(desired.collectionFailures());
            errors.addAll(desired.endpointFailures());
            errors.addAll(written.errors());

            phase = Stopwatch.start();
            Deleted deleted = Deleted.NOTHING;
            // asked once more, now: a kill that came since the last look must not be followed by deletions
            if (!budget.stop().requested() && status.stopRequested()) {
                budget.stop().request(KillWatch.REASON);
            }
            boolean stopped = budget.stop().requested();
            if (stopped) {
                // a killed run is not a complete run: whatever it did not reach may look stale, so nothing is deleted
                errors.add(new Notice(settings.serviceName(), "Stopped: " + budget.stop().reason() + "; "
                        + written.skipped() + " entities were not written and nothing was marked deleted"));
            } else if (written.skipped() > 0) {
                // what was left unwritten may be what makes an entity look stale: deleting waits for a complete run
                errors.add(new Notice(settings.serviceName(), "Run deadline reached: " + written.skipped()
                        + " entities were not written and nothing was marked deleted; the next run continues"));
            } else {
                if (plan.heldBack() != null) {
                    warnings.add(new Notice(settings.serviceName(), "Held back: " + plan.heldBack()));
                }
                deleted = sink.delete(plan);
                errors.addAll(deleted.errors());
            }
            durations.put("delete", phase.millis());
            Map<String, EntityCounts> counts = counts(
                    counts(written.collections(), plan.unchangedCollections(), desired.collectionFailures().size(),
                            desired.filteredCollections(), deleted.collections()),
                    counts(written.endpoints(), plan.unchangedEndpoints(), desired.endpointFailures().size(),
                            desired.filteredEndpoints(), deleted.endpoints()));
            return report(settings, origin, sink, written.mode(), written.serviceCreated(), counts,
                    stopped ? IngestReport.STOPPED : errors.isEmpty() ? IngestReport.SUCCESS : IngestReport.PARTIAL_SUCCESS,
                    warnings, errors, null, durations, start, sealCheck);
        } catch (SpecFetchException | SpecParseException | OpenMetadataException e) {
            if (budget.stop().requested()) {
                // killed before its writes (the catalogue read was cut): a stopped run, not a failed one
                return stoppedBeforeWriting(settings, sink, origin, warnings, new Notice(settings.serviceName(), "Stopped: "
                        + budget.stop().reason() + " before it wrote anything; nothing was marked deleted"), durations, start);
            }
            return failed(settings.serviceName(), origin, List.of(new Notice(null, e.getMessage())), warnings, durations, start);
        } catch (RuntimeException e) {
            RunLog.unexpected(settings.serviceName(), e);
            return failed(settings.serviceName(), origin, List.of(new Notice(null, RunLog.unexpectedMessage(e))), warnings,
                    durations, start);
        } finally {
            awaitQuietly(outlining);
            awaitQuietly(reading);
        }
    }

    /** An intact seal the change events vouch for, or why they do not and whether stamping it anew would help. */
    private record EventsVerdict(Seal.Intact intact, String because, boolean stampAgain, String warning) {
        static EventsVerdict listing(String because, boolean stampAgain) {
            return new EventsVerdict(null, because, stampAgain, null);
        }
    }

    /**
     * The seal checked without listing the endpoints: a re-stamped seal on a collection that the inputs, the other
     * collections and the endpoint counts match, whose collection has not changed since, young enough, and no change
     * event of the service since but the stamp's own. A failed read of the events is a reason to list, not a failed run.
     */
    private EventsVerdict byChangeEvents(Sink sink, String serviceName, Duration maxAge, CatalogueOutline outline,
                                         InputKey key) {
        if (!outline.serviceExists()) {
            return EventsVerdict.listing("the service does not exist yet", true);
        }
        Optional<Seal.Outlined> outlined = Seal.findOutlined(outline, key);
        if (outlined.isEmpty()) {
            return EventsVerdict.listing("no collection carries a re-stamped seal of these inputs, collections and "
                    + "endpoint counts (the spec, the settings or the catalogue changed, or the last run wrote)", true);
        }
        ExistingEntity carrier = outlined.get().carrier();
        Instant now = clock.instant();
        String ahead = ChangeWindow.aheadOfClock(carrier, now);
        if (ahead != null) {
            return EventsVerdict.listing(ahead, false);
        }
        boolean stampAgain = !ChangeWindow.tooRecentToStampAgain(carrier, now);
        String tooOld = ChangeWindow.tooOld(carrier, now, maxAge);
        if (tooOld != null) {
            return EventsVerdict.listing(tooOld, stampAgain);
        }
        String changed = ChangeWindow.changedSinceStamp(carrier);
        if (changed != null) {
            // stamping again cannot give a server that describes no change the description it lacks
            return EventsVerdict.listing(changed, stampAgain && carrier.onlySourceHashChanged() != null);
        }
        List<ChangeEvent> events;
        try {
            events = sink.changeEventsSince(ChangeWindow.since(carrier));
        } catch (OpenMetadataException e) {
            int family = e.status() / 100;
            String because = "the change events could not be read: " + e.getMessage();
            // an answer too large to read may shrink with a younger stamp; a refusal or a failure will not. A refusal
            // will last: said as a warning too, so that it shows where a deployment looks (status, logs)
            return new EventsVerdict(null, because, family == 2 && stampAgain, family == 4
                    ? "OpenMetadata refused its change events, so every run lists the catalogue (set unchangedCheck to "
                    + "listing, or let the bot read GET /v1/events): " + e.getMessage() : null);
        }
        String unexplained = ChangeWindow.unexplained(events, serviceName, carrier);
        return unexplained == null ? new EventsVerdict(outlined.get().intact(), null, false, null)
                : EventsVerdict.listing(unexplained, stampAgain);
    }

    /**
     * Stamps the seal a listing found intact anew on a collection, so that the next run can check it by events from
     * now on. Not when the listing began too long ago (the events the next run reads would not reach back to it) or
     * the run is being stopped. A refusal is a warning: the next run lists again.
     */
    private boolean restamp(Sink sink, CurrentState current, InputKey key, Instant listedAt, RunBudget budget,
                            List<Notice> warnings) {
        if (budget.stop().requested() || budget.expired()
                || Duration.between(listedAt, clock.instant()).compareTo(ChangeWindow.LONGEST_LISTING_BEFORE_RESTAMP) > 0) {
            return false;
        }
        Optional<Seal.Restamp> restamp = Seal.restamped(current, key);
        if (restamp.isEmpty()) {
            return false;
        }
        String problem = sink.restamp(restamp.get().carrier(), restamp.get().seal());
        if (problem != null) {
            warnings.add(new Notice(restamp.get().carrier().fqn(), "The seal could not be stamped anew, so the next run "
                    + "lists the catalogue again: " + problem));
        }
        return problem == null;
    }

    /**
     * A run that stops before using the catalogue read (the spec did not fetch) still ends after it, and only then
     * closes the sink.
     */
    private static void awaitQuietly(CompletableFuture<?> reading) {
        if (reading != null) {
            reading.handle((read, failure) -> null).join();
        }
    }

    private record CatalogueRead(CurrentState state, long millis) {
    }

    /**
     * The catalogue is read while the spec is fetched: neither needs the other, and on a re-run the two are most of
     * the time. Its duration is reported as {@code read} (it overlaps {@code fetch}).
     */
    private static CompletableFuture<CatalogueRead> listConcurrently(Supplier<CurrentState> read) {
        return readConcurrently(() -> {
            Stopwatch start = Stopwatch.start();
            CurrentState state = read.get();
            return new CatalogueRead(state, start.millis());
        });
    }

    private static <T> CompletableFuture<T> readConcurrently(Supplier<T> read) {
        ExecutorService reader = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "catalogue-read");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return CompletableFuture.supplyAsync(read, reader);
        } finally {
            reader.shutdown();
        }
    }

    private static <T> T joined(CompletableFuture<T> reading) {
        try {
            return reading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static DesiredState map(ParsedSpec parsed, IngestSettings settings) {
        return ApiMapper.map(parsed, new MappingContext(settings.serviceName(), settings.serviceConnection(),
                settings.docUrl(), settings.spec().fallbackUrl(), settings.collectionFilter(), settings.endpointFilter(),
                settings.schemaFields()));
    }

    /**
     * The report of a run that found the catalogue sealed by its inputs. What could not be mapped then cannot be now
     * (same spec, settings and build), so it is reported again, by number: the sealing run's report names each one.
     */
    /** @param warnings this run's own (the sealing run's are not repeated) */
    private static IngestReport unchanged(IngestSettings settings, Sink sink, String origin, Seal.Intact sealed,
                                          List<String> skipped, Map<String, Long> durations, Stopwatch start,
                                          SealCheck sealCheck, List<Notice> warnings) {
        List<Notice> errors = new ArrayList<>();
        unmapped(sealed.counts().failedCollections(), "API collection", "API collections", errors);
        unmapped(sealed.counts().failedEndpoints(), "API endpoint", "API endpoints", errors);
        Map<String, EntityCounts> counts = counts(
                new EntityCounts(0, 0, 0, sealed.collections(), sealed.counts().failedCollections(), 0,
                        sealed.counts().filteredCollections(), 0),
                new EntityCounts(0, 0, 0, sealed.endpoints(), sealed.counts().failedEndpoints(), 0,
                        sealed.counts().filteredEndpoints(), 0));
        return report(settings, origin, sink, sink.writeMode(), false, counts,
                errors.isEmpty() ? IngestReport.SUCCESS : IngestReport.PARTIAL_SUCCESS, warnings, errors, skipped,
                durations, start, sealCheck);
    }

    private static void unmapped(int count, String one, String many, List<Notice> errors) {
        if (count > 0) {
            errors.add(new Notice(null, count + " " + (count == 1 ? one : many) + " could not be mapped from the spec, "
                    + "as in the run that sealed the catalogue with these same inputs; that run's report names each one"));
        }
    }

    private static IngestReport report(IngestSettings settings, String origin, Sink sink, String writeMode,
                                       boolean serviceCreated, Map<String, EntityCounts> counts, String status,
                                       List<Notice> warnings, List<Notice> errors, List<String> skipped,
                                       Map<String, Long> durations, Stopwatch start, SealCheck sealCheck) {
        durations.put("total", start.millis());
        return new IngestReport(settings.serviceName(), status, origin, sink.target(), writeMode, serviceCreated, counts,
                List.copyOf(warnings), List.copyOf(errors), durations, sink.requests(), sink.retries(), skipped, null, null, sealCheck);
    }

    /** What happened to one kind of entity: written, left unchanged, not mappable, filtered out, marked deleted. */
    private static EntityCounts counts(Written.Count written, int unchanged, int unmappable, int filtered, int deleted) {
        return new EntityCounts(written.created(), written.updated(), written.restored(), unchanged,
                written.failed() + unmappable, written.skipped(), filtered, deleted);
    }

    private static Map<String, EntityCounts> counts(EntityCounts collections, EntityCounts endpoints) {
        Map<String, EntityCounts> counts = new LinkedHashMap<>();
        counts.put("apiCollection", collections);
        counts.put("apiEndpoint", endpoints);
        return counts;
    }

    /** A run killed before it wrote anything: no counts, the reason as its one error. */
    private static IngestReport stoppedBeforeWriting(IngestSettings settings, Sink sink, String origin, List<Notice> warnings,
                                                     Notice why, Map<String, Long> durations, Stopwatch start) {
        durations.put("total", start.millis());
        return new IngestReport(settings.serviceName(), IngestReport.STOPPED, origin, sink.target(), null, null, null,
                List.copyOf(warnings), List.of(why), durations, sink.requests(), sink.retries(), null, null, null, null);
    }

    private static IngestReport failed(String service, String origin, List<Notice> errors, List<Notice> warnings,
                                       Map<String, Long> durations, Stopwatch start) {
        durations.put("total", start.millis());
        return new IngestReport(service, IngestReport.FAILED, origin, null, null, null, null, List.copyOf(warnings),
                errors, durations, null, null, null, null, null, null);
    }

    private static String serviceNameOf(JsonNode payload) {
        JsonNode name = payload == null ? null : payload.path("source").path("serviceName");
        return name != null && name.isTextual() ? name.asText() : null;
    }
}
