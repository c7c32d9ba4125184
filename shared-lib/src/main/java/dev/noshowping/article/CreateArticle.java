package dev.noshowping.article;

import dev.noshowping.crypto.FieldCipher;
import dev.noshowping.db.DatabaseException;
import dev.noshowping.db.Transaction;
import dev.noshowping.identity.Caller;
import dev.noshowping.domain.FieldError;
import dev.noshowping.http.Problem;
import dev.noshowping.http.ProblemException;
import dev.noshowping.idempotency.IdempotencyKey;
import dev.noshowping.json.Json;
import dev.noshowping.screenshot.ScreenshotRepository;
import dev.noshowping.screenshot.ScreenshotStorage;
import dev.noshowping.config.Environment;
import dev.noshowping.ratelimit.LimitedAction;
import dev.noshowping.ratelimit.RateLimit;
import dev.noshowping.ratelimit.RateLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@code POST /articles}: the article, its service product, reservation, screenshots, external
 * links, the ops notification's outbox row and the Idempotency-Key's row, in one statement: one
 * round trip, no transaction around it ({@link ArticleRepository#create}). When that statement
 * writes nothing, what it saw says why; the one case that is not an error — a screenshot no S3
 * upload event has marked yet — costs one HEAD per such screenshot and a second attempt.
 */
public final class CreateArticle {

    public static final String BOOKING_REFERENCE_AAD = "reservation.booking_reference";

    /**
     * What a booking reference is bound to: its seller. Not the article's row: its id exists only
     * inside the one statement that creates it (docs/architecture.md, "Security").
     */
    public static String referenceRow(String sellerSubject) {
        return "reservation of " + sellerSubject;
    }
    private static final ZoneId KOREA = ZoneId.of("Asia/Seoul");

    /** The answer, and whether it is a replay of an earlier request with the same key. */
    public record Result(int status, String body, boolean replayed) {
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
            throw new ProblemException(Problem.validation("Idempotency-Key", "must be 1 to 64 of A-Z a-z 0-9 _ -"));
        }
        List<MarketplaceLink> links = ArticleRules.validate(request, LocalDate.now(clock.withZone(KOREA)));
        // a valid request costs a token whatever comes of it, a replay of its key included; its own
        // transaction, so an attempt refused further on has still paid for itself
        Transaction.run(dataSource.get(), c -> {
            RateLimits.take(c, caller.subject(), rate, clock.instant());
            return null;
        });
        byte[] reference = cipher.get().encrypt(request.reservation().bookingReference().strip(), BOOKING_REFERENCE_AAD,
                referenceRow(caller.subject()));
        String payload = outboxPayload(request);
        try {
            // the second attempt follows a HEAD that confirmed uploads no S3 event had marked yet
            for (int attempt = 1; ; attempt++) {
                var outcome = Transaction.autocommit(dataSource.get(), c -> ArticleRepository.create(c, caller.subject(),
                        request, reference, request.screenshotIds(), links, UUID.randomUUID(), payload,
                        idempotencyKey, requestHash));
                switch (outcome) {
                    case ArticleRepository.Attempt.Created created -> {
                        // its article.published outbox row leaves with the relay, not in this request
                        return new Result(201, Json.write(detail(request, links, created.answer())), false);
                    }
                    case ArticleRepository.Attempt.NotCreated refused -> {
                        var pre = refused.preflight();
                        if (pre.replay().isPresent()) {
                            return replay(request, links, pre.replay().get(), requestHash);
                        }
                        if (pre.merchantId().isEmpty()) {
                            throw new ProblemException(Problem.forbidden("only merchants sell: POST /merchants first"));
                        }
                        boolean confirmedUploads = checkScreenshots(request.screenshotIds(), pre);
                        if (!confirmedUploads || attempt == 2) {
                            // everything looked fine, yet nothing was written: the screenshots changed
                            // between the statement and our look: let the client try again
                            throw new ProblemException(Problem.conflict("the screenshots changed meanwhile; try again"));
                        }
                    }
                }
            }
        } catch (DatabaseException e) {
            if (e.isUniqueViolation() || ArticleRepository.SCREENSHOT_TAKEN.equals(e.sqlState())) {
                // the same key raced us and committed first (answer with what it stored), or another
                // article linked one of our screenshots between our snapshot and our update
                return storedAnswer(caller, request, links, idempotencyKey, requestHash).orElseThrow(() ->
                        e.isUniqueViolation() ? e : new ProblemException(Problem.validation("screenshotIds",
                                "a screenshot was just linked to another article")));
            }
            throw e;
        }
    }

    private Optional<Result> storedAnswer(Caller caller, NewArticle request, List<MarketplaceLink> links,
                                          String idempotencyKey, String requestHash) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        return Transaction.read(dataSource.get(), c -> ArticleRepository.storedAnswer(c, caller.subject(), idempotencyKey))
                .map(stored -> replay(request, links, stored, requestHash));
    }

    /** The created article as the seller sees it, built from the request and what the statement returned: no read-back. */
    private static ArticleDetail detail(NewArticle a, List<MarketplaceLink> links, ArticleRepository.AnswerSeed row) {
        var p = a.serviceProduct();
        var r = a.reservation();
        return new ArticleDetail(row.articleId(), "ON_SALE", 0, a.title().strip(),
                a.description() == null ? "" : a.description().strip(), a.accommodationName().strip(), a.region(),
                a.checkIn(), a.checkOut(), a.originalPrice(), a.salePrice(),
                new ArticleDetail.Seller(row.merchantId(), row.merchantName()),
                new ArticleDetail.Product(p.roomType().strip(), p.guests(),
                        p.options() == null ? Json.MAPPER.createObjectNode() : p.options()),
                new ArticleDetail.Booking(r.bookingPlatform(), r.guestName().strip(), r.transferMethod(),
                        r.bookingReference().strip()),
                a.screenshotIds().stream().sorted().toList(),
                links.stream().map(l -> new ArticleDetail.Link(l.source(), l.externalId(), l.url())).toList(),
                row.createdAt(), row.updatedAt());
    }

    /**
     * The first answer again. A repeat carries the same request (the hash says so), so an answer
     * stored as its seed is rebuilt from this request byte for byte.
     */
    private static Result replay(NewArticle request, List<MarketplaceLink> links, ArticleRepository.StoredResponse stored,
                                 String requestHash) {
        if (!stored.requestHash().equals(requestHash)) {
            throw new ProblemException(Problem.of(422, "idempotency-key-reused", "Idempotency-Key reused",
                    "this Idempotency-Key was used for a different request"));
        }
        String body = stored.seed() != null ? Json.write(detail(request, links, stored.seed())) : stored.body();
        return new Result(stored.status(), body, true);
    }

    /**
     * Each named screenshot must be the caller's, not linked yet, and uploaded: known from an S3
     * event, or else confirmed by one HEAD whose size matches what was signed (then marked
     * UPLOADED, as the event would have). Throws the field errors; returns whether it confirmed
     * any upload, i.e. whether another attempt can succeed.
     */
    private boolean checkScreenshots(List<Long> ids, ArticleRepository.Preflight pre) {
        List<FieldError> errors = new ArrayList<>();
        List<ArticleRepository.ScreenshotState> confirmed = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String field = "screenshotIds[" + i + "]";
            ArticleRepository.ScreenshotState s = pre.screenshots().get(ids.get(i));
            if (s == null || s.ownerUserId() != pre.userId()) {
                errors.add(new FieldError(field, "no such screenshot of yours"));
            } else if (s.status().equals("LINKED")) {
                errors.add(new FieldError(field, "is already part of another article"));
            } else if (s.status().equals("PENDING")) {
                Optional<ScreenshotStorage.StoredObject> object = storage.get().head(s.objectKey());
                if (object.isEmpty()) {
                    errors.add(new FieldError(field, "has not been uploaded yet"));
                } else if (object.get().sizeBytes() != s.sizeBytes()) {
                    errors.add(new FieldError(field, "was uploaded with another size than announced"));
                } else {
                    confirmed.add(s);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.validation(errors));
        }
        if (!confirmed.isEmpty()) {
            Transaction.autocommit(dataSource.get(), c -> {
                for (var s : confirmed) {
                    ScreenshotRepository.markUploaded(c, s.objectKey(), s.sizeBytes());
                }
                return null;
            });
        }
        return !confirmed.isEmpty();
    }

    /**
     * The seller is told by alimtalk, operations by Discord. The statement adds the article id, the
     * seller's user id and the merchant name as it is now: the consumer joins nothing later.
     */
    public static String outboxPayload(NewArticle a) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "ARTICLE_PUBLISHED");
        payload.put("title", a.title().strip());
        payload.put("accommodationName", a.accommodationName().strip());
        payload.put("region", a.region());
        payload.put("checkIn", a.checkIn().toString());
        payload.put("checkOut", a.checkOut().toString());
        payload.put("salePrice", a.salePrice());
        payload.put("originalPrice", a.originalPrice());
        return Json.write(payload);
    }
}
