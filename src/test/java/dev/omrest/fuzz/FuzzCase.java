package dev.omrest.fuzz;

/**
 * One generated input: a spec document served from loopback and the connection payload that points at it.
 * The payload is a template: {@code ${SPEC_URL}}, {@code ${OM_URL}}, {@code ${JWT}} and {@code ${SERVICE}} are filled
 * in when the case runs.
 *
 * @param family      what kind of hostility it is (for the summary and for reproducing)
 * @param description the mutations applied, enough to rebuild the case by hand
 */
record FuzzCase(int id, String family, String description, byte[] spec, String mediaType, String payloadTemplate) {

    String payload(String specUrl, String omUrl, String jwt, String service) {
        return fill(payloadTemplate, specUrl, omUrl, jwt, service);
    }

    static String fill(String template, String specUrl, String omUrl, String jwt, String service) {
        return template.replace("${SPEC_URL}", specUrl).replace("${OM_URL}", omUrl).replace("${JWT}", jwt)
                .replace("${SERVICE}", service);
    }

    @Override
    public String toString() {
        return "case " + id + " [" + family + "] " + description;
    }
}
