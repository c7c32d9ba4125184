package dev.noshowping.crawl;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One page of listings; {@code nextCursor} is null on the last. */
public record ListingPage(List<ListingView> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
}
