package dev.noshowping.resale;

import dev.noshowping.article.AlsoListed;
import dev.noshowping.article.ArticleRepository;
import dev.noshowping.article.ArticleStatus;
import dev.noshowping.article.CrossPosts;
import dev.noshowping.crawl.MarketClient;
import dev.noshowping.crawl.MarketFormatException;
import dev.noshowping.crawl.MarketSource;
import dev.noshowping.crawl.MarketUnavailable;
import dev.noshowping.crawl.SaleStatus;
import dev.noshowping.db.Transaction;
import dev.noshowping.log.JsonLog;
import dev.noshowping.outbox.Outbox;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The 24 h check of one article: each of its marketplace listings is looked up on the listing's own
 * endpoint (which still answers for sold items). Sold there → the article leaves sale here as
 * SOLD_ELSEWHERE, unless a buyer holds it or bought it meanwhile, and the seller is told; reserved
 * there → the seller is asked whether it is still for sale; unreachable → recorded, looked at
 * again next time. Every look-up is stored; the next check is due a day later. A listing the
 * seller never linked but {@link CrossPosts} is confident is this booking is looked up too; sold
 * there only asks the seller (once per listing), since a guess must never take an article off sale.
 */
public final class CheckResale {

    /** What the check concluded for the article. */
    public enum Result { NOT_ON_SALE, ALREADY_CHECKED, STILL_LISTED, RESERVED_ELSEWHERE, SOLD_ELSEWHERE, SOLD_BUT_HELD_HERE,
        /** A listing only probably this booking was sold: the seller is asked, the article stays on sale. */
        SIMILAR_SOLD }

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
        List<ResaleRepository.Link> links = new ArrayList<>(due.links());
        links.addAll(Transaction.read(dataSource.get(), c -> guesses(c, due)));
        MarketClient market = client.get();
        List<Observation> seen = new ArrayList<>();
        for (ResaleRepository.Link link : links) {
            try {
                Optional<String> body = market.get(link.source().listing(market.settings(), link.externalId()));
                if (body.isEmpty()) {
                    seen.add(new Observation(link, SaleStatus.DELETED, ResaleOutcome.LISTING_GONE));
                } else {
                    SaleStatus status = link.source().parseListingStatus(body.get());
                    seen.add(new Observation(link, status, outcome(link, status)));
                }
            } catch (MarketUnavailable | MarketFormatException e) {
                JsonLog.warn("resale look-up failed", Map.of("articleId", articleId, "source", link.source().name(),
                        "externalId", link.externalId(), "error", String.valueOf(e.getMessage())));
                seen.add(new Observation(link, null, ResaleOutcome.ERROR));
            }
        }
        Result result = Transaction.run(dataSource.get(), c -> {
            for (Observation o : seen) {
                ResaleRepository.record(c, articleId, o.link(), o.status(), o.outcome());
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
            if (seen.stream().anyMatch(o -> o.outcome() == ResaleOutcome.SIMILAR_SOLD)) {
                Outbox.add(c, "article.recheck", payload(due));
                return Result.SIMILAR_SOLD;
            }
            if (seen.stream().anyMatch(o -> o.status() == SaleStatus.RESERVED)) {
                Outbox.add(c, "article.recheck", payload(due));
                return Result.RESERVED_ELSEWHERE;
            }
            return Result.STILL_LISTED;
        });
        JsonLog.info("resale check", Map.of("articleId", articleId, "links", seen.size(), "result", result.name()));
        return result;
    }

    /**
     * The crawled listings {@link CrossPosts} is confident are this booking though the seller never
     * linked them, but for those already found sold: the seller was asked about each once.
     */
    private static List<ResaleRepository.Link> guesses(Connection c, ResaleRepository.Due due) throws SQLException {
        Set<Long> told = ResaleRepository.guessesFoundSold(c, due.articleId());
        Instant now = Instant.now();
        return CrossPosts.confidentGuesses(due.place(), due.checkIn(), due.salePrice(),
                        ArticleRepository.crossPostCandidates(c, due.articleId(), now.minus(CrossPosts.SEEN_WITHIN),
                                CrossPosts.CANDIDATES), now)
                .stream().filter(g -> !told.contains(g.listingId()))
                .map(g -> new ResaleRepository.Link(g.listingId(), MarketSource.valueOf(g.listing().source()),
                        g.listing().externalId(), AlsoListed.Match.SIMILAR))
                .toList();
    }

    /** Sold on the seller's own link takes the article off sale; sold on a guess only asks the seller. */
    static ResaleOutcome outcome(ResaleRepository.Link link, SaleStatus status) {
        if (status != SaleStatus.SOLD) {
            return ResaleOutcome.STILL_LISTED;
        }
        return link.match() == AlsoListed.Match.LINK ? ResaleOutcome.SOLD_ELSEWHERE : ResaleOutcome.SIMILAR_SOLD;
    }

    private static Map<String, Object> payload(ResaleRepository.Due due) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("articleId", due.articleId());
        p.put("sellerUserId", due.sellerUserId());
        p.put("articleTitle", due.title());
        return p;
    }
}
