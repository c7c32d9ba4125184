package dev.noshowping.article;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A page of articles; {@code nextCursor} is null on the last page (and always present). */
public record ArticlePage(List<ArticleSummary> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
}
