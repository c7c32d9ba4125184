package dev.noshowping.crawl;

import dev.noshowping.db.Transaction;
import dev.noshowping.log.JsonLog;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The crawl worker's job for one (source, keyword): walk the search pages newest first and stop at
 * the first empty page or the first page with nothing new to this keyword: a fixed page count
 * fetches hours of pages that hold nothing new. Pages are fetched one after another, so no page past
 * the stop is ever requested; concurrency comes from running several tasks at once over the shared,
 * per-host-limited {@link MarketClient}. A page the parser does not recognise, or a marketplace that
 * stays unavailable, fails this task only, with the reason recorded.
 */
public final class RunCrawlTask {

    /** How the task ended. */
    public record Outcome(CrawlTaskStatus status, StopReason stopReason, int pages, String error) {
    }

    private final Supplier<DataSource> dataSource;
    private final Supplier<MarketClient> client;

    public RunCrawlTask(Supplier<DataSource> dataSource, Supplier<MarketClient> client) {
        this.dataSource = dataSource;
        this.client = client;
    }

    /** Runs the task unless it already ran; {@code deadline} leaves time to record the outcome. */
    public Optional<Outcome> run(CrawlTaskMessage task, Instant deadline) {
        if (!Transaction.run(dataSource.get(), c -> CrawlRepository.claim(c, task.taskId()))) {
            return Optional.empty();
        }
        MarketClient market = client.get();
        int maxPages = market.settings().maxPages();
        int page = 0;
        StopReason stop = StopReason.TARGET_REACHED;
        CrawlTaskStatus status = CrawlTaskStatus.DONE;
        String error = null;
        try {
            while (page < maxPages) {
                if (Instant.now().isAfter(deadline)) {
                    stop = StopReason.TIME_BUDGET;
                    break;
                }
                page++;
                // the pages fetched so far as priority: walks that started late catch up
                Optional<String> body = market.get(task.source().searchPage(market.settings(), task.keyword(), page), page);
                List<MarketListing> listings = body.map(task.source()::parseSearch).orElse(List.of());
                if (listings.isEmpty()) {
                    Transaction.run(dataSource.get(), c -> {
                        CrawlRepository.countEmptyPage(c, task.taskId());
                        return null;
                    });
                    stop = StopReason.EMPTY_PAGE;
                    break;
                }
                var saved = Transaction.run(dataSource.get(), c -> CrawlRepository.savePage(c, task, listings));
                if (saved.newToKeyword() == 0) {
                    stop = StopReason.ALL_KNOWN;
                    break;
                }
            }
        } catch (MarketFormatException | MarketUnavailable e) {
            status = CrawlTaskStatus.FAILED;
            stop = StopReason.ERROR;
            error = task.source() + " page " + page + ": " + e.getMessage();
        }
        CrawlTaskStatus finalStatus = status;
        StopReason finalStop = stop;
        String finalError = error;
        var closed = Transaction.run(dataSource.get(), c -> CrawlRepository.finish(c, task, finalStatus, finalStop, finalError));
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("runId", task.runId());
        log.put("taskId", task.taskId());
        log.put("source", task.source().name());
        log.put("keyword", task.keyword());
        log.put("status", status);
        log.put("stopReason", stop);
        log.put("pages", page);
        if (error != null) {
            log.put("error", error);
            JsonLog.warn("crawl task failed", log);
        } else {
            JsonLog.info("crawl task", log);
        }
        closed.ifPresent(summary -> JsonLog.info("crawl run finished", summary));
        return Optional.of(new Outcome(status, stop, page, error));
    }
}
