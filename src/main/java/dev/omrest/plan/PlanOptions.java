package dev.omrest.plan;

/**
 * The payload's switches for one plan.
 *
 * @param maxDeletionShare  the largest share (0..1) of the service's endpoints a run may mark deleted
 * @param allowMassDeletion lift that limit
 */
public record PlanOptions(boolean overrideMetadata, boolean markDeletedCollections, boolean markDeletedEndpoints,
                          double maxDeletionShare, boolean allowMassDeletion) {

    public static PlanOptions defaults() {
        return new PlanOptions(false, true, true, 0.5, false);
    }
}
