package dev.omrest.map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * End to end, an entity's stored attributes ({@code displayName}, {@code description}, {@code endpointURL},
 * {@code requestMethod}) upstream's run and this project's run left on the server: each difference is counted as
 * documented with the compatibility row that explains it, or undocumented.
 */
final class AttributeDifferences {
    private AttributeDifferences() {
    }

    static void classify(String attribute, String key, JsonNode upstream, JsonNode here, ParityCheck.Result r) {
        String difference = attribute + " of " + key + ": upstream " + ParityCheck.cut(upstream) + " here " + ParityCheck.cut(here);
        if (r.swagger2 && attribute.equals("description") && upstream.asText("x").isEmpty() && here.isMissingNode()) {
            // swagger-parser's converter leaves an empty description out; the UI shows none either way
            r.documented.add("row 13 (Swagger 2.0 through the converter: an empty description is left out): " + difference);
        } else {
            r.undocumented.add(difference);
        }
    }
}
