package dev.noshowping.article;

import dev.noshowping.crypto.FieldCipher;
import dev.noshowping.db.Transaction;
import dev.noshowping.identity.Caller;
import dev.noshowping.domain.FieldError;
import dev.noshowping.domain.Conflict;
import dev.noshowping.domain.Forbidden;
import dev.noshowping.domain.Invalid;
import dev.noshowping.idempotency.IdempotencyKey;
import dev.noshowping.idempotency.IdempotencyKeyRepository;
import dev.noshowping.json.Json;
import dev.noshowping.merchant.MerchantRepository;
import dev.noshowping.notify.NotificationPlan;
import dev.noshowping.outbox.Outbox;
import dev.noshowping.screenshot.ScreenshotStatus;
import dev.noshowping.screenshot.ScreenshotStorage;
import dev.noshowping.config.Environment;
import dev.noshowping.ratelimit.LimitedAction;
import dev.noshowping.ratelimit.RateLimit;
import dev.noshowping.ratelimit.RateLimits;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@code POST /articles}: the article, its service product, reservation, screenshots, external
 * links, the ops notification's outbox row and the Idempotency-Key's answer, in one transaction of
 * plain statements. Every decision is made here: who may sell, whether each screenshot is the
 * caller's and uploaded, whether a key's stored answer is replayed, what the notification says and
 * when the first resale check is due. The database keeps the constraints that protect the data.
 */
public final class CreateArticle {

    public static final String BOOKING_REFERENCE_AAD = "reservation.booking_reference";

    /**
     * What a booking reference is bound to: its seller. Not the article's row: the reference is
     * sealed before the transaction that gives the article its id (docs/architecture.md, "Security").
     */
    public static String referenceRow(String sellerSubject) {
        return "reservation of " + sellerSubject;
    }
    private static final ZoneId KOREA = ZoneId.of("Asia/Seoul");

    /** A new article's first resale check (is it sold elsewhere?) is due a day after it is published. */
    public static final Duration FIRST_RESALE_CHECK = Duration.ofHours(24);

    /** What a create yields: the article, or on a replay the key's first answer. */
    public sealed interface Result {

        /** Whether this repeats the answer to an earlier request with the same Idempotency-Key. */
        boolean replayed();

        /** The article as created; on a replay rebuilt from the key's stored seed and this same request. */
        record Created(ArticleDetail article, boolean replayed) implements Result {
        }

        /**
         * A replay of an answer stored whole (keys answered before answers were kept as seeds): given
         * back exactly as it was sent, since nothing here can rebuild it.
         */
        record StoredAnswer(String json) implements Result {
            @Override
            public boolean replayed() {
                return true;
            }
        }
    }

    private final Supplier<DataSource> dataSource;
    private final Supplier<FieldCipher> cipher;
    private final Supplier<ScreenshotStorage> storage;
    private final RateLimit rate;
    private final Clock clock;

    /** @param rate how many articles one user may create ({@link #RATE}) */
    public CreateArticle(Supplier<DataSource> dataSource, Supplier<FieldCipher> cipher,
                         Supplier<ScreenshotStorage> storage, RateLimit rate, Clock clock) {
        this.dataSource = dataSource;
        this.cipher = cipher;
        this.storage = storage;
        this.rate = rate;
        this.clock = clock;
    }

    /**
     * The default: ten articles at once, then one every six minutes ({@code ARTICLE_CREATE_RATE_BURST},
     * {@code ARTICLE_CREATE_RATE_REFILL_EVERY}): a seller has a few bookings to sell, not hundreds.
     */
    public static final RateLimit RATE = new RateLimit(LimitedAction.ARTICLE_CREATE, 10, Duration.ofMinutes(6));

    public static RateLimit rate(Environment env) {
        return RateLimit.from(env, "ARTICLE_CREATE_RATE", RATE);
    }

