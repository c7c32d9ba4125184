package dev.noshowping.testkit.market;

import java.util.List;

/**
 * What one {@link MarketplaceEmulator#churn} did on one source, so a test can assert on exactly those listings.
 *
 * @param added   ids of the new listings, newest first (they head the keyword's results)
 * @param sold    ids now {@link ListingState#SOLD}
 * @param removed ids now {@link ListingState#REMOVED}
 */
public record Churn(String source, List<String> added, List<String> sold, List<String> removed) {
    public Churn {
        added = List.copyOf(added);
        sold = List.copyOf(sold);
        removed = List.copyOf(removed);
    }
}
