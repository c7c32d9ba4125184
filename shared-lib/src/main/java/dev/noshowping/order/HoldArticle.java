package dev.noshowping.order;

import dev.noshowping.article.ArticleStatus;
import dev.noshowping.db.DatabaseException;
import dev.noshowping.db.Transaction;
import dev.noshowping.domain.Conflict;
import dev.noshowping.domain.DomainException;
import dev.noshowping.domain.Forbidden;
import dev.noshowping.domain.NotFound;
import dev.noshowping.domain.Validation;
import dev.noshowping.domain.WrongState;
import dev.noshowping.identity.Caller;
import java.security.SecureRandom;
import dev.noshowping.ratelimit.RateLimits;
import dev.noshowping.user.UserRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Pattern;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** {@code POST /orders}: a buyer holds an article on sale; the price comes from the article, never the client. */
public final class HoldArticle {

    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Random bytes below this (4 × 62 = 248) map evenly onto the alphabet; the rest are dropped. */
    private static final int UNBIASED_BYTES = 256 - 256 % ALPHABET.length;

    private static final Pattern PHONE = Pattern.compile("^\\+[1-9][0-9]{7,14}$");

    private final Supplier<DataSource> dataSource;
    private final HoldLimits limits;
    private final OrderPolicy policy;
    private final Clock clock;

    public HoldArticle(Supplier<DataSource> dataSource, HoldLimits limits, OrderPolicy policy, Clock clock) {
        this.dataSource = dataSource;
        this.limits = limits;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * A Toss orderId: {@code ord_} and 20 random base-62 characters (inside ^[A-Za-z0-9_-]{6,64}$).
     * One draw from the generator per id, not one per character: every hold attempt makes an id,
     * and each draw takes the generator's lock (200 buyers at once contend for it).
     */
    static String newOrderId() {
        String prefix = "ord_";
        char[] id = new char[prefix.length() + 20];
        prefix.getChars(0, prefix.length(), id, 0);
        byte[] random = new byte[32];
        int filled = prefix.length();
        while (filled < id.length) {
            RANDOM.nextBytes(random);
            for (int i = 0; i < random.length && filled < id.length; i++) {
                int b = random[i] & 0xff;
                if (b < UNBIASED_BYTES) {
                    id[filled++] = ALPHABET[b % ALPHABET.length];
                }
            }
        }
        return new String(id);
    }

    public OrderView hold(Caller caller, NewOrder request) {
        Validation v = new Validation();
        v.range("articleId", request.articleId(), 1, Long.MAX_VALUE);
        v.text("guestName", request.guestName(), 1, 50);
        if (request.guestPhone() != null) {
            v.pattern("guestPhone", request.guestPhone(), PHONE, "an E.164 phone number such as +821012345678");
        }
        v.throwIfInvalid();
        long articleId = request.articleId();
        Instant now = clock.instant();
        // a stay that begins within the catalogue cutoff (or has begun) can no longer be bought
        LocalDate lastClosed = policy.lastClosedCheckIn(now);
        var hold = new OrderRepository.HoldRequest(articleId, newOrderId(), limits.holdMinutes(),
                request.guestName().strip(), request.guestPhone(), lastClosed);
        Attempt attempt;
        try {
            // The buyer's token is taken first and locks their bucket: the same buyer's next hold waits
            // for this one's commit, so the count of their holds below is never stale. A refusal after
            // the token commits too, or refused attempts would cost nothing.
            attempt = Transaction.run(dataSource.get(), c -> {
                RateLimits.take(c, caller.subject(), limits.rate(), now);
                var mine = OrderRepository.buyerHolds(c, caller.subject(), articleId);
                if (mine.active() >= limits.maxActiveHolds()) {
                    return new Attempt.Refused(new Conflict(Conflict.Reason.HOLD_LIMIT, "you already hold "
                            + mine.active() + " article(s) unpaid, the most one buyer may; pay for or cancel one first"));
                }
                if (mine.lastReleased() != null && now.isBefore(mine.lastReleased().plus(limits.holdWindow()))) {
                    return new Attempt.Refused(new Conflict(Conflict.Reason.HOLD_AGAIN_LATER,
                            "you let article " + articleId + " go unpaid at " + mine.lastReleased()
                                    + "; you can hold it again from " + mine.lastReleased().plus(limits.holdWindow())));
                }
                // the buyer's row on first sight, their verified phone when it changed: both rare, so
                // a known buyer's hold writes no user row and costs no round trip for it
                long buyerId = UserRepository.ensure(c, caller, mine.buyer());
                return new Attempt.Tried(OrderRepository.hold(c, buyerId, hold));
            });
        } catch (DatabaseException e) {
            if (e.isUniqueViolation()) {
                throw new Conflict("article " + articleId + " already has an active order");
            }
            throw e;
        }
        return switch (attempt) {
            case Attempt.Refused refused -> throw refused.why();
            case Attempt.Tried(OrderRepository.HoldOutcome.Held held) -> held.order();
            case Attempt.Tried(OrderRepository.HoldOutcome.NotHeld notHeld) -> throw whyNotHeld(articleId, notHeld, lastClosed);
        };
    }

    /** A hold the buyer's limits refused before it was tried, or what the hold statement found. */
    private sealed interface Attempt {
        record Refused(Conflict why) implements Attempt {
        }

        record Tried(OrderRepository.HoldOutcome outcome) implements Attempt {
        }
    }

    private static DomainException whyNotHeld(long articleId, OrderRepository.HoldOutcome.NotHeld notHeld,
                                              LocalDate lastClosed) {
        var article = notHeld.article().orElseThrow(() -> new NotFound("no article " + articleId));
        // a suspended seller's articles have left the catalogue
        if (article.sellerSuspended() && !article.buyersOwn()) {
            return new NotFound("no article " + articleId);
        }
        if (article.buyersOwn()) {
            return new Forbidden("you cannot buy your own article");
        }
        if (article.status() == ArticleStatus.ON_SALE && !article.checkIn().isAfter(lastClosed)) {
            return new WrongState(ArticleStatus.EXPIRED, "the stay of article " + articleId
                    + " begins on " + article.checkIn() + ": too late to buy it");
        }
        return new Conflict(article.status() == ArticleStatus.ON_SALE
                || article.status() == ArticleStatus.RESERVED
                ? "article " + articleId + " is being held by another buyer"
                : "article " + articleId + " is " + article.status());
    }
}
