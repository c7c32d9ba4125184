package dev.noshowping.article;

import dev.noshowping.crypto.FieldCipher;
import dev.noshowping.db.DatabaseException;
import dev.noshowping.db.Transaction;
import dev.noshowping.http.Caller;
import dev.noshowping.http.FieldError;
import dev.noshowping.http.Problem;
import dev.noshowping.http.ProblemException;
import dev.noshowping.idempotency.IdempotencyRepository;
import dev.noshowping.json.Json;
import dev.noshowping.screenshot.ScreenshotStorage;
import java.time.Clock;
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
 * links and the ops notification's outbox row, in one transaction of three round trips
 * (preflight read, one multi-table insert statement, commit; plus one insert when an
 * Idempotency-Key is sent). S3 is asked only about screenshots no upload event has marked yet.
 */
public final class CreateArticle {

    static final String BOOKING_REFERENCE_AAD = "reservation.booking_reference";
    private static final ZoneId KOREA = ZoneId.of("Asia/Seoul");

    /** The answer, and whether it is a replay of an earlier request with the same key. */
    public record Result(int status, String body, boolean replayed) {
    }

    private final Supplier<DataSource> dataSource;
    private final Supplier<FieldCipher> cipher;
    private final Supplier<ScreenshotStorage> storage;
    private final Clock clock;

    public CreateArticle(Supplier<DataSource> dataSource, Supplier<FieldCipher> cipher,
                         Supplier<ScreenshotStorage> storage, Clock clock) {
        this.dataSource = dataSource;
        this.cipher = cipher;
        this.storage = storage;
        this.clock = clock;
    }

    /**
     * @param idempotencyKey the {@code Idempotency-Key} header, or null
     * @param requestHash    hash of the request as sent (see {@link IdempotencyRepository#hash})
     */
    public Result create(Caller caller, NewArticle request, String idempotencyKey, String requestHash) {
        if (idempotencyKey != null && !IdempotencyRepository.KEY.matcher(idempotencyKey).matches()) {
            throw new ProblemException(Problem.validation("Idempotency-Key", "must be 1 to 64 of A-Z a-z 0-9 _ -"));
        }
        List<MarketplaceLink> links = ArticleRules.validate(request, LocalDate.now(clock.withZone(KOREA)));
        try {
            return Transaction.run(dataSource.get(), c -> {
                var pre = ArticleRepository.preflight(c, caller.subject(), request.screenshotIds(), idempotencyKey);
                if (pre.replay().isPresent()) {
                    return replay(pre.replay().get(), requestHash);
                }
                long merchantId = pre.merchantId().orElseThrow(() -> new ProblemException(
                        Problem.forbidden("only merchants sell: POST /merchants first")));
                checkScreenshots(request.screenshotIds(), pre);
                byte[] reference = cipher.get().encrypt(request.reservation().bookingReference().strip(),
                        BOOKING_REFERENCE_AAD);
                var inserted = ArticleRepository.insert(c, merchantId, pre.userId(), request, reference,
                        request.screenshotIds(), links, UUID.randomUUID(), outboxPayload(request, pre.merchantName(), pre.userId()));
                // no Outbox.markWritten(): article.published is not urgent, and the SQS call after the
                // commit would be most of this endpoint's latency (docs/benchmarks.md); the minute
                // sweep publishes it
                if (inserted.linkedScreenshots() != request.screenshotIds().size()) {
                    // another article linked one of them between our read and our write: maybe a
                    // concurrent repeat of this very request, whose answer we then return
                    throw new LostRace();
                }
                String body = Json.write(detail(request, links, inserted, merchantId, pre.merchantName()));
                if (idempotencyKey != null) {
                    IdempotencyRepository.insert(c, pre.userId(), idempotencyKey, requestHash, 201, body);
                }
                return new Result(201, body, false);
            });
        } catch (LostRace e) {
            return storedAnswer(caller, idempotencyKey, requestHash).orElseThrow(() -> new ProblemException(
                    Problem.validation("screenshotIds", "a screenshot was just linked to another article")));
        } catch (DatabaseException e) {
            if (e.isUniqueViolation()) {
                // the same key raced us and committed first: answer with what it stored
                return storedAnswer(caller, idempotencyKey, requestHash).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    /** Thrown inside the transaction to roll it back when a concurrent request linked our screenshots first. */
    private static final class LostRace extends RuntimeException {
        LostRace() {
            super(null, null, false, false);
        }
    }

    private Optional<Result> storedAnswer(Caller caller, String idempotencyKey, String requestHash) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        return Transaction.read(dataSource.get(), c -> ArticleRepository.preflight(c, caller.subject(),
                        List.of(), idempotencyKey).replay())
                .map(stored -> replay(stored, requestHash));
    }

    /** The created article as the seller sees it, built from what was written: no read-back. */
    private static ArticleDetail detail(NewArticle a, List<MarketplaceLink> links, ArticleRepository.Inserted row,
                                        long merchantId, String merchantName) {
        var p = a.serviceProduct();
        var r = a.reservation();
        return new ArticleDetail(row.articleId(), "ON_SALE", 0, a.title().strip(),
                a.description() == null ? "" : a.description().strip(), a.accommodationName().strip(), a.region(),
                a.checkIn(), a.checkOut(), a.originalPrice(), a.salePrice(),
                new ArticleDetail.Seller(merchantId, merchantName),
                new ArticleDetail.Product(p.roomType().strip(), p.guests(),
                        p.options() == null ? Json.MAPPER.createObjectNode() : p.options()),
                new ArticleDetail.Booking(r.bookingPlatform(), r.guestName().strip(), r.transferMethod(),
                        r.bookingReference().strip()),
                a.screenshotIds().stream().sorted().toList(),
                links.stream().map(l -> new ArticleDetail.Link(l.source(), l.externalId(), l.url())).toList(),
                row.createdAt(), row.updatedAt());
    }

    private static Result replay(ArticleRepository.StoredResponse stored, String requestHash) {
        if (!stored.requestHash().equals(requestHash)) {
            throw new ProblemException(Problem.of(422, "idempotency-key-reused", "Idempotency-Key reused",
                    "this Idempotency-Key was used for a different request"));
        }
        return new Result(stored.status(), stored.body(), true);
    }

    /**
     * Each named screenshot must be the caller's, not linked yet, and uploaded: known from an S3
     * event, or else confirmed by one HEAD whose size and type match what was signed.
     */
    private void checkScreenshots(List<Long> ids, ArticleRepository.Preflight pre) {
        List<FieldError> errors = new ArrayList<>();
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
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.validation(errors));
        }
    }

    /**
     * The ops notification carries what it shows, merchant name included: its consumer joins nothing.
     * (The article id is added by the insert statement.)
     */
    /** The seller is told by alimtalk, operations by Discord with the merchant name as it is now (no join later). */
    public static String outboxPayload(NewArticle a, String merchantName, long sellerUserId) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "ARTICLE_PUBLISHED");
        payload.put("sellerUserId", sellerUserId);
        payload.put("merchantName", merchantName);
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