    /**
     * @param idempotencyKey the {@code Idempotency-Key} header, or null
     * @param requestHash    hash of the request as sent (see {@link IdempotencyKey#hash})
     */
    public Result create(Caller caller, NewArticle request, String idempotencyKey, String requestHash) {
        if (idempotencyKey != null && !IdempotencyKey.KEY.matcher(idempotencyKey).matches()) {
            throw new Invalid("Idempotency-Key", "must be 1 to 64 of A-Z a-z 0-9 _ -");
        }
        List<MarketplaceLink> links = ArticleRules.validate(request, LocalDate.now(clock.withZone(KOREA)));
        // a valid request costs a token whatever comes of it, a replay of its key included; its own
        // transaction, so an attempt refused further on has still paid for itself
        Transaction.run(dataSource.get(), c -> {
            RateLimits.take(c, caller.subject(), rate, clock.instant());
            return null;
        });
        var booking = request.reservation();
        byte[] reference = cipher.get().encrypt(booking.bookingReference().strip(), BOOKING_REFERENCE_AAD,
                referenceRow(caller.subject()));
        byte[] digest = cipher.get().digest(bookingMatchText(booking.bookingPlatform(), booking.bookingReference()));
        return Transaction.run(dataSource.get(), c -> publish(c, caller.subject(), request, links, reference, digest,
                idempotencyKey, requestHash));
    }

