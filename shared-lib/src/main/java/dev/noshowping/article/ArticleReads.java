package dev.noshowping.article;

import dev.noshowping.crypto.FieldCipher;
import dev.noshowping.db.Transaction;
import dev.noshowping.domain.NotFound;
import dev.noshowping.identity.Caller;
import dev.noshowping.order.OrderPolicy;
import dev.noshowping.paging.ListRequest;
import dev.noshowping.paging.Page;
import dev.noshowping.paging.PageRequest;
import dev.noshowping.watch.WatchRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** {@code GET /articles}, {@code GET /articles/{id}} and the seller's own, {@code GET /merchants/me/articles}. */
public final class ArticleReads {

    public static final int MINE_DEFAULT_LIMIT = 20;
    public static final int MINE_MAX_LIMIT = 50;

    private final Supplier<DataSource> dataSource;
    private final Supplier<FieldCipher> cipher;
    private final OrderPolicy policy;
    private final Clock clock;

    /** {@code policy} and {@code clock} say which stays begin too soon to be listed. */
    public ArticleReads(Supplier<DataSource> dataSource, Supplier<FieldCipher> cipher, OrderPolicy policy, Clock clock) {
        this.dataSource = dataSource;
        this.cipher = cipher;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * The article as the caller may see it, with the crawled listings that are the same booking: the
     * ones its seller linked to everyone, the guesses only to the seller and staff (a guess shown to
     * buyers would speak for the seller, and might be someone else's booking); and whether the caller
     * watches it, read in the same transaction.
     */
    public ArticleDetail get(Caller caller, long id) {
        Instant now = clock.instant();
        var read = Transaction.read(dataSource.get(), c -> {
            var row = ArticleRepository.find(c, id, caller.subject()).filter(r -> r.visibleTo(caller))
                    .orElseThrow(() -> notFound(id));
            int guesses = sellerOrStaff(row, caller) ? CrossPosts.CANDIDATES : 0;
            return new Read(row, ArticleRepository.crossPostCandidates(c, id, now.minus(CrossPosts.SEEN_WITHIN), guesses),
                    WatchRepository.watchedBy(c, id, caller.subject()));
        });
        var row = read.row();
        ArticleDetail detail = sellerOrStaff(row, caller) || row.callerHasBooking()
                ? reveal(row.detail(), cipher.get().decrypt(row.bookingReference(), CreateArticle.BOOKING_REFERENCE_AAD,
                        CreateArticle.referenceRow(row.ownerSubject())))
                : withoutGuest(row.detail());
        return detail.forCaller(CrossPosts.of(detail, read.candidates(), now, sellerOrStaff(row, caller)), read.watching());
    }

    /** The seller and staff see the booking reference and the cross-post guesses. */
    private static boolean sellerOrStaff(ArticleRepository.Row row, Caller caller) {
        return row.ownedBy(caller) || caller.isAdmin();
    }

    /** What one read of {@code GET /articles/{id}} takes from the database; the key is used after it. */
    private record Read(ArticleRepository.Row row, List<CrossPosts.Candidate> candidates, boolean watching) {
    }

    /** The detail without the guest's name: it is personal data of the seller's, only for those who get the booking. */
    static ArticleDetail withoutGuest(ArticleDetail d) {
        var b = d.reservation();
        return new ArticleDetail(d.id(), d.status(), d.version(), d.title(), d.description(), d.accommodationName(),
                d.region(), d.checkIn(), d.checkOut(), d.originalPrice(), d.salePrice(), d.merchant(),
                d.serviceProduct(), new ArticleDetail.Booking(b.bookingPlatform(), null, b.transferMethod(), null),
                d.screenshotIds(), d.externalLinks(), d.createdAt(), d.updatedAt(), d.alsoListed(),
                d.watching());
    }

    /** The detail with the booking reference, for the owner, staff and a buyer who has been given the booking. */
    static ArticleDetail reveal(ArticleDetail d, String bookingReference) {
        var b = d.reservation();
        return new ArticleDetail(d.id(), d.status(), d.version(), d.title(), d.description(), d.accommodationName(),
                d.region(), d.checkIn(), d.checkOut(), d.originalPrice(), d.salePrice(), d.merchant(),
                d.serviceProduct(), new ArticleDetail.Booking(b.bookingPlatform(), b.guestName(), b.transferMethod(),
                bookingReference), d.screenshotIds(), d.externalLinks(), d.createdAt(), d.updatedAt(), d.alsoListed(),
                d.watching());
    }

    /**
     * A withdrawn or taken-down article is gone for everyone but its seller (and staff): listed in
     * those statuses, each sees only their own. A suspended seller's articles are listed to staff
     * and, among their own, to the seller. On sale, only what can be held is listed: not a stay
     * that begins within the catalogue cutoff ({@link OrderPolicy#lastClosedCheckIn}).
     */
    public ArticlePage search(Caller caller, ArticleQuery query) {
        String onlyOwner = query.status().outOfCatalogue() && !caller.isAdmin() ? caller.subject() : null;
        boolean withSuspended = caller.isAdmin() || onlyOwner != null;
        LocalDate lastClosed = policy.lastClosedCheckIn(clock.instant());
        List<ArticleSummary> rows = Transaction.read(dataSource.get(),
                c -> ArticleRepository.search(c, query, onlyOwner, withSuspended, lastClosed));
        if (rows.size() <= query.limit()) {
            return new ArticlePage(rows, null);
        }
        List<ArticleSummary> page = rows.subList(0, query.limit());
        return new ArticlePage(List.copyOf(page), ArticleQuery.encode(page.getLast(), query.sort()));
    }

    /**
     * The caller's own articles in every state (or the one {@code status} asked for), newest first in
     * keyset pages; a caller who is not a merchant has none.
     */
    public Page<ArticleSummary> mine(Caller caller, Map<String, String> params) {
        ListRequest<ArticleStatus> request = ListRequest.parse(params, "status", ArticleStatus.class, null,
                MINE_DEFAULT_LIMIT, MINE_MAX_LIMIT);
        List<ArticleSummary> rows = Transaction.read(dataSource.get(), c -> ArticleRepository.ownPage(c,
                caller.subject(), request.filter(), request.page().after(), request.page().limit() + 1));
        return request.pageOf(rows, last -> PageRequest.cursorAfter(last.createdAt(), last.id()));
    }

    static NotFound notFound(long id) {
        return new NotFound("no article " + id);
    }
}
