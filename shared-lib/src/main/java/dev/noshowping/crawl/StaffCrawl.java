package dev.noshowping.crawl;

import dev.noshowping.admin.AdminActionKind;
import dev.noshowping.admin.AdminActionRepository;
import dev.noshowping.admin.StaffNote;
import dev.noshowping.db.Transaction;
import dev.noshowping.domain.NotFound;
import dev.noshowping.domain.Validation;
import dev.noshowping.domain.WrongState;
import dev.noshowping.identity.Caller;
import dev.noshowping.paging.Page;
import dev.noshowping.paging.PageRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Staff and the crawler: {@code GET /admin/crawl/runs} (newest first, each with its per-source,
 * per-keyword figures and failures), {@code POST /admin/crawl/runs} (a run now, trigger MANUAL),
 * {@code GET|POST /admin/crawl/keywords} and {@code POST /admin/crawl/keywords/{id}/deactivate}
 * (what the next run searches for).
 */
public final class StaffCrawl {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 50;
    private static final Set<String> KNOWN = Set.of("limit", "cursor");

    private final Supplier<DataSource> dataSource;
    private final StartCrawlRun start;

    public StaffCrawl(Supplier<DataSource> dataSource, StartCrawlRun start) {
        this.dataSource = dataSource;
        this.start = start;
    }

    public Page<CrawlRepository.RunView> runs(Caller caller, Map<String, String> params) {
        caller.requireAdmin("only staff run the crawler");
        Map<String, String> p = params == null ? Map.of() : params;
        Validation v = new Validation();
        v.onlyKnown(p, KNOWN);
        PageRequest page = PageRequest.parse(p, v, DEFAULT_LIMIT, MAX_LIMIT);
        v.throwIfInvalid();
        List<CrawlRepository.RunView> rows = Transaction.read(dataSource.get(),
                c -> CrawlRepository.runs(c, page.beforeId(), page.limit() + 1));
        return Page.of(rows, page.limit(), last -> PageRequest.cursorAfter(last.startedAt(), last.id()));
    }

    /**
     * Starts a run now. The run is opened and its tasks queued by the same code as the schedule's,
     * which commits before it sends; the action is logged once that has happened.
     */
    public Map<String, Object> startNow(Caller caller, StaffNote note) {
        caller.requireAdmin("only staff run the crawler");
        String reason = note.checkedReason();
        Map<String, Object> summary = start.start(CrawlTrigger.MANUAL);
        long runId = (Long) summary.get("runId");
        Transaction.run(dataSource.get(), c -> {
            AdminActionRepository.record(c, caller.subject(), AdminActionKind.CRAWL_STARTED, runId, reason);
            return null;
        });
        return summary;
    }

    public List<CrawlRepository.Keyword> keywords(Caller caller) {
        caller.requireAdmin("only staff run the crawler");
        return Transaction.read(dataSource.get(), CrawlRepository::keywords);
    }

    public CrawlRepository.Keyword addKeyword(Caller caller, KeywordChange change) {
        caller.requireAdmin("only staff run the crawler");
        Validation v = new Validation();
        v.text("keyword", change.keyword(), 2, 100);
        v.text("reason", change.reason(), 1, StaffNote.MAX_REASON);
        v.throwIfInvalid();
        // one spelling per keyword: the crawler sends it as typed, and uniqueness is on the trimmed text
        String keyword = change.keyword().strip().replaceAll("\\s+", " ");
        return Transaction.run(dataSource.get(), c -> {
            var added = CrawlRepository.addKeyword(c, keyword).orElseThrow(() ->
                    new WrongState(KeywordState.ACTIVE, "'" + keyword + "' is searched for already"));
            AdminActionRepository.record(c, caller.subject(), AdminActionKind.KEYWORD_ADDED, added.id(), change.reason().strip());
            return added;
        });
    }

    public List<CrawlRepository.Keyword> deactivateKeyword(Caller caller, long id, StaffNote note) {
        caller.requireAdmin("only staff run the crawler");
        String reason = note.checkedReason();
        return Transaction.run(dataSource.get(), c -> {
            if (!CrawlRepository.deactivateKeyword(c, id)) {
                if (!CrawlRepository.keywordExists(c, id)) {
                    throw new NotFound("no keyword " + id);
                }
                throw new WrongState(KeywordState.INACTIVE, "keyword " + id + " is not searched for already");
            }
            AdminActionRepository.record(c, caller.subject(), AdminActionKind.KEYWORD_DEACTIVATED, id, reason);
            return CrawlRepository.keywords(c);
        });
    }

    /** Whether the crawler searches for a keyword, for a refusal to name. */
    enum KeywordState { ACTIVE, INACTIVE }
}
