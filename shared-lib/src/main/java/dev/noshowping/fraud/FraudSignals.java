package dev.noshowping.fraud;

import dev.noshowping.article.ArticleStatus;
import dev.noshowping.db.Transaction;
import dev.noshowping.identity.Caller;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@code GET /admin/fraud-signals}: what staff should look into before a buyer is hurt. One booking
 * or one screenshot on two live articles (a booking sold twice), a seller whose sales are disputed
 * or whose transfers are missed again and again, an article priced far from the crawled market for
 * the same place and check-in. Signals only: staff decide (take down, suspend, hold a payout).
 */
public final class FraudSignals {

    /** An article that is, or was, a booking someone can buy or has bought through us. */
    static final Set<ArticleStatus> LIVE = Set.of(ArticleStatus.ON_SALE, ArticleStatus.RESERVED, ArticleStatus.SOLD);
    /** How far back disputes and missed transfers count. */
    static final Duration SELLER_WINDOW = Duration.ofDays(90);
    /** How many in that window make a pattern rather than bad luck. */
    static final int REPEATED = 2;
    /** How recent a crawled listing must be to speak for the market. */
    static final Duration MARKET_WINDOW = Duration.ofDays(30);
    /** The newest articles on sale checked against the market; older ones were checked when they were new. */
    static final int PRICED_ARTICLES = 500;

    public record Signals(List<FraudSignal> signals) {
    }

    private final Supplier<DataSource> dataSource;
    private final Clock clock;

    public FraudSignals(Supplier<DataSource> dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public Signals list(Caller caller) {
        caller.requireAdmin("only staff read fraud signals");
        var now = clock.instant();
        return Transaction.read(dataSource.get(), c -> {
            List<FraudSignal> out = new ArrayList<>();
            FraudSignalRepository.sameBookingReference(c, LIVE).forEach(g ->
                    out.add(FraudSignal.of(FraudSignalKind.SAME_BOOKING_REFERENCE, g.merchantIds(), g.articleIds(),
                            g.articleIds().size())));
            FraudSignalRepository.sameScreenshot(c, LIVE).forEach(g ->
                    out.add(FraudSignal.of(FraudSignalKind.SAME_SCREENSHOT, g.merchantIds(), g.articleIds(),
                            g.articleIds().size())));
            FraudSignalRepository.disputesBySeller(c, now.minus(SELLER_WINDOW), REPEATED).forEach(g ->
                    out.add(FraudSignal.of(FraudSignalKind.REPEATED_DISPUTES, g.merchantIds(), g.articleIds(), g.count())));
            FraudSignalRepository.missedTransfersBySeller(c, now.minus(SELLER_WINDOW), REPEATED).forEach(g ->
                    out.add(FraudSignal.of(FraudSignalKind.MISSED_TRANSFERS, g.merchantIds(), g.articleIds(), g.count())));
            for (var priced : FraudSignalRepository.onSaleWithMarket(c, now.minus(MARKET_WINDOW), PRICED_ARTICLES)) {
                MarketPrice.median(priced.checkIn(), priced.listings())
                        .filter(median -> median.far(priced.salePrice()))
                        .ifPresent(median -> out.add(new FraudSignal(FraudSignalKind.PRICE_FAR_FROM_MARKET,
                                List.of(priced.merchantId()), List.of(priced.articleId()), 1, priced.salePrice(),
                                median.price(), median.listings())));
            }
            return new Signals(out);
        });
    }
}