    /**
     * What two articles of the same booking have in common however the seller typed it: the
     * platform and the reference, upper case, without spaces or hyphens. Its keyed digest is stored
     * so staff see one booking offered twice (a fraud signal) without reading either reference.
     */
    public static String bookingMatchText(String platform, String reference) {
        return platform + ":" + reference.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * The statements of a create, in {@code c}'s transaction, for a request already validated and
     * its booking reference sealed (public for the benchmark, which times them alone).
     */
    public Result publish(Connection c, String subject, NewArticle request, List<MarketplaceLink> links,
                          byte[] bookingReference, byte[] bookingReferenceDigest, String idempotencyKey,
                          String requestHash) throws SQLException {
        MerchantRepository.MerchantRef seller = MerchantRepository.refBySubject(c, subject).orElseThrow(() ->
                new Forbidden("only merchants sell: POST /merchants first"));
        if (seller.suspended()) {
            throw new Forbidden("merchant " + seller.merchantId() + " is suspended: it cannot publish");
        }
        // the key is claimed before anything is written: a repeat sent meanwhile waits for this
        // transaction, then replays its answer (or, if this one wrote nothing, takes the key itself)
        if (idempotencyKey != null && !IdempotencyKeyRepository.claim(c, seller.userId(), idempotencyKey, requestHash)) {
            var stored = IdempotencyKeyRepository.find(c, seller.userId(), idempotencyKey).orElseThrow(() ->
                    new IllegalStateException("idempotency key " + idempotencyKey + " taken yet not found"));
            return replay(request, links, stored, requestHash);
        }
        checkScreenshots(c, seller.userId(), request.screenshotIds());
        var inserted = ArticleRepository.insert(c, request, links, new ArticleRepository.NewRow(seller.merchantId(),
                ArticleStatus.ON_SALE, bookingReference, bookingReferenceDigest, clock.instant().plus(FIRST_RESALE_CHECK), ScreenshotStatus.LINKED));
        var created = new CreatedArticle(inserted.articleId(), inserted.createdAt(), inserted.updatedAt(),
                seller.merchantId(), seller.merchantName());
        // the notification leaves with the outbox relay once this commits, not in this request
        Outbox.add(c, NotificationPlan.ARTICLE_PUBLISHED, outboxPayload(request, created.articleId(), seller.userId(),
                seller.merchantName()));
        if (idempotencyKey != null) {
            IdempotencyKeyRepository.answer(c, seller.userId(), idempotencyKey, 201, created.seed());
        }
        return new Result.Created(detail(request, links, created), false);
    }

    /** The created article as the seller sees it, built from the request and what the insert returned: no read-back. */
    private static ArticleDetail detail(NewArticle a, List<MarketplaceLink> links, CreatedArticle created) {
        var p = a.serviceProduct();
        var r = a.reservation();
        return new ArticleDetail(created.articleId(), ArticleStatus.ON_SALE, 0, a.title().strip(),
                a.description() == null ? "" : a.description().strip(), a.accommodationName().strip(), a.region(),
                a.checkIn(), a.checkOut(), a.originalPrice(), a.salePrice(),
                new ArticleDetail.Seller(created.merchantId(), created.merchantName()),
                new ArticleDetail.Product(p.roomType().strip(), p.guests(),
                        p.options() == null ? Json.MAPPER.createObjectNode() : p.options()),
                new ArticleDetail.Booking(r.bookingPlatform(), r.guestName().strip(), r.transferMethod(),
                        r.bookingReference().strip()),
                a.screenshotIds().stream().sorted().toList(),
                links.stream().map(l -> new ArticleDetail.Link(l.source(), l.externalId(), l.url())).toList(),
                created.createdAt(), created.updatedAt(), List.of(), false);
    }

    /**
     * The first answer again, for the same request only (the hash says so). A repeat carries the
     * same request, so an answer stored as its seed is rebuilt from this request byte for byte.
     */
    private static Result replay(NewArticle request, List<MarketplaceLink> links,
                                 IdempotencyKeyRepository.StoredAnswer stored, String requestHash) {
        if (!stored.requestHash().equals(requestHash)) {
            throw new Conflict(Conflict.Reason.KEY_REUSED, "this Idempotency-Key was used for a different request");
        }
        return stored.seed() != null
                ? new Result.Created(detail(request, links, CreatedArticle.fromSeed(stored.seed())), true)
                : new Result.StoredAnswer(stored.response());
    }

    /**
     * Each named screenshot must be the caller's, not linked yet, and uploaded: known from an S3
     * event, or else confirmed by one HEAD whose size matches what was signed. The rows stay locked
     * until the article links them, so what is checked here is what gets linked. Throws the field errors.
     */
    private void checkScreenshots(Connection c, long userId, List<Long> ids) throws SQLException {
        Map<Long, ArticleRepository.ScreenshotState> found = ArticleRepository.lockScreenshots(c, ids);
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String field = "screenshotIds[" + i + "]";
            ArticleRepository.ScreenshotState s = found.get(ids.get(i));
            if (s == null || s.ownerUserId() != userId) {
                errors.add(new FieldError(field, "no such screenshot of yours"));
            } else if (s.status() == ScreenshotStatus.LINKED) {
                errors.add(new FieldError(field, "is already part of another article"));
            } else if (s.status() == ScreenshotStatus.PENDING) {
                // no S3 event has marked it yet: ask S3 (the row lock, held meanwhile, blocks only
                // another create naming the same screenshot)
                Optional<ScreenshotStorage.StoredObject> object = storage.get().head(s.objectKey());
                if (object.isEmpty()) {
                    errors.add(new FieldError(field, "has not been uploaded yet"));
                } else if (object.get().sizeBytes() != s.sizeBytes()) {
                    errors.add(new FieldError(field, "was uploaded with another size than announced"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
    }

    /**
     * The {@code article.published} message: the seller is told by alimtalk, operations by Discord.
     * It carries the seller's user id and the merchant name as they are now: the consumer joins nothing.
     */
    public static Map<String, Object> outboxPayload(NewArticle a, long articleId, long sellerUserId, String merchantName) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "ARTICLE_PUBLISHED");
        payload.put("title", a.title().strip());
        payload.put("accommodationName", a.accommodationName().strip());
        payload.put("region", a.region());
        payload.put("checkIn", a.checkIn().toString());
        payload.put("checkOut", a.checkOut().toString());
        payload.put("salePrice", a.salePrice());
        payload.put("originalPrice", a.originalPrice());
        payload.put("articleId", articleId);
        payload.put("sellerUserId", sellerUserId);
        payload.put("merchantName", merchantName);
        return payload;
    }
}
