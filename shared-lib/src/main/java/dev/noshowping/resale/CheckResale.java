package dev.noshowping.resale;

import dev.noshowping.article.ArticleStatus;
import dev.noshowping.crawl.MarketClient;
import dev.noshowping.crawl.MarketFormatException;
import dev.noshowping.crawl.MarketUnavailable;
import dev.noshowping.crawl.SaleStatus;
import dev.noshowping.db.Transaction;
import dev.noshowping.log.JsonLog;
import dev.noshowping.outbox.Outbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The 24 h check of one article: each of its marketplace listings is looked up on the listing's own
 * endpoint (which still answers for sold items). Sold there → the article leaves sale here as
 * SOLD_ELSEWHERE, unless a buyer holds it or bought it meanwhile, and the seller is told; reserved
 * there → the seller is asked whether it is still for sale; unreachable → recorded, looked at
 * again next time. Every look-up is stored; the next check is due a day later.
 */
public final class CheckResale {

    /** What the check concluded for the article. */
    public enum Result { NOT_ON_SALE, ALREADY_CHECKED, STILL_LISTED, RESERVED_ELSEWHERE, SOLD_ELSEWHERE, SOLD_BUT_HELD_HERE }

    private record Observation(ResaleRepository.Link link, SaleStatus status, ResaleOutcome outcome) {
    }

    private final Supplier<DataSource> dataSource;
    private final Supplier<MarketClient> client;

    public CheckResale(Supplier<DataSource> dataSource, Supplier<MarketClient> client) {
        this.dataSource = dataSource;
        this.client = client;
    }

    /**
     * @param leasedUntil the lease the fan-out queued this check under (null from messages older than
     *                    leases): when the article's next check is no longer that, the check was done
     *                    (or queued again) since, and a redelivered message does nothing
     */
    public Result check(long articleId, Instant leasedUntil) {
        Optional<ResaleRepository.Due> found = Transaction.read(dataSource.get(), c -> ResaleRepository.find(c, articleId));
        if (found.isEmpty() || found.get().status() != ArticleStatus.ON_SALE) {
            return Result.NOT_ON_SALE;
        }
        if (leasedUntil != null && !leasedUntil.equals(found.get().nextCheckAt())) {
            return Result.ALREADY_CHECKED;
        }
        ResaleRepository.Due due = found.get();
        MarketClient market = client.get();
        List<Observation> seen = new ArrayList<>();
        for (ResaleRepository.Link link : due.links()) {
            try {
                Optional<String> body = market.get(link.source().listing(market.settings(), link.externalId()));
                if (body.isEmpty()) {
                    seen.add(new Observation(link, SaleStatus.DELETED, ResaleOutcome.LISTING_GONE));
                } else {
                    SaleStatus status = link.source().parseListingStatus(body.get());
                    seen.add(new Observation(link, status,
                            status == SaleStatus.SOLD ? ResaleOutcome.SOLD_ELSEWHERE : ResaleOutcome.STILL_LISTED));
                }
            } catch (MarketUnavailable | MarketFormatException e) {
                JsonLog.warn("resale look-up failed", Map.of("articleId", articleId, "source", link.source().name(),
                        "externalId", link.externalId(), "error", String.valueOf(e.getMessage())));
                seen.add(new Observation(link, null, ResaleOutcome.ERROR));
            }
        }
        Result result = Transaction.run(dataSource.get(), c -> {
            for (Observation o : seen) {
                ResaleRepository.record(c, articleId, o.link().id(), o.status(), o.outcome());
            }
            Optional<Observation> sold = seen.stream().filter(o -> o.outcome() == ResaleOutcome.SOLD_ELSEWHERE).findFirst();
            if (sold.isPresent()) {
                if (!ResaleRepository.markSoldElsewhere(c, articleId)) {
                    return Result.SOLD_BUT_HELD_HERE;
                }
                Map<String, Object> payload = payload(due);
                payload.put("marketplace", sold.get().link().source().displayName());
                Outbox.add(c, "article.sold_elsewhere", payload);
                return Result.SOLD_ELSEWHERE;
            }
            ResaleRepository.scheduleNext(c, articleId);
            if (seen.stream().anyMatch(o -> o.status() == SaleStatus.RESERVED)) {
                Outbox.add(c, "article.recheck", payload(due));
                return Result.RESERVED_ELSEWHERE;
            }
            return Result.STILL_LISTED;
        });
        JsonLog.info("resale check", Map.of("articleId", articleId, "links", seen.size(), "result", result.name()));
        return result;
    }

    private static Map<String, Object> payload(ResaleRepository.Due due) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("articleId", due.articleId());
        p.put("sellerUserId", due.sellerUserId());
        p.put("articleTitle", due.title());
        return p;
    }
}
