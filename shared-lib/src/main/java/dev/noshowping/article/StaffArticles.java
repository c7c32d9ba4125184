package dev.noshowping.article;

import dev.noshowping.db.Transaction;
import dev.noshowping.domain.Validation;
import dev.noshowping.identity.Caller;
import dev.noshowping.paging.Page;
import dev.noshowping.paging.PageRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@code GET /admin/articles}: staff's search of every article whatever its status (taken down,
 * withdrawn and a suspended seller's too), by status, merchant and words of its title or place,
 * newest first in keyset pages.
 */
public final class StaffArticles {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    static final int MAX_TEXT = 100;

    /** A row of the search: an article with the merchant who sells it. */
    public record Line(long id, long merchantId, String merchantName, String title, String accommodationName,
                       String region, LocalDate checkIn, LocalDate checkOut, long originalPrice, long salePrice,
                       ArticleStatus status, Instant createdAt) {
    }

    /** The filters; null for "any". */
    public record Filter(ArticleStatus status, Long merchantId, String text) {
    }

    private final Supplier<DataSource> dataSource;

    public StaffArticles(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    public Page<Line> search(Caller caller, Map<String, String> params) {
        caller.requireAdmin("only staff search every article");
        Map<String, String> p = params == null ? Map.of() : params;
        Validation v = new Validation();
        v.onlyKnown(p, Set.of("status", "merchantId", "q", "limit", "cursor"));
        ArticleStatus status = p.containsKey("status") ? v.oneOf("status", p.get("status"), ArticleStatus.class) : null;
        Long merchantId = p.containsKey("merchantId") ? v.wholeNumber("merchantId", p.get("merchantId"), 1, Long.MAX_VALUE)
                : null;
        String text = p.get("q");
        v.optionalText("q", text, 1, MAX_TEXT);
        PageRequest page = PageRequest.parse(p, v, DEFAULT_LIMIT, MAX_LIMIT);
        v.throwIfInvalid();
        Filter filter = new Filter(status, merchantId, text == null ? null : text.strip());
        var rows = Transaction.read(dataSource.get(),
                c -> ArticleRepository.staffPage(c, filter, page.beforeId(), page.limit() + 1));
        return Page.of(rows, page.limit(), last -> PageRequest.cursorAfter(last.createdAt(), last.id()));
    }
}
