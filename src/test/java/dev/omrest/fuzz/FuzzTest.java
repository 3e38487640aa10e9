package dev.omrest.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omrest.config.IngestSettings;
import dev.omrest.config.InvalidPayloadException;
import dev.omrest.config.PayloadReader;
import dev.omrest.config.PayloadTrust;
import dev.omrest.config.SecretReferences;
import dev.omrest.emulator.OpenMetadataEmulator;
import dev.omrest.emulator.SpecServer;
import dev.omrest.function.IngestFunction;
import dev.omrest.map.ApiMapper;
import dev.omrest.map.DesiredState;
import dev.omrest.map.MappingContext;
import dev.omrest.parse.SpecParser;
import dev.omrest.report.IngestReport;
import dev.omrest.outcome.Notice;
import dev.omrest.secrets.AwsSecretStore;
import dev.omrest.source.FetchLimits;
import dev.omrest.source.RawSpec;
import dev.omrest.source.SpecSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile and broken input, generated from a fixed seed ({@code -Dfuzz.seed}, {@code -Dfuzz.cases}; CI runs 1,000 cases,
 * {@code -Dfuzz.cases=20000 -Dtest=FuzzTest} is the long local run). Each case first ingests the spec it was derived from,
 * then the hostile one, through the ingest function against the emulator, and must end with: a report (never an
 * exception, stack overflow or out-of-memory), a clear error when it failed, no deletion at all when it failed, no
 * deletion of anything the hostile spec still contains, never more than the deletion guard allows, and no request body
 * the emulator (or the upstream schemas) would refuse.
 */
@QuarkusTest
class FuzzTest {
    static final long SEED = Long.getLong("fuzz.seed", 20261125L);
    static final int CASES = Integer.getInteger("fuzz.cases", 1_000);
    static final Duration HANG_GUARD = Duration.ofSeconds(120);
    static final String JWT = "fuzz-token";
    static final String SERVICE = "fuzz";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    IngestFunction function;

