package dev.omrest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Renders the JSON lines {@link Benchmark} wrote as the Markdown tables of {@code docs/benchmark.md} (on stdout). */
public final class BenchmarkReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchmarkReport() {
    }

    public static void main(String[] args) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        StringBuilder md = new StringBuilder();
        ingests(md, lines, "cold", "### Our function, first (cold) invocation\n\n");
        if (!ours(lines, "warm").isEmpty()) {
            ingests(md, lines, "warm", "\n### Our function, the same ingest warm (same process, server emptied)\n\n");
        }
        md.append("\n### Our function, unchanged re-run\n\n")
                .append("| spec | server | latency | process | invocation | writes | skipped | fetch + parse + list | × (fetch + parse + list) |\n")
                .append("|---|---|---:|---|---:|---:|---|---:|---:|\n");
        List<JsonNode> reruns = new ArrayList<>(ours(lines, "rerun"));
        reruns.addAll(ours(lines, "rerun-new-process"));
        for (JsonNode l : reruns) {
            JsonNode d = l.path("report").path("durationsMillis");
            // a run that skipped parsing is held to fetch + list alone: stricter than the target's floor
            long floor = d.path("fetch").asLong() + d.path("parse").asLong() + d.path("read").asLong();
            List<String> skipped = new ArrayList<>();
            l.path("report").path("skippedPhases").forEach(p -> skipped.add(p.asText()));
            md.append(String.format(Locale.ROOT, "| %s | %s | %d ms | %s | %s | %d | %s | %s | %s |%n", l.path("spec").asText(), server(l),
                    l.path("latencyMs").asInt(), l.path("run").asText().equals("rerun") ? "same" : "new (init " + init(l) + ")",
                    ms(d.path("total")), l.path("writeRequests").asInt(),
                    skipped.isEmpty() ? "—" : String.join(", ", skipped), ms(floor), ratio(d.path("total").asLong(), floor)));
        }
        md.append("\n### Side by side with the upstream connector (same emulator, same spec; first run into an empty server, then an unchanged re-run in a new process)\n\n")
                .append("| spec | server | latency | run | upstream client | upstream process (workflow) | upstream requests / MB | ours end to end (invocation) | ours requests / MB | end-to-end ratio | workflow ratio | entities upstream / ours | FQNs only upstream / only ours |\n")
                .append("|---|---|---:|---|---|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (JsonNode u : lines) {
            if (!u.path("peer").asText().startsWith("upstream")) {
                continue;
            }
            String run = u.path("run").asText("cold");
            Optional<JsonNode> ours = ours(lines, run).stream().filter(l -> same(l, u)).findFirst();
            String upstreamTime = u.path("ok").asBoolean()
                    ? ms(u.path("processMs")) + " (" + u.path("workflowMs").asText() + " ms)"
                    : "**failed**: " + u.path("error").asText("exit " + u.path("exit").asText());
            if (ours.isEmpty()) {
                continue;
            }
            JsonNode o = ours.get();
            long oursE2e = o.path("initMs").asLong() + o.path("invocationMs").asLong();
            long workflow = u.path("workflowMs").asLong(-1);
            String names = !u.has("fqnsOnlyOurs") ? "—" : u.path("fqnsOnlyUpstream").asInt() + " / " + u.path("fqnsOnlyOurs").asInt();
            md.append(String.format(Locale.ROOT, "| %s | %s | %d ms | %s | %s | %s | %d / %.1f | %s (%s) | %d / %.1f | %s | %s | %d+%d / %d+%d | %s |%n",
                    u.path("spec").asText(), server(u), u.path("latencyMs").asInt(), run.equals("cold") ? "first" : "unchanged re-run",
                    u.path("peer").asText().substring(9),
                    upstreamTime, u.path("requests").asInt(), u.path("bytesSent").asLong() / 1e6, ms(oursE2e),
                    ms(o.path("invocationMs")), o.path("requests").asInt(), o.path("bytesSent").asLong() / 1e6,
                    u.path("ok").asBoolean() ? ratio(u.path("processMs").asLong(), oursE2e) : "—",
                    u.path("ok").asBoolean() && workflow > 0 ? ratio(workflow, o.path("invocationMs").asLong()) : "—",
                    u.path("liveCollections").asInt(), u.path("liveEndpoints").asInt(),
                    o.path("liveCollections").asInt(), o.path("liveEndpoints").asInt(), names));
        }
        System.out.print(md);
    }

    /** One row per ingest into an empty server: phases, calls, bytes, the physical bound, memory. */
    private static void ingests(StringBuilder md, List<JsonNode> lines, String run, String title) {
        md.append(title)
                .append("| spec | server | latency | init | invocation | fetch | read | parse | map | plan | write | delete | server CPU | requests (writes) | MB sent | physical bound | × bound | peak heap / RSS (cap) |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (JsonNode l : ours(lines, run)) {
            JsonNode d = l.path("report").path("durationsMillis");
            long bound = bound(l);
            md.append(String.format(Locale.ROOT, "| %s | %s | %d ms | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d (%d) | %.1f | %s | %s | %d / %d MB (%s) |%n",
                    l.path("spec").asText(), server(l), l.path("latencyMs").asInt(), init(l),
                    ok(l) ? ms(l.path("invocationMs")) : "**" + l.path("error").asText(l.path("report").path("status").asText("error")) + "**",
                    ms(d.path("fetch")), ms(d.path("read")), ms(d.path("parse")), ms(d.path("map")), ms(d.path("plan")),
                    ms(d.path("write")),
                    ms(d.path("delete")), ms(l.path("serverCpuMs")), l.path("requests").asInt(), l.path("writeRequests").asInt(),
                    l.path("bytesSent").asLong() / 1e6, ms(bound), ratio(d.path("total").asLong(), bound),
                    l.path("peakHeapMb").asLong(), l.path("peakRssMb").asLong(), l.path("heap").asText()));
        }
    }

    /** Our function's measurements of one kind of run ({@code cold} or {@code rerun}). */
    private static List<JsonNode> ours(List<JsonNode> lines, String run) {
        return lines.stream().filter(l -> l.path("peer").asText().equals("ours") && l.path("run").asText().equals(run))
                .toList();
    }

    /** parse + ⌈write requests ÷ parallelism⌉ × latency: what no client can beat with this many calls. */
    static long bound(JsonNode l) {
        long writes = l.path("writeRequests").asLong();
        int parallelism = l.path("parallelism").asInt(4);
        return l.path("report").path("durationsMillis").path("parse").asLong()
                + (writes + parallelism - 1) / parallelism * l.path("latencyMs").asLong();
    }

    private static boolean same(JsonNode a, JsonNode b) {
        return a.path("spec").equals(b.path("spec")) && a.path("mode").equals(b.path("mode"))
                && a.path("latencyMs").equals(b.path("latencyMs"));
    }

    private static boolean ok(JsonNode l) {
        return l.path("ok").asBoolean() && !l.path("report").path("status").asText().equals("failed");
    }

    /**
     * Process start to the first poll. With SnapStart emulated: process start to where the snapshot would be taken
     * (priming included), then "restore", from there to the first poll.
     */
    private static String init(JsonNode l) {
        String init = ms(l.path("initMs"));
        return l.has("restoreMs") ? init + " primed, restore " + ms(l.path("restoreMs")) : init;
    }

    private static String server(JsonNode l) {
        return l.path("mode").asText().equals("V2_0") ? "2.0 bulk" : "1.6 per-entity";
    }

    private static String ms(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "—" : ms(value.asLong());
    }

    private static String ms(long millis) {
        return millis >= 10_000 ? String.format(Locale.ROOT, "%.1f s", millis / 1000.0) : millis + " ms";
    }

    private static String ratio(long a, long b) {
        return b <= 0 ? "—" : String.format(Locale.ROOT, "%.2f×", (double) a / b);
    }
}