    @Test
    void hostileInputNeverCrashesNorLosesData() {
        List<CaseGenerator.Case> cases = new CaseGenerator(SEED).cases(CASES);
        List<String> failures = new ArrayList<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        Map<String, OpenMetadataEmulator.Stored> seeded = new TreeMap<>();
        java.util.TreeMap<Long, String> slowest = new java.util.TreeMap<>();
        long start = System.nanoTime();
        try (OpenMetadataEmulator om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
             SpecServer specs = SpecServer.start()) {
            for (CaseGenerator.Case c : cases) {
                long caseStart = System.nanoTime();
                FuzzCase fuzz = c.fuzz();
                try {
                    om.restore(seeded.computeIfAbsent(c.base(), base -> seed(om, specs, base)));
                    specs.serve("/case", 200, fuzz.mediaType(), fuzz.spec());
                    Set<String> before = live(om, SERVICE);
                    String payload = fuzz.payload(specs.url("/case"), om.apiUrl(), JWT, SERVICE);
                    IngestReport report = assertTimeoutPreemptively(HANG_GUARD, () -> function.ingest(JSON.readTree(payload)));
                    outcomes.merge(fuzz.family() + " " + report.status(), 1, Integer::sum);
                    check(fuzz, payload, report, before, live(om, SERVICE), om.contractViolations())
                            .forEach(problem -> failures.add(fuzz + ": " + problem));
                } catch (Throwable e) {
                    failures.add(fuzz + ": " + e.getClass().getName() + ": " + e.getMessage());
                }
                slowest.put((System.nanoTime() - caseStart) / 1_000_000 * 100_000 + fuzz.id(), fuzz.toString());
                if (slowest.size() > 5) {
                    slowest.pollFirstEntry();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        System.out.printf("fuzz: %d cases, seed %d, %d s; outcomes %s%n", cases.size(), SEED,
                (System.nanoTime() - start) / 1_000_000_000, outcomes);
        slowest.descendingMap().forEach((key, what) -> System.out.printf("fuzz: slow: %d ms %s%n", key / 100_000,
                what.length() > 160 ? what.substring(0, 160) + "…" : what));
        assertTrue(cases.size() >= CASES);
        assertTrue(failures.isEmpty(), failures.size() + " case(s) broke a rule:\n" + String.join("\n",
                failures.subList(0, Math.min(30, failures.size()))));
    }

    /** The store after ingesting a base spec into an empty server, taken once per base spec. */
    private OpenMetadataEmulator.Stored seed(OpenMetadataEmulator om, SpecServer specs, String base) {
        om.reset();
        specs.serve("/base", 200, CaseGenerator.mediaTypeOf(base), CaseGenerator.base(base));
        try {
            IngestReport report = function.ingest(JSON.readTree(
                    FuzzCase.fill(CaseGenerator.PAYLOAD, specs.url("/base"), om.apiUrl(), JWT, SERVICE)));
            assertEquals(IngestReport.SUCCESS, report.status(), () -> "seeding " + base + ": " + report.errors());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return om.store();
    }

    private static List<String> check(FuzzCase fuzz, String payload, IngestReport report, Set<String> before,
                                      Set<String> after, List<String> violations) throws Exception {
        List<String> problems = new ArrayList<>();
        JSON.writeValueAsString(report);
        if (!Set.of(IngestReport.SUCCESS, IngestReport.PARTIAL_SUCCESS, IngestReport.FAILED).contains(report.status())) {
            problems.add("status " + report.status());
        }
        for (Notice error : report.errors()) {
            if (error.message() == null || error.message().isBlank()) {
                problems.add("an error without a message");
            } else if (error.message().startsWith("Unexpected error")) {
                problems.add("not a clear error: " + error.message());
            }
        }
        if (IngestReport.FAILED.equals(report.status()) && report.errors().isEmpty()) {
            problems.add("failed without saying why");
        }
        Set<String> lost = new TreeSet<>(before);
        lost.removeAll(after);
        if (!lost.isEmpty()) {
            if (IngestReport.FAILED.equals(report.status())) {
                problems.add("a failed run deleted " + lost);
            }
            Set<String> stillWanted = new HashSet<>(desired(payload));
            stillWanted.retainAll(lost);
            if (!stillWanted.isEmpty()) {
                problems.add("deleted entities the spec still has: " + stillWanted);
            }
            long endpointsBefore = before.stream().filter(f -> f.startsWith("apiEndpoint ")).count();
            long endpointsLost = lost.stream().filter(f -> f.startsWith("apiEndpoint ")).count();
            if (endpointsLost * 2 > endpointsBefore) {
                problems.add("deleted " + endpointsLost + " of " + endpointsBefore + " endpoints past the deletion guard");
            }
        }
        violations.forEach(v -> problems.add("request the server would refuse: " + v));
        return problems;
    }

    /** Kind-prefixed FQNs the spec behind this payload maps to, computed outside the run. */
    private static Set<String> desired(String payload) throws Exception {
        IngestSettings settings;
        try {
            settings = new PayloadReader(new SecretReferences(System::getenv, new AwsSecretStore(), PayloadTrust.deployment(PayloadTrust.DEFAULT_ENV_PREFIX))).ingestSettings(JSON.readTree(payload));
        } catch (InvalidPayloadException e) {
            return Set.of();
        }
        RawSpec raw = new SpecSource(FetchLimits.DEFAULT).fetch(settings.spec());
        DesiredState state = ApiMapper.map(new SpecParser(FetchLimits.DEFAULT, SpecSource.accessOf(settings.spec())).parse(raw),
                new MappingContext(settings.serviceName(), settings.serviceConnection(), settings.docUrl(),
                        settings.spec().fallbackUrl(), settings.collectionFilter(), settings.endpointFilter(), settings.schemaFields()));
        Set<String> fqns = new HashSet<>();
        state.collections().forEach(m -> fqns.add("apiCollection " + m.fqn()));
        state.endpoints().forEach(m -> fqns.add("apiEndpoint " + m.fqn()));
        return fqns;
    }

    private static Set<String> live(OpenMetadataEmulator om, String service) {
        Set<String> fqns = new TreeSet<>();
        collect("apiCollection ", om.collections(), service, fqns);
        collect("apiEndpoint ", om.endpoints(), service, fqns);
        return fqns;
    }

    private static void collect(String kind, Map<String, JsonNode> entities, String service, Set<String> into) {
        entities.forEach((fqn, entity) -> {
            if (fqn.startsWith(service + ".") && !entity.path("deleted").asBoolean()) {
                into.add(kind + fqn);
            }
        });
    }
}
